import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Page } from '@/components/Page';
import { useSession } from '@/lib/auth';
import { describeError } from '@/lib/errors';
import {
  useAnswerRequest,
  useAskToBeNominated,
  useNominationRequests,
  useNominations,
  usePreRate,
  useTalentReview,
  type Nomination,
  type NominationRequest,
  type PreRating,
} from '../api';

const READINESS: { value: PreRating['readiness']; label: string }[] = [
  { value: 'not_yet', label: 'Not yet' },
  { value: 'ready_in_6_12_months', label: 'In 6–12 months' },
  { value: 'ready_now', label: 'Ready now' },
];

/** A calibrator's blind pre-rating of one nominee: three large choices that fit a phone. */
function PreRatingForm({ reviewId, nomination }: { reviewId: string; nomination: Nomination }) {
  const [readiness, setReadiness] = useState<PreRating['readiness']>(
    nomination.myPreRating?.readiness ?? 'ready_in_6_12_months',
  );
  const rate = usePreRate(reviewId);
  return (
    <Stack gap="xs">
      <SegmentedControl
        fullWidth
        orientation="vertical"
        aria-label={`Readiness of ${nomination.menteeName}`}
        data={READINESS}
        value={readiness}
        onChange={(v) => setReadiness(v)}
      />
      <Button
        loading={rate.isPending}
        onClick={() => rate.mutate({ nominationId: nomination.id, body: { readiness } })}
      >
        {nomination.myPreRating ? 'Change my pre-rating' : 'Save my pre-rating'}
      </Button>
      {rate.isError && <Alert color="red">{describeError(rate.error)}</Alert>}
      {rate.isSuccess && <Text size="sm">Saved. The others’ answers stay hidden until pre-ratings end.</Text>}
    </Stack>
  );
}

function NomineeCard({ reviewId, nomination }: { reviewId: string; nomination: Nomination }) {
  const spread = nomination.spread;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4">
            {nomination.menteeName}
          </Title>
          <Badge variant="light">{nomination.status.replace(/_/g, ' ')}</Badge>
        </Group>
        {spread && (
          <Text size="sm">
            Pre-ratings: {spread.readyNow} ready now, {spread.readyIn6To12Months} in 6–12 months, {spread.notYet} not
            yet · disagreement {spread.variance ?? '—'}
          </Text>
        )}
        {!spread && nomination.preRatings > 0 && <Text size="sm">{nomination.preRatings} pre-ratings given</Text>}
        {nomination.decision && (
          <Text size="sm">
            Decision: {nomination.decision.decision.replace(/_/g, ' ')} — {nomination.decision.reason}
          </Text>
        )}
        {nomination.canPreRate && nomination.status === 'submitted' && (
          <PreRatingForm reviewId={reviewId} nomination={nomination} />
        )}
      </Stack>
    </Card>
  );
}

function RequestCard({ reviewId, request }: { reviewId: string; request: NominationRequest }) {
  const { me } = useSession();
  const [text, setText] = useState('');
  const answer = useAnswerRequest(reviewId);
  const mine = request.menteeId === me?.menteeId;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>
          {mine ? 'Your request' : request.menteeName}: {request.status}
        </Text>
        {request.note && <Text size="sm">{request.note}</Text>}
        {request.reason && <Text size="sm">Reason: {request.reason}</Text>}
        {!mine && request.status === 'pending' && (
          <>
            <Textarea
              label="The case (to accept) or the reason (to decline)"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <Group>
              <Button
                disabled={!text.trim()}
                onClick={() => answer.mutate({ requestId: request.id, accept: true, text })}
              >
                Nominate
              </Button>
              <Button
                variant="default"
                disabled={!text.trim()}
                onClick={() => answer.mutate({ requestId: request.id, accept: false, text })}
              >
                Decline
              </Button>
            </Group>
            {answer.isError && <Alert color="red">{describeError(answer.error)}</Alert>}
          </>
        )}
      </Stack>
    </Card>
  );
}

/** One cycle: its nominees (and the caller's pre-rating form), the requests, a mentee's ask. */
export default function TalentReviewPage() {
  const { id = '' } = useParams();
  const { hasRole } = useSession();
  const review = useTalentReview(id);
  const nominations = useNominations(id);
  const requests = useNominationRequests(id);
  const ask = useAskToBeNominated(id);
  const [note, setNote] = useState('');
  const asked = (requests.data?.items.length ?? 0) > 0;
  return (
    <Page title={review.data?.name ?? 'Talent review'}>
      <Stack>
        {review.data && (
          <Text>
            Into {review.data.targetPhase.replace(/_/g, ' ')}
            {review.data.department ? ` · ${review.data.department}` : ''} · pre-ratings{' '}
            {review.data.blind ? `blind until ${review.data.closesOn}` : 'ended'} · {review.data.status}
          </Text>
        )}
        <Title order={2} size="h3">
          Nominees
        </Title>
        {nominations.data?.items.length === 0 && <Text>No nominations you can see.</Text>}
        {nominations.data?.items.map((n) => (
          <NomineeCard key={n.id} reviewId={id} nomination={n} />
        ))}
        <Title order={2} size="h3">
          Requests to be nominated
        </Title>
        {requests.data?.items.map((r) => (
          <RequestCard key={r.id} reviewId={id} request={r} />
        ))}
        {hasRole('mentee') && !asked && review.data?.status === 'open' && (
          <Stack gap="xs">
            <Textarea label="Why now (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Button loading={ask.isPending} onClick={() => ask.mutate(note.trim())}>
              Ask my manager to nominate me
            </Button>
            {ask.isError && <Alert color="red">{describeError(ask.error)}</Alert>}
          </Stack>
        )}
      </Stack>
    </Page>
  );
}
