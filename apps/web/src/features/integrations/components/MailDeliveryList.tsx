import { Box, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ScrollRegion } from '@/components/ScrollRegion';
import { formatDateTime } from '@/lib/format';
import type { MailDelivery } from '../api';
import { MAIL_STATUS } from '../labels';
import { StatusBadge } from './StatusBadge';

const kindLabel = (kind: string) => kind.replace(/_/g, ' ');

/** The deliveries as a table on wide screens and as one card per e-mail on a phone, where every field stays in view. */
export function MailDeliveryList({ items, caption }: { items: MailDelivery[]; caption: string }) {
  return (
    <>
      <Box visibleFrom="sm">
        <ScrollRegion label="E-mail deliveries" minWidth={820}>
          <Table striped>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Recipient</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Attempts</Table.Th>
                <Table.Th scope="col">Last error</Table.Th>
                <Table.Th scope="col">Queued (UTC)</Table.Th>
                <Table.Th scope="col">Last change (UTC)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => {
                return (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      {d.recipientName}
                      <Text size="sm" c="dimmed">
                        {d.recipientEmail}
                      </Text>
                    </Table.Td>
                    <Table.Td>{kindLabel(d.kind)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={MAIL_STATUS[d.status]} />
                    </Table.Td>
                    <Table.Td>{d.attempts}</Table.Td>
                    <Table.Td maw={260} style={{ overflowWrap: 'anywhere' }}>
                      {d.lastError ?? '—'}
                    </Table.Td>
                    <Table.Td>{formatDateTime(d.createdAt)}</Table.Td>
                    <Table.Td>{formatDateTime(d.sentAt ?? d.updatedAt)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </Box>
      <Stack hiddenFrom="sm" gap="sm">
        <Text size="sm">{caption}</Text>
        <Stack component="ul" aria-label="E-mail deliveries" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((d) => {
            return (
              <Paper component="li" key={d.id} withBorder p="sm">
                <Stack gap={6}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Text fw={700}>{d.recipientName}</Text>
                    <StatusBadge status={MAIL_STATUS[d.status]} />
                  </Group>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {d.recipientEmail}
                  </Text>
                  <SimpleGrid component="dl" cols={2} spacing={4} verticalSpacing={4} m={0}>
                    <Field term="Kind">{kindLabel(d.kind)}</Field>
                    <Field term="Attempts">{d.attempts}</Field>
                    <Field term="Queued (UTC)">{formatDateTime(d.createdAt)}</Field>
                    <Field term="Last change (UTC)">{formatDateTime(d.sentAt ?? d.updatedAt)}</Field>
                  </SimpleGrid>
                  {d.lastError && (
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      <strong>Last error:</strong> {d.lastError}
                    </Text>
                  )}
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      </Stack>
    </>
  );
}

function Field({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" fw={700}>
        {term}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}
