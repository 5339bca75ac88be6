import { Alert, Button, Checkbox, Code, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Page } from '@/components/Page';
import { describeError } from '@/lib/errors';
import { byTopField, setFieldErrors } from '@/lib/form-errors';
import { useDeleteSso, useSaveSso, useSsoConfig, type SsoConfig } from '../api';

const FIELD_FOR = byTopField(['issuer', 'clientId', 'clientSecret', 'domains', 'groupsClaim']);

/** HR's single sign-on: the organization's OpenID Connect provider, its domains and rules. */
export default function SingleSignOnPage() {
  const config = useSsoConfig();
  return (
    <Page title="Single sign-on">
      <Text>
        People whose address belongs to one of your domains sign in through your identity provider (OpenID Connect).
      </Text>
      {config.error && (
        <Alert color="red" role="alert" title="The configuration could not be loaded">
          {describeError(config.error)}
        </Alert>
      )}
      {config.data !== undefined && <SsoForm current={config.data} />}
    </Page>
  );
}

function SsoForm({ current }: { current: SsoConfig | null }) {
  const save = useSaveSso();
  const remove = useDeleteSso();
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initialValues: {
      issuer: current?.issuer ?? '',
      clientId: current?.clientId ?? '',
      clientSecret: '',
      domains: current?.domains.join(', ') ?? '',
      requireSso: current?.requireSso ?? false,
      jitProvisioning: current?.jitProvisioning ?? false,
      groupsClaim: current?.groupsClaim ?? '',
    },
    onValuesChange: () => setSaved(false),
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await save.mutateAsync({
        issuer: values.issuer.trim(),
        clientId: values.clientId.trim(),
        clientSecret: values.clientSecret === '' ? undefined : values.clientSecret,
        domains: values.domains
          .split(/[\s,]+/)
          .map((d) => d.trim())
          .filter((d) => d !== ''),
        requireSso: values.requireSso,
        jitProvisioning: values.jitProvisioning,
        groupsClaim: values.groupsClaim.trim() || null,
      });
      form.setFieldValue('clientSecret', '');
      setSaved(true);
    } catch (e) {
      setFieldErrors(form, e, FIELD_FOR);
      setFailure(describeError(e));
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm" maw={640}>
        {failure && (
          <Alert color="red" role="alert" title="Not saved">
            {failure}
          </Alert>
        )}
        {saved && (
          <Alert color="green.9" role="status" title="Saved">
            Single sign-on is configured.
          </Alert>
        )}
        {current && (
          <Stack gap={4}>
            <Title order={2} size="h4">
              At your identity provider
            </Title>
            <Text size="sm">
              Register this redirect URI: <Code>{current.redirectUri}</Code>, with the scopes{' '}
              <Code>{current.scopes.join(' ')}</Code>.
            </Text>
            <Text size="sm">
              {current.discovery.ok
                ? `The provider answers: it signs ID tokens with ${current.discovery.idTokenSigningAlgorithms.join(', ')}.`
                : `The provider could not be read: ${current.discovery.error ?? 'no answer'}.`}
            </Text>
          </Stack>
        )}
        <TextInput
          label="Issuer URL"
          description="For example https://example.okta.com"
          required
          maxLength={500}
          {...form.getInputProps('issuer')}
        />
        <TextInput label="Client ID" required maxLength={255} {...form.getInputProps('clientId')} />
        <PasswordInput
          label="Client secret"
          description={current ? 'Stored encrypted; leave empty to keep it' : 'Stored encrypted, never shown again'}
          required={!current}
          maxLength={1000}
          {...form.getInputProps('clientSecret')}
        />
        <TextInput
          label="E-mail domains"
          description="Separated by commas, e.g. example.com, example.org"
          required
          {...form.getInputProps('domains')}
        />
        <Checkbox
          label="Require single sign-on (only break-glass accounts may use a password)"
          {...form.getInputProps('requireSso', { type: 'checkbox' })}
        />
        <Checkbox
          label="Create an account without roles at a person’s first sign-in"
          {...form.getInputProps('jitProvisioning', { type: 'checkbox' })}
        />
        <TextInput
          label="Groups claim"
          description="Optional: the ID token claim that lists the person's groups (e.g. groups); the roles your group map gives follow it at each sign-in"
          maxLength={100}
          {...form.getInputProps('groupsClaim')}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save single sign-on
          </Button>
          {current && (
            <Button
              variant="outline"
              color="red"
              loading={remove.isPending}
              onClick={() => void remove.mutateAsync().catch((e: unknown) => setFailure(describeError(e)))}
            >
              Turn single sign-on off
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
