import { ActionIcon, Badge, Button, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '@/lib/errors';
import { clearDraft, loadDraft, saveDraft } from '@/lib/drafts';
import { formatDate } from '@/lib/format';
import {
  useAddAgendaItem,
  useDeleteAgendaItem,
  useSuggestions,
  useUpdateAgendaItem,
  type AgendaItem,
  type MeetingDetail,
} from '../api';

/** The agenda: add a point in one step, tick it off, move it up or down with buttons (keyboard and touch). */
export function AgendaSection({ meeting, myId }: { meeting: MeetingDetail; myId: string }) {
  const agenda = meeting.agenda ?? [];
  const add = useAddAgendaItem(meeting.id);
  const update = useUpdateAgendaItem(meeting.id);
  const remove = useDeleteAgendaItem(meeting.id);
  const suggestions = useSuggestions(meeting.id, meeting.status !== 'cancelled');
  const draftKey = `meeting-agenda.${meeting.id}`;
  const [text, setText] = useState(() => loadDraft<string>(draftKey) ?? '');
  const [isPrivate, setPrivate] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const fail = (e: unknown) => setFailure(describeError(e));
  const typed = (value: string) => {
    setText(value);
    if (value.trim()) saveDraft(draftKey, value);
    else clearDraft(draftKey);
  };
  // `position` is the place among the points the caller sees, counted without the moved one.
  const move = (item: AgendaItem, index: number, by: -1 | 1) =>
    update.mutate({ itemId: item.id, body: { position: index + by } }, { onError: fail });

  return (
    <Stack gap="sm" component="section" aria-labelledby="agenda-title">
      <Title order={2} size="h3" id="agenda-title">
        Agenda
      </Title>
      {failure && (
        <Text c="red.9" role="alert">
          {failure}
        </Text>
      )}
      {agenda.length === 0 ? (
        <Text>No talking points yet. Either of you can add one.</Text>
      ) : (
        <Stack
          gap="xs"
          component="ol"
          aria-label="Talking points"
          style={{ paddingLeft: 0, margin: 0, listStyle: 'none' }}
        >
          {agenda.map((item, index) => (
            <Group key={item.id} component="li" justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Checkbox
                  label={item.text}
                  checked={item.done}
                  onChange={(e) =>
                    update.mutate({ itemId: item.id, body: { done: e.currentTarget.checked } }, { onError: fail })
                  }
                />
                <Group gap={6} pl={32}>
                  <Text size="xs">by {item.author.id === myId ? 'you' : item.author.name}</Text>
                  {item.private && (
                    <Badge size="xs" color="gray.8" variant="outline">
                      Private
                    </Badge>
                  )}
                  {item.carriedOverFrom && <Text size="xs">carried over from {formatDate(item.carriedOverFrom)}</Text>}
                </Group>
              </Stack>
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  aria-label={`Move up: ${item.text}`}
                  disabled={index === 0}
                  onClick={() => move(item, index, -1)}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  aria-label={`Move down: ${item.text}`}
                  disabled={index === agenda.length - 1}
                  onClick={() => move(item, index, 1)}
                >
                  ↓
                </ActionIcon>
                {item.author.id === myId && (
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    aria-label={`Remove: ${item.text}`}
                    onClick={() => remove.mutate(item.id, { onError: fail })}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      <form
        aria-label="Add a talking point"
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return setFailure('Write the talking point first.');
          setFailure(null);
          add.mutate(
            { text: text.trim(), private: isPrivate },
            {
              onSuccess: () => {
                typed('');
                setPrivate(false);
              },
              onError: fail,
            },
          );
        }}
      >
        <Group align="flex-end" wrap="wrap" gap="xs">
          <TextInput
            label="New talking point"
            value={text}
            maxLength={1000}
            onChange={(e) => typed(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 200 }}
          />
          <Checkbox
            label="Only I see it"
            checked={isPrivate}
            onChange={(e) => setPrivate(e.currentTarget.checked)}
            mb={8}
          />
          <Button type="submit" loading={add.isPending}>
            Add
          </Button>
        </Group>
      </form>
      {(suggestions.data?.items.length ?? 0) > 0 && (
        <Stack gap="xs" aria-label="Suggested from what holds readiness back" component="section">
          <Text fw={600}>Suggested from what holds readiness back</Text>
          {suggestions.data!.items.map((s) => (
            <Group key={s.key} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" style={{ flex: 1, minWidth: 0 }}>
                {s.text}
              </Text>
              <Button
                size="xs"
                variant="outline"
                aria-label={`Add to the agenda: ${s.text}`}
                onClick={() => add.mutate({ text: s.text, private: false, suggestionKey: s.key }, { onError: fail })}
              >
                Add
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
