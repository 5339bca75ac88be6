import { Button, Card, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { describeError } from '@/lib/errors';
import { useCancelMeeting, useChangeMeeting, type MeetingDetail } from '../api';

type Scope = 'occurrence' | 'series';

/** Move or cancel this meeting, or this one and every later one of its series; calendars follow. */
export function ChangeMeeting({ meeting }: { meeting: MeetingDetail }) {
  const navigate = useNavigate();
  const change = useChangeMeeting();
  const cancel = useCancelMeeting();
  const [startsAt, setStartsAt] = useState(meeting.localStart);
  const [scope, setScope] = useState<Scope>('occurrence');
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const recurring = meeting.recurring;
  return (
    <Card withBorder component="section" aria-labelledby="change-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="change-title">
          Move or cancel
        </Title>
        {recurring && (
          <Radio.Group label="Which meetings" value={scope} onChange={(v) => setScope(v)}>
            <Group mt="xs">
              <Radio value="occurrence" label="This meeting only" />
              <Radio value="series" label="This and every later one" />
            </Group>
          </Radio.Group>
        )}
        <Group align="flex-end" wrap="wrap">
          <TextInput
            type="datetime-local"
            label={`New time (${meeting.timeZone})`}
            value={startsAt}
            onChange={(e) => setStartsAt(e.currentTarget.value)}
          />
          <Button
            loading={change.isPending}
            onClick={() =>
              change.mutate(
                { id: meeting.id, body: { scope, startsAt } },
                {
                  onSuccess: (moved) => {
                    setMessage({ ok: true, text: 'Moved; both calendars get the change.' });
                    if (moved.id !== meeting.id) void navigate(`/meetings/${encodeURIComponent(moved.id)}`);
                  },
                  onError: (e) => setMessage({ ok: false, text: describeError(e) }),
                },
              )
            }
          >
            Move
          </Button>
          <Button variant="outline" color="red.9" onClick={() => setConfirming(true)}>
            Cancel {scope === 'series' ? 'these meetings' : 'this meeting'}
          </Button>
        </Group>
        {message && (
          <Text role={message.ok ? 'status' : 'alert'} c={message.ok ? 'green.9' : 'red.9'}>
            {message.text}
          </Text>
        )}
      </Stack>
      {confirming && (
        <ConfirmDialog
          title={scope === 'series' ? 'Cancel this and every later meeting?' : 'Cancel this meeting?'}
          confirmLabel="Cancel it"
          danger
          pending={cancel.isPending}
          onClose={() => setConfirming(false)}
          onConfirm={() =>
            cancel.mutate(
              { id: meeting.id, scope },
              {
                onSuccess: () => {
                  setConfirming(false);
                  setMessage({ ok: true, text: 'Cancelled; both calendars get the cancellation.' });
                },
                onError: (e) => {
                  setConfirming(false);
                  setMessage({ ok: false, text: describeError(e) });
                },
              },
            )
          }
        >
          Both of you get a cancellation for your calendars. Agenda points and open actions carry over to the next
          meeting.
        </ConfirmDialog>
      )}
    </Card>
  );
}
