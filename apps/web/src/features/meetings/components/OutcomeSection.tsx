import { Alert, Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '@/components/ErrorPages';
import { Loading } from '@/components/Loading';
import { bodyOf, OneOnOneForm, ratingField, valuesOf } from '@/components/mentee-record/OneOnOneForm';
import { clearDraft } from '@/lib/drafts';
import { describeError } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { setFieldErrors } from '@/lib/form-errors';
import { useFramework } from '@/lib/framework';
import { useLogOutcome, type MeetingDetail } from '../api';

/**
 * The outcome is the mentee's feedback entry dated the meeting's day (readiness keeps one source of
 * truth); the one who holds the meeting logs it once it has begun.
 */
export function OutcomeSection({ meeting, holds }: { meeting: MeetingDetail; holds: boolean }) {
  const outcomes = meeting.outcomes ?? [];
  const [now] = useState(() => Date.now());
  const begun = Date.parse(meeting.startsAt) <= now;
  return (
    <Stack gap="sm" component="section" aria-labelledby="outcome-title">
      <Title order={2} size="h3" id="outcome-title">
        Outcome
      </Title>
      {outcomes.length > 0 ? (
        <List>
          {outcomes.map((o) => (
            <List.Item key={o.feedbackId}>
              Logged for {formatDate(o.occurredOn)} ({o.visibility === 'shared' ? 'shared' : 'private note'})
              {o.nextSteps && ` — next steps: ${o.nextSteps}`}
            </List.Item>
          ))}
        </List>
      ) : !holds ? (
        <Text>{meeting.holder.name} logs the outcome after the meeting.</Text>
      ) : !begun ? (
        <Text>After the meeting, log its outcome here: ratings, strengths, gaps and next steps.</Text>
      ) : meeting.status === 'cancelled' ? null : (
        <OutcomeForm meeting={meeting} />
      )}
      {holds && (
        <Anchor component={Link} to={`/mentees/${meeting.menteeId}`}>
          {meeting.mentee.name}'s record
        </Anchor>
      )}
    </Stack>
  );
}

function OutcomeForm({ meeting }: { meeting: MeetingDetail }) {
  const framework = useFramework();
  const log = useLogOutcome(meeting.id);
  const [failure, setFailure] = useState<string | null>(null);
  const draftKey = `meeting-outcome.${meeting.id}`;
  if (framework.error) return <QueryError error={framework.error} />;
  if (!framework.data) return <Loading />;
  return (
    <>
      {failure && (
        <Alert color="red" role="alert" title="Not saved">
          {failure}
        </Alert>
      )}
      <OneOnOneForm
        framework={framework.data}
        initial={valuesOf(null, framework.data)}
        submitLabel="Save the outcome"
        draftKey={draftKey}
        dated={false}
        onSubmit={async (values, form) => {
          setFailure(null);
          const {
            body: { occurredOn: _day, ...body },
            ratingKeys,
          } = bodyOf(values);
          try {
            await log.mutateAsync(body);
            clearDraft(draftKey);
          } catch (e) {
            setFieldErrors(form, e, ratingField(ratingKeys));
            setFailure(describeError(e));
          }
        }}
      />
    </>
  );
}
