import { Alert, Button, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '@/lib/errors';
import { formatDate, PHASE_LABEL } from '@/lib/format';
import { usePhaseHistory } from '../api/mentees';

/** The phases a mentee went through, who moved them and why; loaded when opened, so the page stays at three requests. */
export function PhaseHistoryPanel({ menteeId }: { menteeId: string }) {
  const [open, setOpen] = useState(false);
  const history = usePhaseHistory(menteeId, open);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Phase history
        </Title>
        <Button variant="subtle" w="fit-content" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide the phase history' : 'Show the phase history'}
        </Button>
        {open && history.error && (
          <Alert color="red" role="alert">
            {describeError(history.error)}
          </Alert>
        )}
        {open && !history.data && !history.error && <Text>Loading the phase history…</Text>}
        {open && history.data && (
          <List spacing="xs" aria-label="Phase changes">
            {history.data.items.map((change) => (
              <List.Item key={change.id}>
                <Text>
                  {formatDate(change.changedAt)}:{' '}
                  {change.fromPhase
                    ? `${PHASE_LABEL[change.fromPhase]} → ${PHASE_LABEL[change.toPhase]}`
                    : `enrolled in ${PHASE_LABEL[change.toPhase]}`}
                  , by {change.changedByName}
                </Text>
                {change.note && (
                  <Text size="sm" c="gray.8">
                    {change.note}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}
