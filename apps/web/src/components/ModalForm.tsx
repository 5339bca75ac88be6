import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

/** A form in a dialog: the failure in words at the top, the fields, then "submit" and "Cancel". */
export function ModalForm({
  title,
  onClose,
  onSubmit,
  failure,
  failureTitle = 'Not saved',
  submitLabel,
  submitColor,
  pending,
  size = 'lg',
  children,
}: {
  title: string;
  onClose: () => void;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void | Promise<void>;
  failure: string | null;
  failureTitle?: string;
  submitLabel: string;
  submitColor?: string;
  pending: boolean;
  size?: string;
  children: ReactNode;
}) {
  return (
    <Modal opened onClose={onClose} title={title} size={size}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Stack>
          {failure && (
            <Alert color="red" role="alert" title={failureTitle}>
              {failure}
            </Alert>
          )}
          {children}
          <Group>
            <Button type="submit" color={submitColor} loading={pending}>
              {submitLabel}
            </Button>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
