import { Checkbox, Group, PasswordInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ModalForm } from '@/components/ModalForm';
import { ApiError, describeError } from '@/lib/errors';
import { onlyFields, setFieldErrors } from '@/lib/form-errors';
import { useCreateUser, type Role, type User } from '../api';
import { ROLE_LABEL } from '../labels';

const FIELDS = ['name', 'email', 'roles', 'password'] as const;

/** A new user, with a password HR chooses or, without one, an e-mailed invitation to choose it. */
export function CreateUserDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (user: User, invited: boolean) => void;
}) {
  const create = useCreateUser();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', email: '', roles: [] as string[], password: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the person’s name'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter an e-mail address such as ada@example.com'),
      roles: (v) => (v.length > 0 ? null : 'Choose at least one role'),
      password: (v) =>
        v === '' || v.length >= 10 ? null : 'A password has at least 10 characters (or leave it empty)',
    },
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      const user = await create.mutateAsync({
        name: values.name.trim(),
        email: values.email.trim(),
        roles: values.roles as Role[],
        password: values.password || undefined,
      });
      onCreated(user, !values.password);
    } catch (e) {
      setFieldErrors(form, e, onlyFields(FIELDS));
      if (e instanceof ApiError && e.status === 409) form.setErrors({ email: e.message });
      setFailure(describeError(e));
    }
  });
  return (
    <ModalForm
      title="Create a user"
      onClose={onClose}
      onSubmit={submit}
      failure={failure}
      submitLabel="Create the user"
      pending={create.isPending}
    >
      <TextInput label="Name" required maxLength={200} {...form.getInputProps('name')} />
      <TextInput label="E-mail" type="email" required maxLength={254} {...form.getInputProps('email')} />
      <Checkbox.Group label="Roles" required {...form.getInputProps('roles')}>
        <Group mt="xs">
          {Object.entries(ROLE_LABEL).map(([value, label]) => (
            <Checkbox key={value} value={value} label={label} />
          ))}
        </Group>
      </Checkbox.Group>
      <PasswordInput
        label="Password"
        description="Leave it empty to e-mail them an invitation to choose one (valid 7 days)"
        maxLength={256}
        autoComplete="new-password"
        {...form.getInputProps('password')}
      />
    </ModalForm>
  );
}
