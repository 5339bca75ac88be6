import { List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { components } from '@/lib/api/schema';

type Gap = components['schemas']['ReadinessGap'];

/** What the person can do about each kind of gap. */
const NEXT_STEP: Record<Gap['type'], string> = {
  milestone: 'Next step: record your evidence for it and ask your manager to verify it.',
  competency: 'Next step: ask for a one-on-one where this competency is rated, and work on it with your manager.',
  goal: 'Next step: finish it, move its date with your manager, or drop it.',
  feedback: 'Next step: book a one-on-one with your manager.',
  led_feedback: 'Next step: take on a stretch assignment and ask the people you led for feedback on it.',
};

/** A claimed goal waits for someone else: finishing, moving or dropping it is not the step. */
const nextStep = (gap: Gap) =>
  gap.type === 'goal' && gap.awaitingConfirmation
    ? 'Next step: your line manager (or HR) confirms it; nothing more is needed from you until then.'
    : NEXT_STEP[gap.type];

/** Every reason the score is not higher, as an unchecked checklist, optionally with next steps. */
export function GapsChecklist({
  gaps,
  withNextSteps = false,
  needToSee,
}: {
  gaps: Gap[];
  withNextSteps?: boolean;
  needToSee?: { text: string; authorName: string } | null;
}) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          What holds readiness back
        </Title>
        {gaps.length === 0 ? (
          <Text>Nothing: every required milestone, competency and goal is where it should be.</Text>
        ) : (
          <List
            spacing="sm"
            aria-label="Gaps"
            icon={
              <ThemeIcon size={18} radius="xl" variant="outline" color="gray.8" aria-hidden>
                {' '}
              </ThemeIcon>
            }
          >
            {gaps.map((gap, i) => (
              <List.Item key={i}>
                <Text>{gap.message}</Text>
                {withNextSteps && (
                  <Text size="sm" c="gray.8">
                    {nextStep(gap)}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
        {needToSee && (
          <Text>
            <Text span fw={600}>
              What {needToSee.authorName} would need to see:
            </Text>{' '}
            {needToSee.text}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
