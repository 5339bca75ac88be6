import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';

/** A signing secret, shown once: the person copies it into the receiving system now. */
export function SecretDialog({
  title,
  url,
  secret,
  onClose,
}: {
  title: string;
  url: string;
  secret: string;
  onClose: () => void;
}) {
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <Stack>
        <Text style={{ overflowWrap: 'anywhere' }}>
          The signing secret of <strong>{url}</strong>:
        </Text>
        <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
          {secret}
        </Code>
        <Alert color="orange.9" title="Copy it now">
          It is shown only this once. Store it in the receiving system, which checks each delivery's signature with it;
          if it is lost, rotate the secret.
        </Alert>
        <Group>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button color={copied ? 'green.9' : undefined} onClick={copy}>
                {copied ? 'Copied' : 'Copy the secret'}
              </Button>
            )}
          </CopyButton>
          <Button variant="outline" onClick={onClose}>
            Done
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
