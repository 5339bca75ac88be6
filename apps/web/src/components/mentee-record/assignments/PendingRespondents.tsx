import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { QueryError } from '@/components/ErrorPages';
import { Loading } from '@/components/Loading';
import { describeError } from '@/lib/errors';
import { useDecideRespondents, usePendingRespondents, type Assignment } from '../api/assignments';

/**
 * The approval step: outside addresses the mentee asked get no mail until the line manager or HR
 * approves them, so nobody can fill the threshold with mailboxes of their own.
 */
export function PendingRespondents({ assignment }: { assignment: Assignment }) {
  const pending = usePendingRespondents(assignment.id, true);
  const decide = useDecideRespondents(assignment.menteeId, assignment.id);
  const [failure, setFailure] = useState<string | null>(null);
  const headingId = `pending-${assignment.id}`;
  if (pending.error) return <QueryError error={pending.error} retry={() => void pending.refetch()} />;
  if (!pending.data) return <Loading label="Loading the addresses to approve" />;
  const run = (requestIds: string[], decision: 'approve' | 'decline') => {
    setFailure(null);
    decide.mutate({ requestIds, decision }, { onError: (e) => setFailure(describeError(e)) });
  };
  return (
    <Stack gap={4} component="section" aria-labelledby={headingId}>
      <Title order={4} size="h6" id={headingId}>
        Outside addresses to approve for “{assignment.title}”
      </Title>
      <Text size="sm">Approve only people who were led in this work; they are mailed their link when you approve.</Text>
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      {pending.data.items.length === 0 ? (
        <Text size="sm">Nothing waits for approval.</Text>
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {pending.data.items.map((p) => (
            <Group key={p.id} gap="xs" component="li">
              <Text size="sm">
                {p.name} ({p.email})
              </Text>
              <Button size="compact-xs" loading={decide.isPending} onClick={() => run([p.id], 'approve')}>
                Approve {p.email}
              </Button>
              <Button
                size="compact-xs"
                variant="outline"
                loading={decide.isPending}
                onClick={() => run([p.id], 'decline')}
              >
                Decline {p.email}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
