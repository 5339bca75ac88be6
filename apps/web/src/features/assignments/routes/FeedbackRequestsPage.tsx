import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { Loading } from '@/components/Loading';
import { Page } from '@/components/Page';
import { Pager, useCursorPages } from '@/components/Pager';
import { describeError } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { useMyFeedbackRequests } from '../api';

/**
 * Colleagues who led a piece of work and asked how it went: each request opens the same short,
 * anonymous form as the mailed link. Answered and expired requests leave the list.
 */
export default function FeedbackRequestsPage() {
  const pages = useCursorPages();
  const requests = useMyFeedbackRequests(pages.cursor);
  return (
    <Page title="Feedback requests">
      <Text>
        People you worked with asked how they led. Your answer is anonymous: it is stored without your name, and shown
        only in aggregate once enough people have answered.
      </Text>
      {requests.error && (
        <Alert color="red" role="alert">
          {describeError(requests.error)}
        </Alert>
      )}
      {!requests.data && !requests.error && <Loading label="Loading your feedback requests" />}
      {requests.data && requests.data.items.length === 0 && pages.page === 1 && (
        <Text c="dimmed">Nobody is waiting for your feedback right now.</Text>
      )}
      {requests.data && requests.data.items.length > 0 && (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {requests.data.items.map((r) => (
            <Card key={r.id} component="li" withBorder padding="md">
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
                <Stack gap={4}>
                  <Title order={2} size="h4">
                    {r.assignmentTitle}
                  </Title>
                  <Text size="sm">
                    {r.askedByName === r.leadName
                      ? `Asked by ${r.leadName}, who led it`
                      : `About how ${r.leadName} led it · asked by ${r.askedByName}`}
                  </Text>
                  <Text size="sm" c="dimmed">
                    Open until {formatDate(r.expiresAt)}
                  </Text>
                </Stack>
                <Button component={Link} to={r.respondPath} aria-label={`Answer about “${r.assignmentTitle}”`}>
                  Answer
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <Pager label="Feedback requests" pages={pages} nextCursor={requests.data?.nextCursor} />
    </Page>
  );
}
