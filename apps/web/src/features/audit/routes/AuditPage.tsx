import { Alert, Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { Page } from '@/components/Page';
import { ScrollRegion } from '@/components/ScrollRegion';
import { Pager, useCursorPages } from '@/components/Pager';
import { ApiError, describeError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/form-errors';
import { formatDateTime } from '@/lib/format';
import { useAuditEvents, useEveryone, type AuditFilter } from '../api';

const OBJECT_TYPES = [
  'user',
  'mentee',
  'feedback',
  'goal',
  'mentee_milestone',
  'milestone_template',
  'competency',
  'assessment',
  'assignment',
  'organization',
];

/** A calendar day (UTC) as the instant it starts; `to` is exclusive, so the day after the last one. */
const dayStart = (day: string, plusDays = 0) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString();

/** HR's audit trail: who did what to which object, and whether it was allowed; filtered and paged. */
export default function AuditPage() {
  const everyone = useEveryone();
  const pages = useCursorPages();
  const [filter, setFilter] = useState<AuditFilter>({});
  const events = useAuditEvents({ ...filter, cursor: pages.cursor });
  const form = useForm({
    initialValues: { actorId: '', objectType: '', action: '', from: '', to: '' },
    validate: {
      action: (v) => (!v || /^[a-z_.:]+$/.test(v.trim()) ? null : 'An action code such as mentee.update'),
      to: (v, all) => (v && all.from && v < all.from ? 'The last day comes on or after the first' : null),
    },
  });
  const apply = form.onSubmit((v) => {
    pages.reset();
    setFilter({
      actorId: v.actorId || undefined,
      objectType: v.objectType || undefined,
      action: v.action.trim() || undefined,
      from: v.from ? dayStart(v.from) : undefined,
      to: v.to ? dayStart(v.to, 1) : undefined,
    });
  });
  const fieldErrors = fieldErrorsOf(events.error);
  return (
    <Page title="Audit trail">
      <Text>Every change and every refused attempt, newest first. Times are UTC.</Text>
      <form onSubmit={(e) => void apply(e)} noValidate aria-label="Filter the audit trail">
        <Group align="flex-start" wrap="wrap">
          <NativeSelect
            label="Who"
            data={[
              { value: '', label: 'Anyone' },
              ...(everyone.data?.items ?? []).map((u) => ({ value: u.id, label: u.name })),
            ]}
            {...form.getInputProps('actorId')}
          />
          <NativeSelect
            label="Object"
            data={[
              { value: '', label: 'Any object' },
              ...OBJECT_TYPES.map((t) => ({ value: t, label: t.replace(/_/g, ' ') })),
            ]}
            {...form.getInputProps('objectType')}
          />
          <TextInput
            label="Action"
            description="e.g. mentee.update"
            maxLength={64}
            {...form.getInputProps('action')}
            error={form.errors.action ?? fieldErrors.action}
          />
          <TextInput
            type="date"
            label="From (day)"
            {...form.getInputProps('from')}
            error={form.errors.from ?? fieldErrors.from}
          />
          <TextInput
            type="date"
            label="To (day)"
            {...form.getInputProps('to')}
            error={form.errors.to ?? fieldErrors.to}
          />
          <Button type="submit" mt={24}>
            Filter
          </Button>
        </Group>
      </form>
      {events.error && !(events.error instanceof ApiError && events.error.status === 400) && (
        <Alert color="red" role="alert">
          {describeError(events.error)}
        </Alert>
      )}
      {events.data && (
        <Stack gap="sm">
          {events.data.items.length === 0 ? (
            <Text>No events match.</Text>
          ) : (
            <ScrollRegion label="Audit events" minWidth={760}>
              <Table striped>
                <Table.Caption>{events.data.items.length} events on this page</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">When (UTC)</Table.Th>
                    <Table.Th scope="col">Who</Table.Th>
                    <Table.Th scope="col">Action</Table.Th>
                    <Table.Th scope="col">Object</Table.Th>
                    <Table.Th scope="col">Outcome</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {events.data.items.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{formatDateTime(e.occurredAt)}</Table.Td>
                      <Table.Td>{e.actorName ?? (e.actorId ? 'someone removed' : 'the system')}</Table.Td>
                      <Table.Td>{e.action}</Table.Td>
                      <Table.Td>
                        {e.objectType.replace(/_/g, ' ')}{' '}
                        {e.objectType === 'mentee' && e.objectId ? (
                          <Anchor component={Link} to={`/mentees/${e.objectId}`} aria-label={`mentee ${e.objectId}`}>
                            {e.objectId.slice(0, 8)}
                          </Anchor>
                        ) : (
                          e.objectId?.slice(0, 8)
                        )}
                      </Table.Td>
                      <Table.Td>
                        {e.outcome === 'denied' ? (
                          <Badge color="red.9" variant="filled">
                            Refused
                          </Badge>
                        ) : (
                          'Done'
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )}
          <Pager label="Audit trail" pages={pages} nextCursor={events.data.nextCursor} />
        </Stack>
      )}
    </Page>
  );
}
