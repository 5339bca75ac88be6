import { Alert, Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { downloadFile } from '@/lib/api/client';
import { describeError } from '@/lib/errors';
import { useEraseUser, type User } from '../api';

/** HR exports a person's data for their request: the reason is required and kept with it. */
export function ExportDataDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    setError(null);
    setPending(true);
    const query = new URLSearchParams({ reason: reason.trim() }).toString();
    downloadFile(`/api/v1/users/${user.id}/export?${query}`, `leadpath-${user.name}.zip`)
      .then(() => onClose())
      .catch((e) => setError(describeError(e)))
      .finally(() => setPending(false));
  };
  return (
    <Modal opened onClose={onClose} title={`Export the data of ${user.name}`}>
      <Stack>
        <Text>
          The archive holds everything about them, private notes included, each marked for review: read them before you
          release the archive to the person.
        </Text>
        <Textarea
          label="Reason"
          description="Kept with the request; name no one in it."
          required
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          <Button onClick={submit} loading={pending} disabled={reason.trim() === ''}>
            Download
          </Button>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** HR erases a person: the reason, and their name typed again, before anything happens. */
export function EraseDialog({ user, onClose, onErased }: { user: User; onClose: () => void; onErased: () => void }) {
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const erase = useEraseUser();
  const ready = reason.trim() !== '' && typed.trim() === user.name.trim();
  return (
    <Modal opened onClose={onClose} title={`Erase ${user.name}?`}>
      <Stack>
        <Text>
          This cannot be undone. Their mentee record and everything about them is deleted, their account is closed and
          shows as “Erased person” wherever they acted in someone else’s record. The audit trail keeps its events.
        </Text>
        <Textarea
          label="Reason"
          description="Kept with the request; name no one in it."
          required
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <TextInput
          label={`Type their name, ${user.name}, to confirm`}
          required
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
        />
        {erase.error && (
          <Alert color="red" role="alert">
            {describeError(erase.error)}
          </Alert>
        )}
        <Group>
          <Button
            color="red.9"
            disabled={!ready}
            loading={erase.isPending}
            onClick={() =>
              erase.mutate({ id: user.id, body: { reason: reason.trim(), confirm: true } }, { onSuccess: onErased })
            }
          >
            Erase {user.name}
          </Button>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
