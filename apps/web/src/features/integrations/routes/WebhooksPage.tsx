import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Page } from '@/components/Page';
import { describeError } from '@/lib/errors';
import { useWebhooks } from '../api';
import { RegisterWebhookDialog } from '../components/RegisterWebhookDialog';
import { SecretDialog } from '../components/SecretDialog';
import { WebhookCard } from '../components/WebhookCard';

/** HR's webhook endpoints: register, turn off and on, rotate secrets, test, and read each delivery log. */
export default function WebhooksPage() {
  const webhooks = useWebhooks();
  const [registering, setRegistering] = useState(false);
  const [secret, setSecret] = useState<{ title: string; url: string; secret: string } | null>(null);
  return (
    <Page
      title="Webhooks"
      actions={
        <div>
          <Button onClick={() => setRegistering(true)}>Register an endpoint</Button>
        </div>
      }
    >
      <Text>
        Other systems (Slack, Teams, an HR system) hear of what happens in Leadpath through signed POSTs to their
        endpoints. A delivery that fails is retried; an endpoint whose deliveries fail for a day is turned off.
      </Text>
      <Stack gap="md">
        <Title order={2} size="h3">
          Endpoints
        </Title>
        {webhooks.error && (
          <Alert color="red" role="alert" title="The endpoints could not be loaded">
            {describeError(webhooks.error)}
          </Alert>
        )}
        {webhooks.data?.items.length === 0 && <Text>No endpoint is registered.</Text>}
        {webhooks.data?.items.map((w) => (
          <WebhookCard
            key={w.id}
            webhook={w}
            onSecret={(title, url, value) => setSecret({ title, url, secret: value })}
          />
        ))}
      </Stack>
      {registering && (
        <RegisterWebhookDialog
          onClose={() => setRegistering(false)}
          onCreated={(url, value) => {
            setRegistering(false);
            setSecret({ title: 'Endpoint registered', url, secret: value });
          }}
        />
      )}
      {secret && <SecretDialog {...secret} onClose={() => setSecret(null)} />}
    </Page>
  );
}
