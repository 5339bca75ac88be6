import { NativeSelect, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ModalForm } from '@/components/ModalForm';
import { describeError } from '@/lib/errors';
import { onlyFields, setFieldErrors } from '@/lib/form-errors';
import { PHASE_LABEL } from '@/lib/format';
import { useUpdateMentee, type Mentee, type UpdateMentee } from '../api';
import { phaseOptions } from '../labels';
import { RelationFields, relationRules } from './RelationFields';

const FIELDS = ['managerId', 'mentorId', 'phase', 'phaseNote'] as const;

/** HR assigns the line manager and mentor and moves the phase (with a note kept in the history). */
export function MenteeDialog({
  mentee,
  onClose,
  onSaved,
}: {
  mentee: Mentee;
  onClose: () => void;
  onSaved: () => void;
}) {
  const update = useUpdateMentee();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { managerId: mentee.managerId, mentorId: mentee.mentorId ?? '', phase: mentee.phase, phaseNote: '' },
    validate: relationRules,
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    const body: UpdateMentee = {};
    if (values.managerId !== mentee.managerId) body.managerId = values.managerId;
    if ((values.mentorId || null) !== (mentee.mentorId ?? null)) body.mentorId = values.mentorId || null;
    if (values.phase !== mentee.phase) {
      body.phase = values.phase;
      if (values.phaseNote.trim()) body.phaseNote = values.phaseNote.trim();
    }
    if (Object.keys(body).length === 0) return onClose();
    try {
      await update.mutateAsync({ id: mentee.id, body });
      onSaved();
    } catch (e) {
      setFieldErrors(form, e, onlyFields(FIELDS));
      setFailure(describeError(e));
    }
  });
  return (
    <ModalForm
      title={`Change ${mentee.name}’s manager, mentor or phase`}
      onClose={onClose}
      onSubmit={submit}
      failure={failure}
      submitLabel="Save changes"
      pending={update.isPending}
    >
      <RelationFields
        exclude={mentee.userId}
        manager={form.getInputProps('managerId')}
        mentor={form.getInputProps('mentorId')}
      />
      <NativeSelect label="Phase" data={phaseOptions(PHASE_LABEL)} {...form.getInputProps('phase')} />
      {form.values.phase !== mentee.phase && (
        <Textarea
          label="Why the phase changes"
          description="Kept in the mentee’s phase history"
          autosize
          minRows={2}
          maxLength={2000}
          {...form.getInputProps('phaseNote')}
        />
      )}
    </ModalForm>
  );
}
