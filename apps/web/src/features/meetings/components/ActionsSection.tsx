import { Badge, Button, Checkbox, Group, Modal, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useProgress } from '@/components/mentee-record/api/progress';
import { describeError } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { useAddActionItem, useUpdateActionItem, type ActionItem, type MeetingDetail } from '../api';

/** Actions agreed in the meeting: an owner (either of the two) and a date; open ones carry forward. */
export function ActionsSection({ meeting, holds }: { meeting: MeetingDetail; holds: boolean }) {
  const actions = meeting.actions ?? [];
  const add = useAddActionItem(meeting.id);
  const update = useUpdateActionItem(meeting.id);
  const [text, setText] = useState('');
  const [ownerId, setOwnerId] = useState(meeting.mentee.id);
  const [dueOn, setDueOn] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [evidenceFor, setEvidenceFor] = useState<ActionItem | null>(null);
  const fail = (e: unknown) => setFailure(describeError(e));
  const people = [meeting.mentee, meeting.holder];

  return (
    <Stack gap="sm" component="section" aria-labelledby="actions-title">
      <Title order={2} size="h3" id="actions-title">
        Actions
      </Title>
      {failure && (
        <Text c="red.9" role="alert">
          {failure}
        </Text>
      )}
      {actions.length === 0 ? (
        <Text>No actions agreed yet.</Text>
      ) : (
        <Stack gap="xs" component="ul" aria-label="Actions" style={{ paddingLeft: 0, margin: 0, listStyle: 'none' }}>
          {actions.map((a) => (
            <Group key={a.id} component="li" justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Checkbox
                  label={a.text}
                  checked={a.done}
                  onChange={(e) =>
                    update.mutate({ itemId: a.id, body: { done: e.currentTarget.checked } }, { onError: fail })
                  }
                />
                <Group gap={6} pl={32}>
                  <Text size="xs">
                    {a.owner.name}
                    {a.dueOn && ` · due ${formatDate(a.dueOn)}`}
                    {a.carriedOverFrom && ` · carried forward from ${formatDate(a.carriedOverFrom)}`}
                  </Text>
                  {a.milestoneId && (
                    <Badge size="xs" color="green.9" variant="outline">
                      Milestone evidence
                    </Badge>
                  )}
                </Group>
              </Stack>
              {holds && !a.done && (
                <Button
                  size="xs"
                  variant="outline"
                  aria-label={`Done, as milestone evidence: ${a.text}`}
                  onClick={() => setEvidenceFor(a)}
                >
                  Done as evidence
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
      <form
        aria-label="Agree an action"
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return setFailure('Write what is to be done first.');
          setFailure(null);
          add.mutate(
            { text: text.trim(), ownerId, dueOn: dueOn || undefined },
            {
              onSuccess: () => {
                setText('');
                setDueOn('');
              },
              onError: fail,
            },
          );
        }}
      >
        <Group align="flex-end" wrap="wrap" gap="xs">
          <TextInput
            label="New action"
            value={text}
            maxLength={2000}
            onChange={(e) => setText(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 200 }}
          />
          <NativeSelect
            label="Who"
            data={people.map((p) => ({ value: p.id, label: p.name }))}
            value={ownerId}
            onChange={(e) => setOwnerId(e.currentTarget.value)}
          />
          <TextInput type="date" label="Due" value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} />
          <Button type="submit" loading={add.isPending}>
            Add
          </Button>
        </Group>
      </form>
      {evidenceFor && (
        <EvidenceDialog
          meeting={meeting}
          action={evidenceFor}
          onClose={() => setEvidenceFor(null)}
          onDone={(milestoneId) =>
            update.mutate(
              { itemId: evidenceFor.id, body: { done: true, milestoneId } },
              { onSuccess: () => setEvidenceFor(null), onError: (e) => (setEvidenceFor(null), fail(e)) },
            )
          }
          pending={update.isPending}
        />
      )}
    </Stack>
  );
}

/** Close an action and record it as evidence of one of the mentee's milestones. */
function EvidenceDialog({
  meeting,
  action,
  onClose,
  onDone,
  pending,
}: {
  meeting: MeetingDetail;
  action: ActionItem;
  onClose: () => void;
  onDone: (milestoneId: string) => void;
  pending: boolean;
}) {
  const progress = useProgress(meeting.menteeId);
  const milestones = progress.data?.milestones ?? [];
  const [milestoneId, setMilestoneId] = useState('');
  return (
    <Modal opened onClose={onClose} title="Done, as milestone evidence">
      <Stack>
        <Text>“{action.text}” is closed and recorded as evidence of the milestone you choose.</Text>
        <NativeSelect
          label="Milestone"
          data={[
            { value: '', label: milestones.length ? 'Choose…' : 'No milestones' },
            ...milestones.filter((m) => !m.verified).map((m) => ({ value: m.templateId, label: m.title })),
          ]}
          value={milestoneId}
          onChange={(e) => setMilestoneId(e.currentTarget.value)}
        />
        <Group>
          <Button disabled={!milestoneId} loading={pending} onClick={() => onDone(milestoneId)}>
            Close the action
          </Button>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
