import { Checkbox, NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ModalForm } from '@/components/ModalForm';
import { PHASE_LABEL } from '@/lib/format';
import { useCreateTemplate, useUpdateTemplate, type Template } from '../api';
import { KeyInput, PositionInput, positionOf, useSaveItem } from './item-form';

/** Add a milestone template to a phase, or change one (its key and phase stay). */
export function TemplateDialog({ template, onClose }: { template?: Template; onClose: () => void }) {
  const create = useCreateTemplate();
  const update = useUpdateTemplate();
  const form = useForm({
    initialValues: {
      key: template?.key ?? '',
      phase: template?.phase ?? 'build_credibility',
      title: template?.title ?? '',
      description: template?.description ?? '',
      required: template?.required ?? true,
      position: (template?.position ?? '') as number | string,
    },
    validate: {
      key: (v) =>
        template || /^[a-z][a-z0-9_]{1,63}$/.test(v)
          ? null
          : 'lower_snake_case, 2–64 characters, starting with a letter',
      title: (v) => (v.trim() ? null : 'Give the milestone a title'),
    },
  });
  const { failure, run } = useSaveItem(form, onClose);
  const submit = form.onSubmit(async (v) => {
    const fields = {
      title: v.title.trim(),
      description: v.description.trim(),
      required: v.required,
      ...positionOf(v.position),
    };
    await run(() =>
      template
        ? update.mutateAsync({ id: template.id, body: fields })
        : create.mutateAsync({ key: v.key, phase: v.phase, ...fields }),
    );
  });
  return (
    <ModalForm
      title={template ? `Change the milestone ${template.title}` : 'Add a milestone'}
      onClose={onClose}
      onSubmit={submit}
      failure={failure}
      submitLabel={template ? 'Save changes' : 'Add the milestone'}
      pending={create.isPending || update.isPending}
    >
      <KeyInput fixed={!!template} maxLength={64} {...form.getInputProps('key')} />
      <NativeSelect
        label="Phase"
        disabled={!!template}
        data={Object.entries(PHASE_LABEL).map(([value, label]) => ({ value, label }))}
        {...form.getInputProps('phase')}
      />
      <TextInput label="Title" required maxLength={200} {...form.getInputProps('title')} />
      <Textarea label="Description" autosize minRows={2} maxLength={2000} {...form.getInputProps('description')} />
      <Checkbox label="Required: counts toward readiness" {...form.getInputProps('required', { type: 'checkbox' })} />
      <PositionInput {...form.getInputProps('position')} />
    </ModalForm>
  );
}
