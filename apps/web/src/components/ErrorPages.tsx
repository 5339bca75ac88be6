import { Alert, Anchor, Button, Center, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { describeError, isStatus } from '@/lib/errors';

function Message({ title, children }: { title: string; children: React.ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Leadpath`;
  }, [title]);
  return (
    <Center py="xl">
      <Stack align="center" gap="sm" maw={520}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {children}
      </Stack>
    </Center>
  );
}

export function NotFoundPage() {
  return (
    <Message title="Page not found">
      <Text>This page does not exist, or it is not yours to see.</Text>
      <Anchor component={Link} to="/">
        Go to your home page
      </Anchor>
    </Message>
  );
}

export function ForbiddenPage() {
  return (
    <Message title="Not allowed">
      <Text>Your role does not include this screen.</Text>
      <Anchor component={Link} to="/">
        Go to your home page
      </Anchor>
    </Message>
  );
}

/** Shown when the session ended under the person's feet (401): a way back to where they were. */
export function SignedOutPage() {
  const location = useLocation();
  const from = `${location.pathname}${location.search}`;
  return (
    <Message title="You were signed out">
      <Text>Your session ended, perhaps after a long break or a change to your account.</Text>
      <Button component={Link} to={`/sign-in?from=${encodeURIComponent(from)}`}>
        Sign in again
      </Button>
    </Message>
  );
}

/** The answer to a failed query: 404 and 403 as pages, anything else as a message in words. */
export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  if (isStatus(error, 404)) return <NotFoundPage />;
  if (isStatus(error, 403)) return <ForbiddenPage />;
  return (
    <Alert color="red" title="This could not be loaded" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{describeError(error)}</Text>
        {retry && (
          <Button size="xs" variant="outline" color="red.9" onClick={retry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
