import { NativeSelect, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ModalForm } from '@/components/ModalForm';
import { describeError } from '@/lib/errors';
import { onlyFields, setFieldErrors } from '@/lib/form-errors';
import { PHASE_LABEL } from '@/lib/format';
import { useEnrol, type CreateMentee, type User } from '../api';
import { phaseOptions } from '../labels';
import { RelationFields, relationRules } from './RelationFields';

const FIELDS = ['managerId', 'mentorId', 'phase', 'department'] as const;

/** Enrol a user as a mentee: their line manager, an optional mentor, the starting phase. */
export function EnrolDialog({
  user,
  onClose,
  onEnrolled,
}: {
  user: User;
  onClose: () => void;
  onEnrolled: () => void;
}) {
  const enrol = useEnrol();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { managerId: '', mentorId: '', phase: 'build_credibility', department: '' },
    validate: relationRules,
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await enrol.mutateAsync({
        userId: user.id,
        managerId: values.managerId,
        mentorId: values.mentorId || undefined,
        phase: values.phase as CreateMentee['phase'],
        track: 'undecided',
        department: values.department.trim() || undefined,
      });
      onEnrolled();
    } catch (e) {
      setFieldErrors(form, e, onlyFields(FIELDS));
      setFailure(describeError(e));
    }
  });
  return (
    <ModalForm
      title={`Enrol ${user.name} as a mentee`}
      onClose={onClose}
      onSubmit={submit}
      failure={failure}
      submitLabel="Enrol"
      pending={enrol.isPending}
    >
      <RelationFields
        exclude={user.id}
        manager={form.getInputProps('managerId')}
        mentor={form.getInputProps('mentorId')}
      />
      <NativeSelect label="Starting phase" data={phaseOptions(PHASE_LABEL)} {...form.getInputProps('phase')} />
      <TextInput label="Department" maxLength={100} {...form.getInputProps('department')} />
    </ModalForm>
  );
}
