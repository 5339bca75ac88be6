import { Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { components } from '@/lib/api/schema';
import { formatPercent } from '@/lib/format';
import { LevelBadge } from './Readiness';

type Readiness = components['schemas']['ReadinessResponse'];

/** The score and each of its three parts, in words and numbers. */
export function ReadinessSummary({ readiness }: { readiness: Readiness }) {
  const { milestones: m, competencies: c, goals: g } = readiness.components;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group gap="md" align="center">
          <Title order={2} size="h3">
            Readiness {readiness.score} / 100
          </Title>
          <LevelBadge level={readiness.level} />
        </Group>
        <List spacing={4}>
          <List.Item>
            <Text span fw={600}>
              Milestones {formatPercent(m.value)}
            </Text>{' '}
            — {m.verified} of {m.required} required milestones of this phase verified (counts {formatPercent(m.weight)}{' '}
            of the score).
          </List.Item>
          <List.Item>
            <Text span fw={600}>
              Competencies {formatPercent(c.value)}
            </Text>{' '}
            — {c.rated} of {c.total} competencies rated in shared feedback this year; a mean rating of 5 everywhere
            would be 100% (counts {formatPercent(c.weight)}).
          </List.Item>
          <List.Item>
            <Text span fw={600}>
              Goals {formatPercent(g.value)}
            </Text>{' '}
            — {g.achieved} confirmed achieved, {g.open} still open (counts {formatPercent(g.weight)}).
          </List.Item>
        </List>
      </Stack>
    </Paper>
  );
}
