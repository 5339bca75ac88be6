import { Alert, Badge, Box, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { Pager, useCursorPages } from '@/components/Pager';
import { ScrollRegion } from '@/components/ScrollRegion';
import { useSession } from '@/lib/auth';
import { describeError } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { useEnrolledUserIds, useResendInvitation, useUpdateUser, useUsers, type Role, type User } from '../api';
import { ROLE_LABEL, STATUS_LABEL } from '../labels';
import { CreateUserDialog } from './CreateUserDialog';
import { EditUserDialog } from './EditUserDialog';
import { EraseDialog, ExportDataDialog } from './DataRequestDialogs';
import { EnrolDialog } from './EnrolDialog';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: User }
  | { kind: 'enrol'; user: User }
  | { kind: 'active'; user: User }
  | { kind: 'export'; user: User }
  | { kind: 'erase'; user: User }
  | null;

function StatusBadge({ user }: { user: User }) {
  if (user.status === 'active') return <Text span>{STATUS_LABEL.active}</Text>;
  return (
    <Badge color={user.status === 'invited' ? 'blue.9' : 'gray.8'} variant="outline">
      {STATUS_LABEL[user.status]}
    </Badge>
  );
}

/**
 * Users: find anyone by name or address, create (with a password or an e-mailed invitation),
 * edit name, address and roles, resend an invitation, enrol as mentee, deactivate or reactivate.
 * A table on a desk; on a phone, one card per person with their name, status and roles first.
 */
export function UsersSection() {
  const { me } = useSession();
  const pages = useCursorPages();
  const [role, setRole] = useState('');
  const [active, setActive] = useState('true');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const users = useUsers({
    role: (role || undefined) as Role | undefined,
    active: active === '' ? undefined : active === 'true',
    q: q || undefined,
    cursor: pages.cursor,
  });
  const enrolled = useEnrolledUserIds();
  const update = useUpdateUser();
  const resend = useResendInvitation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<{ message: string; enrol?: User } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const close = () => setDialog(null);
  const done = (message: string, enrol?: User) => {
    setDialog(null);
    setNotice({ message, enrol });
  };
  const resendTo = (user: User) => {
    setFailure(null);
    resend.mutate(user.id, {
      onSuccess: () => done(`A new invitation is on its way to ${user.email}.`),
      onError: (e) => setFailure(describeError(e)),
    });
  };

  /** The buttons for one person: short words, the person's name in each accessible name. */
  const actions = (u: User) => (
    <>
      <Button
        size="xs"
        variant="outline"
        aria-label={`Edit ${u.name}`}
        onClick={() => setDialog({ kind: 'edit', user: u })}
      >
        Edit
      </Button>
      {u.status === 'invited' && (
        <Button
          size="xs"
          variant="outline"
          aria-label={`Resend the invitation to ${u.name}`}
          loading={resend.isPending && resend.variables === u.id}
          onClick={() => resendTo(u)}
        >
          Resend invitation
        </Button>
      )}
      {u.active && u.roles.includes('mentee') && enrolled.data && !enrolled.data.has(u.id) && (
        <Button
          size="xs"
          variant="outline"
          aria-label={`Enrol ${u.name}`}
          onClick={() => setDialog({ kind: 'enrol', user: u })}
        >
          Enrol
        </Button>
      )}
      {u.id !== me?.user.id && (
        <Button
          size="xs"
          variant="outline"
          color={u.active ? 'red.9' : undefined}
          aria-label={`${u.active ? 'Deactivate' : 'Reactivate'} ${u.name}`}
          onClick={() => setDialog({ kind: 'active', user: u })}
        >
          {u.active ? 'Deactivate' : 'Reactivate'}
        </Button>
      )}
      <Button
        size="xs"
        variant="outline"
        aria-label={`Export data of ${u.name}`}
        onClick={() => setDialog({ kind: 'export', user: u })}
      >
        Export data
      </Button>
      {u.id !== me?.user.id && (
        <Button
          size="xs"
          variant="outline"
          color="red.9"
          aria-label={`Erase ${u.name}`}
          onClick={() => setDialog({ kind: 'erase', user: u })}
        >
          Erase
        </Button>
      )}
    </>
  );
  const roles = (u: User) => u.roles.map((r) => ROLE_LABEL[r]).join(', ') || 'No role yet';
  const caption = users.data ? `${users.data.items.length} users on this page` : '';

  return (
    <Stack gap="sm">
      <Group align="flex-end" justify="space-between" wrap="wrap">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            type="search"
            label="Find"
            placeholder="Name or e-mail"
            maxLength={100}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              pages.reset();
            }}
          />
          <NativeSelect
            label="Role"
            data={[
              { value: '', label: 'Any role' },
              ...Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label })),
            ]}
            value={role}
            onChange={(e) => {
              setRole(e.currentTarget.value);
              pages.reset();
            }}
          />
          <NativeSelect
            label="Status"
            data={[
              { value: 'true', label: 'Active or invited' },
              { value: 'false', label: 'Deactivated' },
              { value: '', label: 'Everyone' },
            ]}
            value={active}
            onChange={(e) => {
              setActive(e.currentTarget.value);
              pages.reset();
            }}
          />
        </Group>
        <Button onClick={() => setDialog({ kind: 'create' })}>Create a user</Button>
      </Group>
      {notice && (
        <Alert color="green.9" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
          <Group gap="sm">
            <Text span>{notice.message}</Text>
            {notice.enrol && (
              <Button size="xs" onClick={() => setDialog({ kind: 'enrol', user: notice.enrol! })}>
                Enrol {notice.enrol.name} now
              </Button>
            )}
          </Group>
        </Alert>
      )}
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      {users.error && <Text role="alert">{describeError(users.error)}</Text>}
      {users.data && users.data.items.length === 0 && <Text>Nobody matches.</Text>}
      {users.data && users.data.items.length > 0 && (
        <>
          <Box visibleFrom="sm">
            <ScrollRegion label="Users" minWidth={760}>
              <Table striped>
                <Table.Caption>{caption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Name</Table.Th>
                    <Table.Th scope="col">E-mail</Table.Th>
                    <Table.Th scope="col">Roles</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Actions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {users.data.items.map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Th scope="row" fw={500}>
                        {u.name}
                      </Table.Th>
                      <Table.Td>{u.email}</Table.Td>
                      <Table.Td>{roles(u)}</Table.Td>
                      <Table.Td>
                        <StatusBadge user={u} />
                        {u.invitedAt && (
                          <Text size="xs" c="dimmed">
                            sent {formatDate(u.invitedAt)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          {actions(u)}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          </Box>
          <Stack hiddenFrom="sm" gap="sm">
            <Stack component="ul" aria-label={`Users: ${caption}`} gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
              {users.data.items.map((u) => (
                <Paper component="li" key={u.id} withBorder p="sm">
                  <Stack gap={6}>
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      <Text fw={700}>{u.name}</Text>
                      <StatusBadge user={u} />
                    </Group>
                    <Text size="sm">{roles(u)}</Text>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {u.email}
                    </Text>
                    {u.invitedAt && <Text size="xs">Invitation sent {formatDate(u.invitedAt)}</Text>}
                    <Group gap="xs">{actions(u)}</Group>
                  </Stack>
                </Paper>
              ))}
            </Stack>
          </Stack>
        </>
      )}
      <Pager label="Users" pages={pages} nextCursor={users.data?.nextCursor} />

      {dialog?.kind === 'create' && (
        <CreateUserDialog
          onClose={close}
          onCreated={(user, invited) =>
            done(
              invited
                ? `${user.name} is created; an invitation to choose a password is on its way to ${user.email}.`
                : `${user.name} is created and can sign in with the password you chose.`,
              user.roles.includes('mentee') ? user : undefined,
            )
          }
        />
      )}
      {dialog?.kind === 'edit' && (
        <EditUserDialog user={dialog.user} onClose={close} onSaved={(user) => done(`${user.name} is updated.`)} />
      )}
      {dialog?.kind === 'enrol' && (
        <EnrolDialog
          user={dialog.user}
          onClose={close}
          onEnrolled={() => done(`${dialog.user.name} is enrolled as a mentee.`)}
        />
      )}
      {dialog?.kind === 'export' && <ExportDataDialog user={dialog.user} onClose={close} />}
      {dialog?.kind === 'erase' && (
        <EraseDialog
          user={dialog.user}
          onClose={close}
          onErased={() => done(`${dialog.user.name} is erased; their account shows as “Erased person”.`)}
        />
      )}
      {dialog?.kind === 'active' && (
        <ConfirmDialog
          title={`${dialog.user.active ? 'Deactivate' : 'Reactivate'} ${dialog.user.name}?`}
          confirmLabel={dialog.user.active ? 'Deactivate' : 'Reactivate'}
          danger={dialog.user.active}
          pending={update.isPending}
          onClose={close}
          onConfirm={() => {
            setFailure(null);
            const { user } = dialog;
            update.mutate(
              { id: user.id, body: { active: !user.active } },
              {
                onSuccess: () => done(`${user.name} is ${user.active ? 'deactivated' : 'active again'}.`),
                onError: (e) => {
                  setDialog(null);
                  setFailure(describeError(e));
                },
              },
            );
          }}
        >
          {dialog.user.active
            ? 'They are signed out everywhere at once and can no longer sign in. Their records stay.'
            : 'They can sign in again with their password.'}
        </ConfirmDialog>
      )}
    </Stack>
  );
}
