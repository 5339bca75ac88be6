import { Alert, Anchor, Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { describeError, isStatus } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/form-errors';
import { useUnsubscribe } from '../api';

/**
 * The page an e-mail's "turn these off" link opens, without signing in. The token is in the
 * address's fragment (`#token=…`), which the browser never sends to a server; nothing changes until
 * the person presses the button (mail scanners open links, they do not press buttons).
 */
export default function UnsubscribePage() {
  const { hash } = useLocation();
  const token = new URLSearchParams(hash.slice(1)).get('token');
  const unsubscribe = useUnsubscribe();
  useEffect(() => {
    document.title = 'Turn off these e-mails · Leadpath';
  }, []);
  const badLink = isStatus(unsubscribe.error, 400)
    ? (fieldErrorsOf(unsubscribe.error).token ?? describeError(unsubscribe.error))
    : null;
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder p="lg" radius="md" maw={440} w="100%">
        <Stack gap="md">
          <Title order={1} size="h2">
            Turn off these e-mails
          </Title>
          {!token || badLink ? (
            <Alert color="red" role="alert" title="This link does not work">
              {badLink ?? 'The link is incomplete. Open it again from the e-mail, the whole address.'}
            </Alert>
          ) : unsubscribe.data ? (
            <Alert color="green.9" role="status" title="Done">
              {unsubscribe.data.message}
            </Alert>
          ) : (
            <>
              <Text>Leadpath will stop sending you e-mails of the kind this message was. Nothing else changes.</Text>
              {unsubscribe.error && (
                <Alert color="red" role="alert">
                  {describeError(unsubscribe.error)}
                </Alert>
              )}
              <Button loading={unsubscribe.isPending} onClick={() => unsubscribe.mutate(token)}>
                Turn them off
              </Button>
            </>
          )}
          <Text size="sm">
            Every switch, to turn e-mails on again:{' '}
            <Anchor component={Link} to="/notifications">
              Notifications
            </Anchor>{' '}
            (after signing in).
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
