import { Alert, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Page } from '@/components/Page';
import { Pager, useCursorPages } from '@/components/Pager';
import { describeError } from '@/lib/errors';
import { useMailDeliveries, type MailStatus } from '../api';
import { MailDeliveryList } from '../components/MailDeliveryList';
import { MAIL_STATUS } from '../labels';

const STATUS_OPTIONS = [
  { value: 'failed', label: 'Failed (given up)' },
  { value: 'retrying', label: 'Retrying' },
  { value: 'pending', label: 'Waiting to be sent' },
  { value: 'sent', label: 'Sent' },
  { value: 'skipped', label: 'Skipped' },
  { value: '', label: 'Every status' },
];

/** HR's view of the mail outbox: failed e-mails first, with who they were for and why they failed. */
export default function MailDeliveriesPage() {
  const pages = useCursorPages();
  const [status, setStatus] = useState<MailStatus | ''>('failed');
  const deliveries = useMailDeliveries(status || undefined, pages.cursor);
  const shown = status ? MAIL_STATUS[status].label.toLowerCase() : 'all';
  return (
    <Page title="E-mail deliveries">
      <Text>
        Every e-mail Leadpath owes someone, newest first. A failed one was tried several times and given up; the last
        error says why. Times are UTC.
      </Text>
      <NativeSelect
        label="Status"
        maw={320}
        data={STATUS_OPTIONS}
        value={status}
        onChange={(e) => {
          pages.reset();
          setStatus(e.currentTarget.value as MailStatus | '');
        }}
      />
      {deliveries.error && (
        <Alert color="red" role="alert" title="The deliveries could not be loaded">
          {describeError(deliveries.error)}
        </Alert>
      )}
      {deliveries.data && (
        <Stack gap="sm">
          {deliveries.data.items.length === 0 ? (
            <Text>{status === 'failed' ? 'No e-mail has failed.' : 'No e-mails with this status.'}</Text>
          ) : (
            <MailDeliveryList
              items={deliveries.data.items}
              caption={`${deliveries.data.items.length} e-mails (${shown}) on page ${pages.page}`}
            />
          )}
          <Pager label="E-mail deliveries" pages={pages} nextCursor={deliveries.data.nextCursor} />
        </Stack>
      )}
    </Page>
  );
}
