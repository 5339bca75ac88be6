import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { Loading } from '@/components/Loading';
import { Page } from '@/components/Page';
import { describeError } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { useInbox, type InboxItem } from '../api';
import { KINDS } from '../labels';

function Item({ item, action }: { item: InboxItem; action: string }) {
  return (
    <Paper component="li" withBorder p="sm" radius="sm">
      <Group justify="space-between" align="center" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
          {item.subject && (
            <Text fw={600} size="sm">
              {item.subject.name}
            </Text>
          )}
          <Text style={{ overflowWrap: 'anywhere' }}>{item.title}</Text>
          <Text size="sm" c="dimmed">
            {item.dueOn ? `Due ${formatDate(item.dueOn)} · ` : ''}Waiting since {formatDate(item.since)}
          </Text>
        </Stack>
        <Button
          component={Link}
          to={item.link}
          variant="light"
          size="sm"
          aria-label={`${action}: ${item.subject ? `${item.subject.name}, ` : ''}${item.title}`}
        >
          {action}
        </Button>
      </Group>
    </Paper>
  );
}

/** Everything that waits for the signed-in person, grouped by what to do, each with where it is done. */
export default function InboxPage() {
  const inbox = useInbox();
  return (
    <Page title="Inbox">
      {inbox.error && (
        <Alert color="red" role="alert">
          {describeError(inbox.error)}
        </Alert>
      )}
      {!inbox.data && !inbox.error && <Loading label="Loading your inbox" />}
      {inbox.data && inbox.data.total === 0 && (
        <Text>Nothing waits for you now. New work shows here as it comes in.</Text>
      )}
      {inbox.data &&
        KINDS.filter(({ kind }) => inbox.data.counts[kind] > 0).map(({ kind, heading, action }) => {
          const items = inbox.data.items.filter((i) => i.kind === kind);
          const count = inbox.data.counts[kind];
          const id = `inbox-${kind}`;
          return (
            <Stack key={kind} gap="xs" component="section" aria-labelledby={id}>
              <Group gap="xs">
                <Title order={2} size="h4" id={id}>
                  {heading}
                </Title>
                <Badge variant="light" aria-hidden>
                  {count}
                </Badge>
              </Group>
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {items.map((item) => (
                  <Item key={item.id} item={item} action={action} />
                ))}
              </Stack>
              {count > items.length && (
                <Text size="sm" c="dimmed">
                  And {count - items.length} more: the oldest are shown first.
                </Text>
              )}
            </Stack>
          );
        })}
      {inbox.data && inbox.data.total > 0 && (
        <Text size="sm" c="dimmed">
          An item leaves the inbox once it is done.
        </Text>
      )}
    </Page>
  );
}
