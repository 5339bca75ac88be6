import { Alert, Anchor, Button, Center, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Loading } from '@/components/Loading';
import { useSession } from '@/lib/auth';
import { describeError, isStatus } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/form-errors';
import { formatDate } from '@/lib/format';
import { useRespondForm, useSubmitAnswer, type RespondForm } from './api';

const SCALE = [
  { value: '1', label: '1', description: 'not at all' },
  { value: '2', label: '2', description: 'rarely' },
  { value: '3', label: '3', description: 'sometimes' },
  { value: '4', label: '4', description: 'mostly' },
  { value: '5', label: '5', description: 'always' },
];
const TEXT_MAX = 2000;

/** A page of its own, outside the signed-in shell: the link is the only key. */
function Frame({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Leadpath`;
  }, [title]);
  return (
    <Center component="main" mih="100vh" p={{ base: 'xs', sm: 'md' }}>
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} w="100%" maw={640}>
        {children}
      </Paper>
    </Center>
  );
}

function LinkProblem({ error }: { error: unknown }) {
  const [title, text] = isStatus(error, 409)
    ? [
        'This link has already been used',
        'An answer was already sent with this link, and each link answers once. Thank you for taking part.',
      ]
    : isStatus(error, 410)
      ? [
          'This link has expired',
          'Links to answer work for 14 days, and this one has run out. Nothing more is needed from you; thank you all the same.',
        ]
      : isStatus(error, 404)
        ? [
            'This link does not work',
            'Check that you opened the whole link from the e-mail. A link that was copied in part does not work.',
          ]
        : ['This page could not be loaded', describeError(error)];
  return (
    <Frame title={title}>
      <Stack>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text>{text}</Text>
      </Stack>
    </Frame>
  );
}

function Thanks({ form }: { form: RespondForm }) {
  // Answered from inside the app (signed in): a way back to the other requests; from a mailed link: nothing to go back to.
  const { status } = useSession();
  return (
    <Frame title="Thank you">
      <Stack>
        <Title order={1} size="h2">
          Thank you
        </Title>
        <Text role="status">
          Your answer about how {form.leadName} led “{form.assignmentTitle}” is saved, without your name. It is shown
          only together with the answers of others. This link no longer works.
          {status === 'signedIn' ? '' : ' You can close this page.'}
        </Text>
        {status === 'signedIn' && (
          <Anchor component={Link} to="/feedback-requests">
            Back to your feedback requests
          </Anchor>
        )}
      </Stack>
    </Frame>
  );
}

/** What someone who was led answers about the person who led them: a rating per competency, two texts, once. */
export default function RespondPage() {
  const { token = '' } = useParams();
  const form = useRespondForm(token);
  const submit = useSubmitAnswer(token);
  const [ratings, setRatings] = useState<Record<string, string>>({});
  const [wentWell, setWentWell] = useState('');
  const [couldHelp, setCouldHelp] = useState('');
  const [missing, setMissing] = useState<string[]>([]);

  if (form.error) return <LinkProblem error={form.error} />;
  if (!form.data) return <Loading label="Loading the questions" />;
  const f = form.data;
  if (submit.isSuccess) return <Thanks form={f} />;
  if (submit.error && (isStatus(submit.error, 409) || isStatus(submit.error, 410) || isStatus(submit.error, 404)))
    return <LinkProblem error={submit.error} />;

  const send = (event: React.FormEvent) => {
    event.preventDefault();
    const unanswered = f.questions.filter((q) => !ratings[q.competency]).map((q) => q.competency);
    setMissing(unanswered);
    if (unanswered.length > 0) {
      document.querySelector<HTMLInputElement>(`input[name="rating-${unanswered[0]}"]`)?.focus();
      return;
    }
    submit.mutate({
      ratings: f.questions.map((q) => ({
        competency: q.competency,
        rating: Number(ratings[q.competency]) as 1 | 2 | 3 | 4 | 5,
      })),
      wentWell: wentWell.trim() || undefined,
      couldHelp: couldHelp.trim() || undefined,
    });
  };
  const fieldErrors = fieldErrorsOf(submit.error);

  return (
    <Frame title={`How did ${f.leadName} lead?`}>
      <form onSubmit={send} noValidate>
        <Stack gap="lg">
          <Stack gap="xs">
            <Title order={1} size="h2">
              How did {f.leadName} lead?
            </Title>
            <Text fw={600}>{f.assignmentTitle}</Text>
            <Text size="sm">
              You were one of the people {f.leadName} led in this work. Your answer is anonymous: it is stored without
              your name or this link, and shown only together with the answers of others, never fewer than three in all.
              The link works once, until {formatDate(f.expiresAt)}.
            </Text>
          </Stack>
          {submit.error && (
            <Alert color="red" role="alert" title="Not sent">
              {describeError(submit.error)}
            </Alert>
          )}
          {f.questions.map((q) => (
            <Radio.Group
              key={q.competency}
              name={`rating-${q.competency}`}
              label={q.question}
              description={`${q.name} · 1 not at all, 5 always`}
              value={ratings[q.competency] ?? null}
              onChange={(value) => {
                setRatings((r) => ({ ...r, [q.competency]: value }));
                setMissing((m) => m.filter((k) => k !== q.competency));
              }}
              error={missing.includes(q.competency) ? 'Choose a rating from 1 to 5' : undefined}
              required
            >
              <Group gap="md" mt="xs" wrap="wrap">
                {SCALE.map((s) => (
                  <Radio
                    key={s.value}
                    value={s.value}
                    label={s.label}
                    size="md"
                    aria-label={`${s.label}, ${s.description}`}
                  />
                ))}
              </Group>
            </Radio.Group>
          ))}
          <Textarea
            label="What did they do well?"
            description="Optional. Something specific helps most."
            autosize
            minRows={3}
            maxLength={TEXT_MAX}
            value={wentWell}
            onChange={(e) => setWentWell(e.currentTarget.value)}
            error={fieldErrors.wentWell}
          />
          <Textarea
            label="What would help them lead better?"
            description="Optional."
            autosize
            minRows={3}
            maxLength={TEXT_MAX}
            value={couldHelp}
            onChange={(e) => setCouldHelp(e.currentTarget.value)}
            error={fieldErrors.couldHelp}
          />
          {missing.length > 0 && (
            <Text c="red.9" size="sm" role="alert">
              {missing.length === 1
                ? 'One question has no rating yet.'
                : `${missing.length} questions have no rating yet.`}
            </Text>
          )}
          <Button type="submit" loading={submit.isPending} size="md">
            Send my answer
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}
