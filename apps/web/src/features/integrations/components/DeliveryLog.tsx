import { Alert, Stack, Table, Text } from '@mantine/core';
import { Pager, useCursorPages } from '@/components/Pager';
import { ScrollRegion } from '@/components/ScrollRegion';
import { describeError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { useWebhookDeliveries, type WebhookDelivery } from '../api';
import { WEBHOOK_STATUS } from '../labels';
import { StatusBadge } from './StatusBadge';

/** What the last attempt got back: the status code, or why no answer came. */
function lastAnswer(d: WebhookDelivery): string {
  const last = d.log.at(-1);
  if (!last) return 'not tried yet';
  if (last.statusCode !== null) return last.error ? `${last.statusCode}: ${last.error}` : String(last.statusCode);
  return last.error ?? 'no answer';
}

/** An endpoint's deliveries, newest first: status, attempts, the last answer and the next retry. */
export function DeliveryLog({ webhookId, label }: { webhookId: string; label: string }) {
  const pages = useCursorPages();
  const deliveries = useWebhookDeliveries(webhookId, pages.cursor);
  if (deliveries.error) {
    return (
      <Alert color="red" role="alert" title="The delivery log could not be loaded">
        {describeError(deliveries.error)}
      </Alert>
    );
  }
  if (!deliveries.data) return <Text size="sm">Loading the delivery log…</Text>;
  if (deliveries.data.items.length === 0) return <Text size="sm">Nothing was sent to this endpoint yet.</Text>;
  return (
    <Stack gap="xs">
      <ScrollRegion label={label} minWidth={760}>
        <Table striped>
          <Table.Caption>{label}, newest first (times UTC)</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Event</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Attempts</Table.Th>
              <Table.Th scope="col">Last answer</Table.Th>
              <Table.Th scope="col">Next retry</Table.Th>
              <Table.Th scope="col">Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.data.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.eventType}</Table.Td>
                <Table.Td>
                  <StatusBadge status={WEBHOOK_STATUS[d.status]} />
                </Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td maw={240} style={{ overflowWrap: 'anywhere' }}>
                  {lastAnswer(d)}
                </Table.Td>
                <Table.Td>{d.status === 'retrying' ? formatDateTime(d.nextAttemptAt) : '—'}</Table.Td>
                <Table.Td>{formatDateTime(d.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      <Pager label={label} pages={pages} nextCursor={deliveries.data.nextCursor} />
    </Stack>
  );
}
