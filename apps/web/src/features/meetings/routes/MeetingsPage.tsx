import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '@/components/ErrorPages';
import { Loading } from '@/components/Loading';
import { Page } from '@/components/Page';
import { useSession } from '@/lib/auth';
import { useMyMeetings, type MeetingOccurrence } from '../api';
import { ScheduleForm } from '../components/ScheduleForm';
import { formatWhen } from '../when';

const DAY = 86_400_000;

/** The window the page lists: four weeks back, eight ahead, from the start of today (UTC). */
function window(now: number) {
  const today = Math.floor(now / DAY) * DAY;
  return { now, from: new Date(today - 28 * DAY).toISOString(), to: new Date(today + 56 * DAY).toISOString() };
}

/** My one-on-ones: what comes next first, then the recent ones; a manager schedules new ones here. */
export default function MeetingsPage() {
  const { me, hasRole } = useSession();
  const [{ now, from, to }] = useState(() => window(Date.now()));
  const meetings = useMyMeetings(from, to);
  const [notice, setNotice] = useState<string | null>(null);
  if (meetings.error) return <QueryError error={meetings.error} />;
  if (!meetings.data) return <Loading />;
  const upcoming = meetings.data.items.filter((m) => Date.parse(m.endsAt) >= now);
  const earlier = meetings.data.items.filter((m) => Date.parse(m.endsAt) < now).reverse();
  const myId = me?.user.id;
  return (
    <Page title="One-on-ones">
      <Text>Times are in your time zone. Open a meeting to prepare its agenda together.</Text>
      {notice && (
        <Alert color="green.9" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {hasRole('manager') && <ScheduleForm onScheduled={setNotice} />}
      <MeetingList title="Coming up" empty="Nothing scheduled in the next eight weeks." items={upcoming} myId={myId} />
      <MeetingList title="Earlier" empty="No meetings in the last four weeks." items={earlier} myId={myId} />
    </Page>
  );
}

function MeetingList({
  title,
  empty,
  items,
  myId,
}: {
  title: string;
  empty: string;
  items: MeetingOccurrence[];
  myId: string | undefined;
}) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={2} size="h3">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text>{empty}</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((m) => {
            const other = m.holder.id === myId ? m.mentee : m.holder;
            return (
              <Card key={m.id} component="li" withBorder padding="sm">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Stack gap={2}>
                    <Anchor component={Link} to={`/meetings/${encodeURIComponent(m.id)}`} fw={600}>
                      {formatWhen(m.startsAt)}
                    </Anchor>
                    <Text size="sm">
                      With {other.name} · {m.durationMinutes} min · {m.recurring ? 'recurring' : 'single'}
                    </Text>
                  </Stack>
                  {m.status === 'cancelled' && (
                    <Badge color="gray.8" variant="outline">
                      Cancelled
                    </Badge>
                  )}
                  {m.rescheduled && m.status !== 'cancelled' && (
                    <Badge color="blue.8" variant="outline">
                      Moved
                    </Badge>
                  )}
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
