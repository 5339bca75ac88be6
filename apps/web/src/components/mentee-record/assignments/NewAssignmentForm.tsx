import { Alert, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { describeError } from '@/lib/errors';
import { setFieldErrors } from '@/lib/form-errors';
import type { Framework } from '@/lib/framework';
import { PHASE_LABEL, todayUtc } from '@/lib/format';
import { useCreateAssignment, type AssignmentKind } from '../api/assignments';
import { KIND_LABEL } from './labels';

/** Plan a piece of leadership work without the title: what, which competencies it shows, which milestone it proves. */
export function NewAssignmentForm({
  menteeId,
  framework,
  onDone,
}: {
  menteeId: string;
  framework: Framework;
  onDone: () => void;
}) {
  const create = useCreateAssignment(menteeId);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      title: '',
      kind: 'lead_project' as AssignmentKind,
      description: '',
      competencies: [] as string[],
      milestoneTemplateId: '',
      startsOn: todayUtc(),
      endsOn: '',
    },
    validate: {
      title: (v) => (v.trim() ? null : 'Give the assignment a title'),
      competencies: (v) => (v.length >= 1 && v.length <= 8 ? null : 'Choose 1 to 8 competencies it shows'),
      startsOn: (v) => (v ? null : 'Choose the day it starts'),
      endsOn: (v, values) => (v && v < values.startsOn ? 'The end cannot be before the start' : null),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await create.mutateAsync({
        title: values.title.trim(),
        kind: values.kind,
        description: values.description.trim() || undefined,
        competencies: values.competencies,
        milestoneTemplateId: values.milestoneTemplateId || undefined,
        startsOn: values.startsOn,
        endsOn: values.endsOn || undefined,
      });
      onDone();
    } catch (e) {
      setFieldErrors(form, e);
      setFailure(describeError(e));
    }
  });
  const milestones = framework.milestoneTemplates.filter((m) => !m.retired);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="New assignment">
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert" title="Not saved">
            {failure}
          </Alert>
        )}
        <TextInput label="Title" required maxLength={200} {...form.getInputProps('title')} />
        <NativeSelect
          label="Kind"
          required
          data={Object.entries(KIND_LABEL).map(([value, label]) => ({ value, label }))}
          {...form.getInputProps('kind')}
        />
        <Checkbox.Group
          label="Competencies it shows"
          description="The people led are asked about each of these"
          required
          {...form.getInputProps('competencies')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
            {framework.competencies
              .filter((c) => !c.retired)
              .map((c) => (
                <Checkbox key={c.key} value={c.key} label={c.name} />
              ))}
          </SimpleGrid>
        </Checkbox.Group>
        <NativeSelect
          label="Milestone it proves"
          data={[
            { value: '', label: 'None' },
            ...milestones.map((m) => ({ value: m.id, label: `${m.title} (${PHASE_LABEL[m.phase] ?? m.phase})` })),
          ]}
          {...form.getInputProps('milestoneTemplateId')}
        />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput type="date" label="Starts on" required miw={150} {...form.getInputProps('startsOn')} />
          <TextInput type="date" label="Ends on" miw={150} {...form.getInputProps('endsOn')} />
        </Group>
        <Textarea label="Description" autosize minRows={2} maxLength={4000} {...form.getInputProps('description')} />
        <Group>
          <Button type="submit" loading={create.isPending}>
            Add assignment
          </Button>
          <Button variant="outline" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
