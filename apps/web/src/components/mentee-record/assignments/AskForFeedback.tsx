import { Alert, Button, Checkbox, CloseButton, Group, List, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ApiError, describeError } from '@/lib/errors';
import { useCandidates, useRequestFeedback, type Assignment, type Respondent } from '../api/assignments';

export const MAX_RESPONDENTS = 30;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Chosen {
  key: string;
  label: string;
  respondent: Respondent;
}

/** The server names a respondent by index (`respondents.2.email`); say which person that is. */
function explain(error: unknown, chosen: Chosen[]): string {
  if (!(error instanceof ApiError)) return describeError(error);
  const fields = error.body.fields ?? [];
  if (fields.length === 0) return describeError(error);
  return fields
    .map((f) => {
      const index = /^respondents\.(\d+)/.exec(f.field)?.[1];
      const who = index !== undefined ? chosen[Number(index)]?.label : undefined;
      return `${who ? `${who}: ` : ''}${f.messages.join(' ')}`;
    })
    .join(' ');
}

function Candidates({
  assignmentId,
  chosen,
  toggle,
}: {
  assignmentId: string;
  chosen: Chosen[];
  toggle: (c: Chosen) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const candidates = useCandidates(assignmentId, debounced);
  return (
    <Stack gap="xs">
      <TextInput
        label="Find people of your organization"
        description="Part of a name or e-mail address"
        value={search}
        maxLength={100}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      {candidates.error && <Text c="red.9">{describeError(candidates.error)}</Text>}
      {candidates.data && candidates.data.items.length === 0 && (
        <Text size="sm">Nobody found who can still be asked.</Text>
      )}
      <Stack gap={6} role="group" aria-label="People of your organization">
        {candidates.data?.items.map((c) => (
          <Checkbox
            key={c.id}
            label={`${c.name} (${c.email})`}
            checked={chosen.some((x) => x.key === c.id)}
            onChange={() => toggle({ key: c.id, label: c.name, respondent: { userId: c.id } })}
          />
        ))}
      </Stack>
    </Stack>
  );
}

function ByEmail({ add }: { add: (c: Chosen) => string | null }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<{ name?: string; email?: string }>({});
  const submit = () => {
    const problems = {
      name: name.trim() ? undefined : 'Enter their name',
      email: EMAIL.test(email.trim()) ? undefined : 'Enter an e-mail address such as sam@example.com',
    };
    setError(problems);
    if (problems.name || problems.email) return;
    const refused = add({
      key: email.trim().toLowerCase(),
      label: `${name.trim()} (${email.trim()})`,
      respondent: { name: name.trim(), email: email.trim() },
    });
    if (refused) setError({ email: refused });
    else {
      setName('');
      setEmail('');
    }
  };
  return (
    <Stack gap="xs" role="group" aria-label="Someone outside the organization">
      <Text fw={600} size="sm">
        Or someone by e-mail
      </Text>
      <Group align="flex-start" wrap="wrap" grow>
        <TextInput
          label="Their name"
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error.name}
          miw={160}
        />
        <TextInput
          label="Their e-mail"
          type="email"
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submit();
            }
          }}
          error={error.email}
          miw={200}
        />
      </Group>
      <Group>
        <Button variant="outline" size="xs" onClick={submit}>
          Add this person
        </Button>
      </Group>
    </Stack>
  );
}

/** Ask the people who were led: picked from the organization or typed as e-mail addresses, at most 30 in all. */
export function AskForFeedback({
  assignment,
  leadName,
  opened,
  onClose,
}: {
  assignment: Assignment;
  leadName: string;
  opened: boolean;
  onClose: () => void;
}) {
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<{ total: number; pending: number } | null>(null);
  const ask = useRequestFeedback(assignment.menteeId, assignment.id);
  const room = MAX_RESPONDENTS - assignment.feedback.requested;
  const add = (c: Chosen): string | null => {
    if (chosen.some((x) => x.key === c.key)) return 'Already on the list';
    if (chosen.length >= room) return `At most ${MAX_RESPONDENTS} people can be asked about one assignment`;
    setChosen((list) => [...list, c]);
    return null;
  };
  const toggle = (c: Chosen) => {
    if (chosen.some((x) => x.key === c.key)) setChosen((list) => list.filter((x) => x.key !== c.key));
    else setFailure(add(c));
  };
  const close = () => {
    setChosen([]);
    setFailure(null);
    setSent(null);
    onClose();
  };
  const send = async () => {
    setFailure(null);
    try {
      const created = await ask.mutateAsync(chosen.map((c) => c.respondent));
      setSent({
        total: created.items.length,
        pending: created.items.filter((r) => r.approval === 'pending').length,
      });
      setChosen([]);
    } catch (e) {
      setFailure(explain(e, chosen));
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={`Ask for feedback on “${assignment.title}”`} size="lg">
      {sent !== null ? (
        <Stack>
          <Alert color="green.9" role="status" title="Sent">
            {sent.total === 1 ? 'One person was' : `${sent.total} people were`} asked. Each gets a link by e-mail, and a
            reminder after 5 and 10 days if they have not answered.
            {sent.pending > 0 &&
              ` ${sent.pending === 1 ? 'One outside address waits' : `${sent.pending} outside addresses wait`} for your line manager or HR to approve it: no mail leaves before.`}
          </Alert>
          <Group>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">
            Ask the people {leadName} led. Each gets a link by e-mail that works once for 14 days. Answers are anonymous
            and show only in aggregate, from {assignment.feedback.threshold} answers. {assignment.feedback.requested}{' '}
            asked so far; {room > 0 ? `up to ${room} more can be asked` : 'nobody more can be asked'}.
          </Text>
          {failure && (
            <Alert color="red" role="alert" title="Not sent">
              {failure}
            </Alert>
          )}
          {room > 0 && <Candidates assignmentId={assignment.id} chosen={chosen} toggle={toggle} />}
          {room > 0 && <ByEmail add={add} />}
          <Stack gap={4}>
            <Title order={3} size="h6">
              To ask ({chosen.length})
            </Title>
            {chosen.length === 0 ? (
              <Text size="sm">Nobody chosen yet.</Text>
            ) : (
              <List size="sm" listStyleType="none" spacing={4}>
                {chosen.map((c) => (
                  <List.Item key={c.key}>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm">{c.label}</Text>
                      <CloseButton
                        size="sm"
                        aria-label={`Remove ${c.label}`}
                        onClick={() => setChosen((list) => list.filter((x) => x.key !== c.key))}
                      />
                    </Group>
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
          <Group>
            <Button onClick={() => void send()} disabled={chosen.length === 0} loading={ask.isPending}>
              {chosen.length === 1 ? 'Ask 1 person' : `Ask ${chosen.length} people`}
            </Button>
            <Button variant="outline" onClick={close}>
              Cancel
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
