import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { describeError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import {
  useDeleteWebhook,
  useRotateSecret,
  useSendTest,
  useUpdateWebhook,
  type Webhook,
  type WebhookEvent,
} from '../api';
import { EVENT_LABEL, FORMAT_LABEL } from '../labels';
import { DeliveryLog } from './DeliveryLog';

type Confirming = 'rotate' | 'delete' | null;

/** One endpoint: where it posts, what it hears, whether it is on, and what can be done to it. */
export function WebhookCard({
  webhook,
  onSecret,
}: {
  webhook: Webhook;
  onSecret: (title: string, url: string, secret: string) => void;
}) {
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateSecret();
  const test = useSendTest();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [showLog, setShowLog] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const headingId = useId();
  const logId = useId();
  const name = webhook.description ?? webhook.url;

  const act = async (work: () => Promise<string | null>) => {
    setFailure(null);
    setNotice(null);
    try {
      setNotice(await work());
    } catch (e) {
      setFailure(describeError(e));
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={3} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
            {webhook.url}
          </Title>
          {webhook.enabled ? (
            <Badge color="green.9" variant="filled">
              On
            </Badge>
          ) : (
            <Badge color="red.9" variant="filled">
              Off
            </Badge>
          )}
        </Group>
        {webhook.description && <Text>{webhook.description}</Text>}
        <Text size="sm">
          <strong>Format:</strong> {FORMAT_LABEL[webhook.format].label}
        </Text>
        <Text size="sm">
          <strong>Events:</strong>{' '}
          {Object.entries(EVENT_LABEL)
            .filter(([event]) => webhook.events.includes(event as WebhookEvent))
            .map(([, label]) => label)
            .join(', ')}
        </Text>
        {!webhook.enabled && (
          <Text size="sm">
            <strong>Turned off</strong> {formatDateTime(webhook.disabledAt)} UTC
            {webhook.disabledReason ? `: ${webhook.disabledReason}` : ''}
          </Text>
        )}
        {webhook.enabled && webhook.failingSince && (
          <Text size="sm" c="red.9">
            Every delivery has failed since {formatDateTime(webhook.failingSince)} UTC; after a day of failures the
            endpoint is turned off.
          </Text>
        )}
        {webhook.previousSecretExpiresAt && new Date(webhook.previousSecretExpiresAt) > new Date() && (
          <Text size="sm">
            The previous secret signs too until {formatDateTime(webhook.previousSecretExpiresAt)} UTC.
          </Text>
        )}
        {failure && (
          <Alert color="red" role="alert" title="Not done">
            {failure}
          </Alert>
        )}
        {notice && (
          <Text size="sm" role="status">
            {notice}
          </Text>
        )}
        <Group gap="xs" wrap="wrap">
          <Button
            size="xs"
            variant="outline"
            loading={update.isPending}
            onClick={() =>
              void act(async () => {
                await update.mutateAsync({ id: webhook.id, body: { enabled: !webhook.enabled } });
                return webhook.enabled ? 'Turned off: nothing is sent until it is on again.' : 'Turned on.';
              })
            }
          >
            {webhook.enabled ? 'Turn off' : 'Turn on'}
          </Button>
          <Button
            size="xs"
            variant="outline"
            loading={test.isPending}
            disabled={!webhook.enabled}
            onClick={() =>
              void act(async () => {
                await test.mutateAsync(webhook.id);
                setShowLog(true);
                return 'A test event is on its way; it appears in the delivery log.';
              })
            }
          >
            Send a test event
          </Button>
          <Button size="xs" variant="outline" onClick={() => setConfirming('rotate')}>
            Rotate the secret
          </Button>
          <Button
            size="xs"
            variant="outline"
            aria-expanded={showLog}
            aria-controls={logId}
            onClick={() => setShowLog((v) => !v)}
          >
            {showLog ? 'Hide the delivery log' : 'Show the delivery log'}
          </Button>
          <Button size="xs" variant="outline" color="red.9" onClick={() => setConfirming('delete')}>
            Delete
          </Button>
        </Group>
        <div id={logId}>{showLog && <DeliveryLog webhookId={webhook.id} label={`Deliveries to ${name}`} />}</div>
      </Stack>
      {confirming === 'rotate' && (
        <ConfirmDialog
          title="Rotate the signing secret?"
          confirmLabel="Rotate the secret"
          pending={rotate.isPending}
          onClose={() => setConfirming(null)}
          onConfirm={() =>
            void act(async () => {
              const rotated = await rotate.mutateAsync(webhook.id);
              setConfirming(null);
              onSecret('New signing secret', webhook.url, rotated.secret);
              return null;
            }).finally(() => setConfirming(null))
          }
        >
          A new secret signs every delivery from now on; for 24 hours the current one signs too, so the receiving system
          can switch without missing a delivery.
        </ConfirmDialog>
      )}
      {confirming === 'delete' && (
        <ConfirmDialog
          title="Delete this endpoint?"
          confirmLabel="Delete the endpoint"
          danger
          pending={remove.isPending}
          onClose={() => setConfirming(null)}
          onConfirm={() =>
            void act(async () => {
              await remove.mutateAsync(webhook.id);
              return null;
            }).finally(() => setConfirming(null))
          }
        >
          {webhook.url} hears nothing more, and its delivery log is removed. This cannot be undone.
        </ConfirmDialog>
      )}
    </Paper>
  );
}
