import { Alert, Button, Fieldset, Group, Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { describeError } from '@/lib/errors';
import { setFieldErrors } from '@/lib/form-errors';
import { formatDate, formatDecimal, SUGGESTION_LABEL } from '@/lib/format';
import { useCreateAssessment } from './api/assessments';
import type { Answers, Assessment } from './api/types';
import { ScrollRegion } from '@/components/ScrollRegion';

/** The nine signs of "is management right for me?", fit signs first. */
export const SIGNS: { key: keyof Answers; label: string; fit: boolean }[] = [
  { key: 'mentors_others', label: 'Mentors others unprompted', fit: true },
  { key: 'systems_thinking', label: 'Thinks in systems beyond technology', fit: true },
  { key: 'gives_up_hands_on', label: 'Willing to give up hands-on work', fit: true },
  { key: 'uncomfortable_conversations', label: 'Handles uncomfortable conversations', fit: true },
  { key: 'patient_with_ambiguity', label: 'Patient with ambiguity', fit: true },
  { key: 'loves_craft', label: 'Loves the craft itself', fit: false },
  { key: 'heads_down_focus', label: 'Best days are heads-down', fit: false },
  { key: 'prefers_solvable_problems', label: 'Prefers problems that have solutions', fit: false },
  { key: 'money_or_title', label: 'Would do it only for money or title', fit: false },
];

/** The form's choices as the answers: every sign named, so the compiler holds them equal to Answers. */
function answersOf(values: Record<keyof Answers, string>): Answers {
  const n = (key: keyof Answers) => Number(values[key]);
  return {
    mentors_others: n('mentors_others'),
    systems_thinking: n('systems_thinking'),
    gives_up_hands_on: n('gives_up_hands_on'),
    uncomfortable_conversations: n('uncomfortable_conversations'),
    patient_with_ambiguity: n('patient_with_ambiguity'),
    loves_craft: n('loves_craft'),
    heads_down_focus: n('heads_down_focus'),
    prefers_solvable_problems: n('prefers_solvable_problems'),
    money_or_title: n('money_or_title'),
  };
}

const signed = (n: number) => (n > 0 ? `+${formatDecimal(n)}` : formatDecimal(n));

function Result({ title, a }: { title: string; a: Assessment | null | undefined }) {
  if (!a) return <Text>{title}: not answered yet.</Text>;
  return (
    <Text>
      <Text span fw={600}>
        {title} ({formatDate(a.createdAt)}):
      </Text>{' '}
      fit {signed(a.fit)} on a scale from −4 to +4, which suggests {SUGGESTION_LABEL[a.suggestion]}.
    </Text>
  );
}

/** Both views side by side with the per-sign gap, and the form for the caller's own view. */
export function AssessmentPanel({
  menteeId,
  self,
  manager,
  kind,
}: {
  menteeId: string;
  self: Assessment | null | undefined;
  manager: Assessment | null | undefined;
  kind: 'self' | 'manager';
}) {
  const create = useCreateAssessment(menteeId);
  const mine = kind === 'self' ? self : manager;
  const [editing, setEditing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const initial = Object.fromEntries(SIGNS.map((s) => [s.key, mine ? String(mine.answers[s.key]) : ''])) as Record<
    keyof Answers,
    string
  >;
  const form = useForm({
    initialValues: initial,
    validate: Object.fromEntries(SIGNS.map((s) => [s.key, (v: string) => (v ? null : 'Choose 1 to 5')])),
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      const answers = answersOf(values);
      await create.mutateAsync({ kind, answers });
      setEditing(false);
    } catch (e) {
      setFieldErrors(form, e);
      setFailure(describeError(e));
    }
  });
  const gap = (self?.gap ?? null) as { perSign: Record<string, number> } | null;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Is management right for {kind === 'self' ? 'me' : 'them'}?
        </Title>
        <Result title="Self-assessment" a={self} />
        <Result title="Manager’s view" a={manager} />
        {self && manager && gap && (
          <ScrollRegion label="Self-assessment against the manager’s view" minWidth={420}>
            <Table>
              <Table.Caption>Per sign: the self-assessment minus the manager’s view (1–5 each)</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Sign</Table.Th>
                  <Table.Th scope="col">Self</Table.Th>
                  <Table.Th scope="col">Manager</Table.Th>
                  <Table.Th scope="col">Gap</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {SIGNS.map((s) => (
                  <Table.Tr key={s.key}>
                    <Table.Th scope="row" fw={500}>
                      {s.label}
                    </Table.Th>
                    <Table.Td>{self.answers[s.key]}</Table.Td>
                    <Table.Td>{manager.answers[s.key]}</Table.Td>
                    <Table.Td>{signed(gap.perSign[s.key] ?? 0)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
        {failure && (
          <Alert color="red" role="alert" title="Not saved">
            {failure}
          </Alert>
        )}
        {editing ? (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack gap="sm">
              <Fieldset legend="How true is each sign? 1 = not at all, 5 = completely">
                <Stack gap="sm">
                  {SIGNS.map((s) => (
                    <Radio.Group key={s.key} label={s.label} {...form.getInputProps(s.key)}>
                      <Group gap="md" mt={4}>
                        {['1', '2', '3', '4', '5'].map((n) => (
                          <Radio key={n} value={n} label={n} aria-label={`${s.label}: ${n}`} />
                        ))}
                      </Group>
                    </Radio.Group>
                  ))}
                </Stack>
              </Fieldset>
              <Group>
                <Button type="submit" loading={create.isPending}>
                  Save the assessment
                </Button>
                <Button variant="outline" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Group>
            <Button variant="outline" onClick={() => setEditing(true)}>
              {kind === 'self' ? 'Take the self-assessment' : 'Give your view'}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
