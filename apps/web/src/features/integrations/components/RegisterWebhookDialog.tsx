import { Checkbox, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ModalForm } from '@/components/ModalForm';
import { describeError } from '@/lib/errors';
import { byTopField, setFieldErrors } from '@/lib/form-errors';
import { useCreateWebhook, type WebhookEvent, type WebhookFormat } from '../api';
import { EVENT_LABEL, FORMAT_LABEL } from '../labels';

/** The API's field errors on this form's fields (`events.0` is said on the events). */
const FIELD_FOR = byTopField(['url', 'description', 'format', 'events']);

/** A new endpoint: where to POST and which events; the answer carries its secret, shown once. */
export function RegisterWebhookDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (url: string, secret: string) => void;
}) {
  const create = useCreateWebhook();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { url: '', description: '', format: 'standard' as WebhookFormat, events: [] as string[] },
    validate: {
      url: (v) =>
        /^https?:\/\/\S+$/.test(v.trim()) ? null : 'Enter an address such as https://hooks.example.com/leadpath',
      events: (v) => (v.length > 0 ? null : 'Choose at least one event'),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      const created = await create.mutateAsync({
        url: values.url.trim(),
        description: values.description.trim() || undefined,
        events: values.events as WebhookEvent[],
        format: values.format,
      });
      onCreated(created.url, created.secret);
    } catch (e) {
      setFieldErrors(form, e, FIELD_FOR);
      setFailure(describeError(e));
    }
  });
  return (
    <ModalForm
      title="Register an endpoint"
      onClose={onClose}
      onSubmit={submit}
      failure={failure}
      failureTitle="Not registered"
      submitLabel="Register the endpoint"
      pending={create.isPending}
    >
      <Stack gap="sm">
        <TextInput
          label="Address (URL)"
          description="Deliveries are POSTed here, signed with the endpoint's secret; for a chat channel, its incoming-webhook address"
          required
          type="url"
          maxLength={2000}
          {...form.getInputProps('url')}
        />
        <TextInput
          label="Description"
          description="Optional, e.g. Slack #leadership"
          maxLength={200}
          {...form.getInputProps('description')}
        />
        <NativeSelect
          label="Format"
          description={FORMAT_LABEL[form.values.format].description}
          data={Object.entries(FORMAT_LABEL).map(([value, f]) => ({ value, label: f.label }))}
          {...form.getInputProps('format')}
        />
        <Checkbox.Group label="Events" required {...form.getInputProps('events')}>
          <Stack gap="xs" mt="xs">
            {Object.entries(EVENT_LABEL).map(([value, label]) => (
              <Checkbox key={value} value={value} label={`${label} (${value})`} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Stack>
    </ModalForm>
  );
}
