import { NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ModalForm } from '@/components/ModalForm';
import { useCreateCompetency, useUpdateCompetency, type Competency } from '../api';
import { KeyInput, PositionInput, positionOf, useSaveItem } from './item-form';

const CATEGORY = [
  { value: 'core', label: 'Core' },
  { value: 'underestimated', label: 'Underestimated (often overlooked in new leads)' },
];

/** Add a competency, or change one (its key stays: ratings refer to it). */
export function CompetencyDialog({ competency, onClose }: { competency?: Competency; onClose: () => void }) {
  const create = useCreateCompetency();
  const update = useUpdateCompetency();
  const form = useForm({
    initialValues: {
      key: competency?.key ?? '',
      name: competency?.name ?? '',
      description: competency?.description ?? '',
      category: competency?.category ?? 'core',
      position: (competency?.position ?? '') as number | string,
    },
    validate: {
      key: (v) =>
        competency || /^[a-z][a-z0-9_]{1,47}$/.test(v)
          ? null
          : 'lower_snake_case, 2–48 characters, starting with a letter',
      name: (v) => (v.trim() ? null : 'Give the competency a name'),
    },
  });
  const { failure, run } = useSaveItem(form, onClose);
  const submit = form.onSubmit(async (v) => {
    const fields = {
      name: v.name.trim(),
      description: v.description.trim(),
      category: v.category,
      ...positionOf(v.position),
    };
    await run(() =>
      competency
        ? update.mutateAsync({ id: competency.id, body: fields })
        : create.mutateAsync({ key: v.key, ...fields }),
    );
  });
  return (
    <ModalForm
      title={competency ? `Change the competency ${competency.name}` : 'Add a competency'}
      onClose={onClose}
      onSubmit={submit}
      failure={failure}
      submitLabel={competency ? 'Save changes' : 'Add the competency'}
      pending={create.isPending || update.isPending}
    >
      <KeyInput fixed={!!competency} maxLength={48} {...form.getInputProps('key')} />
      <TextInput label="Name" required maxLength={100} {...form.getInputProps('name')} />
      <Textarea label="Description" autosize minRows={2} maxLength={1000} {...form.getInputProps('description')} />
      <NativeSelect label="Category" data={CATEGORY} {...form.getInputProps('category')} />
      <PositionInput {...form.getInputProps('position')} />
    </ModalForm>
  );
}
