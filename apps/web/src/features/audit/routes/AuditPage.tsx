import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { Page } from '@/components/Page';
import { Pager, useCursorPages } from '@/components/Pager';
import { PersonPicker } from '@/components/PersonPicker';
import { ScrollRegion } from '@/components/ScrollRegion';
import { ApiError, describeError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/form-errors';
import { formatDateTime } from '@/lib/format';
import { useAuditActions, useAuditEvents, type AuditEvent, type AuditFilter } from '../api';

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

const KINDS = [
  { value: 'changes', label: 'Changes' },
  { value: 'reads', label: 'Reads of personal data' },
  { value: 'all', label: 'Changes and reads' },
];

/** The fields an update records, in words. */
const FIELD_LABEL: Record<string, string> = {
  name: 'Name',
  email: 'E-mail',
  roles: 'Roles',
  active: 'Active',
  breakGlass: 'Password sign-in under single sign-on',
  password: 'Password',
};

/** A calendar day (UTC) as the instant it starts; `to` is exclusive, so the day after the last one. */
const dayStart = (day: string, plusDays = 0) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString();

const who = (e: AuditEvent) => e.actorName ?? (e.actorId ? 'someone removed' : 'the system');

/** The object: its kind, and its name (a link for a mentee) or, when it has none, a short id. */
function ObjectCell({ e }: { e: AuditEvent }) {
  const kind = e.objectType.replace(/_/g, ' ');
  const label = e.objectName ?? e.objectId?.slice(0, 8) ?? '';
  return (
    <>
      <Text span inherit c="dimmed">
        {kind}
      </Text>{' '}
      {e.objectType === 'mentee' && e.objectId ? (
        <Anchor component={Link} to={`/mentees/${e.objectId}`} aria-label={`mentee ${e.objectName ?? e.objectId}`}>
          {label}
        </Anchor>
      ) : (
        <span>{label}</span>
      )}
    </>
  );
}

/** What an update changed, one line per field: before → after. */
function Changes({ e }: { e: AuditEvent }) {
  if (e.changes.length === 0) return null;
  return (
    <List size="sm" spacing={2} aria-label="What changed">
      {e.changes.map((c) => (
        <List.Item key={c.field}>
          {FIELD_LABEL[c.field] ?? c.field}: {c.from ?? '—'} → {c.to ?? '—'}
        </List.Item>
      ))}
    </List>
  );
}

function Outcome({ e }: { e: AuditEvent }) {
  return e.outcome === 'denied' ? (
    <Badge color="red.9" variant="filled">
      Refused
    </Badge>
  ) : (
    <span>Done</span>
  );
}

/**
 * HR's audit trail: who did what to which object, and whether it was allowed; changes by
 * default, reads of personal data on request. A table on a desk, one card per event on a phone.
 */
export default function AuditPage() {
  const actions = useAuditActions();
  const pages = useCursorPages();
  const [filter, setFilter] = useState<AuditFilter>({ kind: 'changes' });
  const events = useAuditEvents({ ...filter, cursor: pages.cursor });
  const form = useForm({
    initialValues: { actorId: '', kind: 'changes', objectType: '', action: '', from: '', to: '' },
    validate: {
      to: (v, all) => (v && all.from && v < all.from ? 'The last day comes on or after the first' : null),
    },
  });
  const apply = form.onSubmit((v) => {
    pages.reset();
    setFilter({
      actorId: v.actorId || undefined,
      kind: v.action ? 'all' : (v.kind as AuditFilter['kind']),
      objectType: v.objectType || undefined,
      action: v.action || undefined,
      from: v.from ? dayStart(v.from) : undefined,
      to: v.to ? dayStart(v.to, 1) : undefined,
    });
  });
  const fieldErrors = fieldErrorsOf(events.error);
  const actionOptions = (actions.data ?? [])
    .filter((a) => form.values.kind === 'all' || (form.values.kind === 'reads') === (a.kind === 'read'))
    .map((a) => ({ value: a.action, label: a.label }));
  const items = events.data?.items ?? [];
  const caption = `${items.length} events on this page`;
  return (
    <Page title="Audit trail">
      <Text>
        Every change and every refused attempt, newest first; reads of personal data on request. Times are UTC.
      </Text>
      <form onSubmit={(e) => void apply(e)} noValidate aria-label="Filter the audit trail">
        <Group align="flex-start" wrap="wrap">
          <PersonPicker
            label="Who"
            placeholder="Anyone"
            activeOnly={false}
            w={260}
            maw="100%"
            value={form.values.actorId || null}
            onChange={(id) => form.setFieldValue('actorId', id ?? '')}
          />
          <NativeSelect
            label="Show"
            data={KINDS}
            {...form.getInputProps('kind')}
            onChange={(e) => {
              form.setFieldValue('kind', e.currentTarget.value);
              form.setFieldValue('action', '');
            }}
          />
          <NativeSelect
            label="Object"
            data={[
              { value: '', label: 'Any object' },
              ...OBJECT_TYPES.map((t) => ({ value: t, label: t.replace(/_/g, ' ') })),
            ]}
            {...form.getInputProps('objectType')}
          />
          <Select
            label="Action"
            placeholder="Any action"
            searchable
            clearable
            w={260}
            maw="100%"
            data={actionOptions}
            nothingFoundMessage="No such action"
            value={form.values.action || null}
            onChange={(v) => form.setFieldValue('action', v ?? '')}
            error={fieldErrors.action}
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
          {items.length === 0 ? (
            <Text>No events match.</Text>
          ) : (
            <>
              <Box visibleFrom="sm">
                <ScrollRegion label="Audit events" minWidth={860}>
                  <Table striped>
                    <Table.Caption>{caption}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">When (UTC)</Table.Th>
                        <Table.Th scope="col">Who</Table.Th>
                        <Table.Th scope="col">Action</Table.Th>
                        <Table.Th scope="col">Object</Table.Th>
                        <Table.Th scope="col">What changed</Table.Th>
                        <Table.Th scope="col">Outcome</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {items.map((e) => (
                        <Table.Tr key={e.id}>
                          <Table.Td>{formatDateTime(e.occurredAt)}</Table.Td>
                          <Table.Td>{who(e)}</Table.Td>
                          <Table.Td>{e.actionLabel}</Table.Td>
                          <Table.Td>
                            <ObjectCell e={e} />
                          </Table.Td>
                          <Table.Td>
                            <Changes e={e} />
                          </Table.Td>
                          <Table.Td>
                            <Outcome e={e} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollRegion>
              </Box>
              <Stack hiddenFrom="sm" gap="sm">
                <Stack
                  component="ul"
                  aria-label={`Audit events: ${caption}`}
                  gap="sm"
                  p={0}
                  m={0}
                  style={{ listStyle: 'none' }}
                >
                  {items.map((e) => (
                    <Paper component="li" key={e.id} withBorder p="sm">
                      <Stack gap={4}>
                        <Group justify="space-between" wrap="nowrap" align="flex-start">
                          <Text fw={700}>{e.actionLabel}</Text>
                          <Outcome e={e} />
                        </Group>
                        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                          <ObjectCell e={e} />
                        </Text>
                        <Text size="sm">
                          {who(e)} · {formatDateTime(e.occurredAt)} UTC
                        </Text>
                        <Changes e={e} />
                      </Stack>
                    </Paper>
                  ))}
                </Stack>
              </Stack>
            </>
          )}
          <Pager label="Audit trail" pages={pages} nextCursor={events.data.nextCursor} />
        </Stack>
      )}
    </Page>
  );
}
