import { Checkbox, Group, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ModalForm } from '@/components/ModalForm';
import { useSession } from '@/lib/auth';
import { ApiError, describeError } from '@/lib/errors';
import { onlyFields, setFieldErrors } from '@/lib/form-errors';
import { useUpdateUser, type Role, type UpdateUser, type User } from '../api';
import { ROLE_LABEL } from '../labels';

const FIELDS = ['name', 'email', 'roles'] as const;

const sameRoles = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

/**
 * Correct a person's name or address, or change their roles: promoting a ready lead to manager
 * is a tick here. Only what changed is sent; the trail records it before → after.
 */
export function EditUserDialog({
  user,
  onClose,
  onSaved,
}: {
  user: User;
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const { me } = useSession();
  const update = useUpdateUser();
  const [failure, setFailure] = useState<string | null>(null);
  const self = me?.user.id === user.id;
  const form = useForm({
    initialValues: { name: user.name, email: user.email, roles: [...user.roles] as string[] },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the person’s name'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter an e-mail address such as ada@example.com'),
      roles: (v) =>
        v.length === 0
          ? 'Choose at least one role'
          : self && !v.includes('hr_admin')
            ? 'You cannot remove your own HR admin role'
            : null,
    },
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    const body: UpdateUser = {};
    if (values.name.trim() !== user.name) body.name = values.name.trim();
    if (values.email.trim().toLowerCase() !== user.email) body.email = values.email.trim();
    if (!sameRoles(values.roles, user.roles)) body.roles = values.roles as Role[];
    if (Object.keys(body).length === 0) return onClose();
    try {
      onSaved(await update.mutateAsync({ id: user.id, body }));
    } catch (e) {
      setFieldErrors(form, e, onlyFields(FIELDS));
      if (e instanceof ApiError && e.status === 409) form.setErrors({ email: e.message });
      setFailure(describeError(e));
    }
  });
  const emailChanged = form.values.email.trim().toLowerCase() !== user.email;
  return (
    <ModalForm
      title={`Edit ${user.name}`}
      onClose={onClose}
      onSubmit={submit}
      failure={failure}
      submitLabel="Save changes"
      pending={update.isPending}
    >
      <TextInput label="Name" required maxLength={200} {...form.getInputProps('name')} />
      <TextInput label="E-mail" type="email" required maxLength={254} {...form.getInputProps('email')} />
      {emailChanged && user.status === 'invited' && (
        <Text size="sm">The invitation sent to the old address stops working; the new address gets a new one.</Text>
      )}
      <Checkbox.Group
        label="Roles"
        description="A manager can be chosen as a line manager or mentor"
        required
        {...form.getInputProps('roles')}
      >
        <Group mt="xs">
          {Object.entries(ROLE_LABEL).map(([value, label]) => (
            <Checkbox key={value} value={value} label={label} />
          ))}
        </Group>
      </Checkbox.Group>
      {!sameRoles(form.values.roles, user.roles) && (
        <Text size="sm">A change of roles signs them out everywhere; they sign in again with the new roles.</Text>
      )}
    </ModalForm>
  );
}
