import { Alert, Badge, Button, Group, List, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { competencyName, type Framework } from '@/lib/framework';
import { ApiError, describeError } from '@/lib/errors';
import { type ErrorTarget, setFieldErrors } from '@/lib/form-errors';
import { formatDate } from '@/lib/format';
import { fetchFeedback, useAcknowledgeFeedback, useUpdateFeedback } from './api/feedback';
import type { Feedback } from './api/types';
import { bodyOf, OneOnOneForm, ratingField, valuesOf, type OneOnOneValues } from './OneOnOneForm';

type TextKey = 'strengths' | 'gaps' | 'nextSteps' | 'needToSee';
const textOf = (f: Feedback, key: TextKey): string => f[key] ?? '';
const TEXTS: [TextKey, string][] = [
  ['strengths', 'Strengths'],
  ['gaps', 'Gaps'],
  ['nextSteps', 'Next steps'],
  ['needToSee', 'What I would need to see'],
];

/** What another edit changed between the version the editor started from and the one stored now. */
function changesBetween(before: Feedback, now: Feedback, framework: Framework): string[] {
  const out: string[] = [];
  if (before.occurredOn !== now.occurredOn)
    out.push(`Date: ${formatDate(before.occurredOn)} → ${formatDate(now.occurredOn)}`);
  if (before.visibility !== now.visibility) out.push(`Visibility: ${before.visibility} → ${now.visibility}`);
  for (const [key, label] of TEXTS) {
    if (textOf(before, key) !== textOf(now, key))
      out.push(`${label}: “${textOf(before, key)}” → “${textOf(now, key)}”`);
  }
  const ratings = (f: Feedback) => Object.fromEntries(f.ratings.map((r) => [r.competency, r.rating]));
  const [a, b] = [ratings(before), ratings(now)];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[key] !== b[key])
      out.push(`${competencyName(framework, key)}: ${a[key] ?? 'not rated'} → ${b[key] ?? 'not rated'}`);
  }
  return out;
}

function EditFeedback({ entry, framework, onClose }: { entry: Feedback; framework: Framework; onClose: () => void }) {
  const update = useUpdateFeedback(entry.menteeId);
  const [base, setBase] = useState(entry);
  const [conflict, setConflict] = useState<{ changes: string[]; mine: OneOnOneValues } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const save = async (values: OneOnOneValues, version: number, form?: ErrorTarget) => {
    setFailure(null);
    const { body, ratingKeys } = bodyOf(values);
    try {
      // The body is the create shape, which PATCH accepts.
      await update.mutateAsync({ id: entry.id, version, body });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        const now = await fetchFeedback(entry.id);
        setConflict({ changes: changesBetween(base, now, framework), mine: values });
        setBase(now);
        return;
      }
      if (form) setFieldErrors(form, e, ratingField(ratingKeys));
      setFailure(describeError(e));
    }
  };

  return (
    <Modal opened onClose={onClose} title="Edit the one-on-one" size="lg">
      <Stack>
        {failure && (
          <Alert color="red" role="alert" title="Not saved">
            {failure}
          </Alert>
        )}
        {conflict ? (
          <Paper withBorder p="md" role="alert">
            <Title order={3} size="h5" mb="xs">
              Someone changed this entry while you were editing
            </Title>
            <Stack gap="xs">
              <Text size="sm">Since you opened it:</Text>
              <List size="sm">
                {conflict.changes.length === 0 ? (
                  <List.Item>nothing you can see changed</List.Item>
                ) : (
                  conflict.changes.map((c) => <List.Item key={c}>{c}</List.Item>)
                )}
              </List>
              <Group>
                <Button onClick={() => void save(conflict.mine, base.version)}>Re-apply my changes</Button>
                <Button variant="outline" onClick={onClose}>
                  Keep theirs
                </Button>
              </Group>
            </Stack>
          </Paper>
        ) : (
          <OneOnOneForm
            framework={framework}
            initial={valuesOf(entry, framework)}
            submitLabel="Save changes"
            onCancel={onClose}
            onSubmit={(values, form) => save(values, base.version, form)}
          />
        )}
      </Stack>
    </Modal>
  );
}

/** The feedback history, newest first: private notes marked, edit for the author, acknowledge for the mentee. */
export function FeedbackTimeline({
  entries,
  framework,
  myId,
  canAcknowledge = false,
}: {
  entries: Feedback[];
  framework: Framework;
  myId: string | undefined;
  canAcknowledge?: boolean;
}) {
  const [editing, setEditing] = useState<Feedback | null>(null);
  const acknowledge = useAcknowledgeFeedback(entries[0]?.menteeId ?? '');
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Feedback
        </Title>
        {entries.length === 0 && <Text>No feedback yet.</Text>}
        <Stack gap="md" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {entries.map((f) => (
            <li key={f.id}>
              <Paper withBorder p="sm" bg={f.visibility === 'private' ? 'yellow.0' : undefined}>
                <Stack gap={6}>
                  <Group gap="xs">
                    <Title order={3} size="h5">
                      {formatDate(f.occurredOn)} — {f.authorName}
                    </Title>
                    {f.visibility === 'private' ? (
                      <Badge color="yellow.9" variant="filled">
                        Private note: only you can read it
                      </Badge>
                    ) : (
                      <Badge color="gray.8" variant="outline">
                        Shared
                      </Badge>
                    )}
                    {f.acknowledgedAt && (
                      <Badge color="green.9" variant="outline">
                        Acknowledged {formatDate(f.acknowledgedAt)}
                      </Badge>
                    )}
                  </Group>
                  {f.ratings.length > 0 && (
                    <Text size="sm">
                      {f.ratings.map((r) => `${competencyName(framework, r.competency)} ${r.rating}/5`).join(' · ')}
                    </Text>
                  )}
                  {TEXTS.map(([key, label]) =>
                    textOf(f, key) ? (
                      <Text key={key} size="sm">
                        <Text span fw={600}>
                          {label}:
                        </Text>{' '}
                        {textOf(f, key)}
                      </Text>
                    ) : null,
                  )}
                  <Group gap="xs">
                    {f.authorId === myId && (
                      <Button size="xs" variant="outline" onClick={() => setEditing(f)}>
                        Edit entry of {formatDate(f.occurredOn)}
                      </Button>
                    )}
                    {canAcknowledge && f.visibility === 'shared' && f.acknowledgedVersion !== f.version && (
                      <Button size="xs" loading={acknowledge.isPending} onClick={() => acknowledge.mutate(f.id)}>
                        Acknowledge feedback of {formatDate(f.occurredOn)}
                      </Button>
                    )}
                  </Group>
                </Stack>
              </Paper>
            </li>
          ))}
        </Stack>
      </Stack>
      {editing && <EditFeedback entry={editing} framework={framework} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
