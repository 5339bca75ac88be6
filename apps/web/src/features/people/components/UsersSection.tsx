import { Alert, Badge, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { ScrollRegion } from '@/components/ScrollRegion';
import { useState } from 'react';
import { Pager, useCursorPages } from '@/components/Pager';
import { useSession } from '@/lib/auth';
import { describeError } from '@/lib/errors';
import { useEnrolledUserIds, useManagers, useUpdateUser, useUsers, type Role, type User } from '../api';
import { ROLE_LABEL } from '../labels';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { CreateUserDialog } from './CreateUserDialog';
import { EraseDialog, ExportDataDialog } from './DataRequestDialogs';
import { EnrolDialog } from './EnrolDialog';

type Dialog =
  | { kind: 'create' }
  | { kind: 'enrol'; user: User }
  | { kind: 'active'; user: User }
  | { kind: 'export'; user: User }
  | { kind: 'erase'; user: User }
  | null;

/** Users: create (with a password or an e-mailed invitation), enrol as mentee, deactivate or reactivate. */
export function UsersSection() {
  const { me } = useSession();
  const pages = useCursorPages();
  const [role, setRole] = useState('');
  const [active, setActive] = useState('true');
  const users = useUsers({
    role: (role || undefined) as Role | undefined,
    active: active === '' ? undefined : active === 'true',
    cursor: pages.cursor,
  });
  const managers = useManagers();
  const enrolled = useEnrolledUserIds();
  const update = useUpdateUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<{ message: string; enrol?: User } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const close = () => setDialog(null);
  const done = (message: string, enrol?: User) => {
    setDialog(null);
    setNotice({ message, enrol });
  };

  return (
    <Stack gap="sm">
      <Group align="flex-end" justify="space-between" wrap="wrap">
        <Group align="flex-end" wrap="wrap">
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
              { value: 'true', label: 'Active' },
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
      {users.data && (
        <ScrollRegion label="Users" minWidth={720}>
          <Table striped>
            <Table.Caption>{users.data.items.length} users on this page</Table.Caption>
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
                  <Table.Td>{u.roles.map((r) => ROLE_LABEL[r]).join(', ')}</Table.Td>
                  <Table.Td>
                    {u.active ? (
                      'Active'
                    ) : (
                      <Badge color="gray.8" variant="outline">
                        Deactivated
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {u.active && u.roles.includes('mentee') && enrolled.data && !enrolled.data.has(u.id) && (
                        <Button size="xs" variant="outline" onClick={() => setDialog({ kind: 'enrol', user: u })}>
                          Enrol {u.name}
                        </Button>
                      )}
                      {u.id !== me?.user.id && (
                        <Button
                          size="xs"
                          variant="outline"
                          color={u.active ? 'red.9' : undefined}
                          onClick={() => setDialog({ kind: 'active', user: u })}
                        >
                          {u.active ? 'Deactivate' : 'Reactivate'} {u.name}
                        </Button>
                      )}
                      <Button size="xs" variant="outline" onClick={() => setDialog({ kind: 'export', user: u })}>
                        Export data of {u.name}
                      </Button>
                      {u.id !== me?.user.id && (
                        <Button
                          size="xs"
                          variant="outline"
                          color="red.9"
                          onClick={() => setDialog({ kind: 'erase', user: u })}
                        >
                          Erase {u.name}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
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
      {dialog?.kind === 'enrol' && (
        <EnrolDialog
          user={dialog.user}
          managers={managers.data?.items ?? []}
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
