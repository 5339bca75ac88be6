import { Alert, Anchor, Card, List, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { QueryError } from '@/components/ErrorPages';
import { Loading } from '@/components/Loading';
import { Page } from '@/components/Page';
import { useSession } from '@/lib/auth';
import { formatDate } from '@/lib/format';
import { useMeeting } from '../api';
import { ActionsSection } from '../components/ActionsSection';
import { AgendaSection } from '../components/AgendaSection';
import { ChangeMeeting } from '../components/ChangeMeeting';
import { OutcomeSection } from '../components/OutcomeSection';
import { describeCadence, formatWhen } from '../when';

/**
 * One meeting, made for a phone as much as a desk: last time's next steps and open actions first,
 * then the agenda both people prepare, the actions agreed, and the outcome.
 */
export default function MeetingPage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const meeting = useMeeting(id);
  if (meeting.error) return <QueryError error={meeting.error} />;
  if (!meeting.data) return <Loading />;
  const m = meeting.data;
  const holds = m.holder.id === me?.user.id;
  const other = holds ? m.mentee : m.holder;
  return (
    <Page
      title={`One-on-one with ${m.content ? other.name : `${m.mentee.name} and ${m.holder.name}`}`}
      actions={
        <Anchor component={Link} to={m.content ? '/meetings' : `/mentees/${m.menteeId}`}>
          {m.content ? 'All one-on-ones' : `Back to ${m.mentee.name}`}
        </Anchor>
      }
    >
      <Stack gap={4}>
        <Text fw={600}>
          {formatWhen(m.startsAt)} · {m.durationMinutes} minutes
        </Text>
        <Text size="sm">
          {describeCadence(m.series.recurrence)}, at {m.localStart.slice(11)} in {m.timeZone}
          {m.series.menteeShare !== null &&
            ` · ${Math.round(m.series.menteeShare * 100)}% of this series' points were added by ${m.mentee.name}`}
        </Text>
      </Stack>
      {m.status === 'cancelled' && (
        <Alert color="gray" role="status" title="Cancelled">
          This meeting was cancelled.
        </Alert>
      )}
      {!m.content ? (
        <Text>What the two of them discuss stays between them: HR sees that meetings happen, not what is in them.</Text>
      ) : (
        <>
          {(m.lastTime || (m.openActions?.length ?? 0) > 0) && (
            <Card withBorder component="section" aria-labelledby="last-time">
              <Stack gap="xs">
                <Title order={2} size="h3" id="last-time">
                  From last time
                </Title>
                {m.lastTime && (
                  <Text>
                    <Text span fw={600}>
                      Next steps ({formatDate(m.lastTime.startsAt)}):{' '}
                    </Text>
                    {m.lastTime.nextSteps ?? 'none were written down.'}
                  </Text>
                )}
                {(m.openActions?.length ?? 0) > 0 && (
                  <List aria-label="Open actions from earlier meetings">
                    {m.openActions!.map((a) => (
                      <List.Item key={a.id}>
                        {a.text} — {a.owner.name}
                        {a.dueOn && `, due ${formatDate(a.dueOn)}`}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Stack>
            </Card>
          )}
          <AgendaSection meeting={m} myId={me?.user.id ?? ''} />
          <ActionsSection meeting={m} holds={holds} />
          <OutcomeSection meeting={m} holds={holds} />
        </>
      )}
      {holds && m.status !== 'cancelled' && <ChangeMeeting meeting={m} />}
    </Page>
  );
}
