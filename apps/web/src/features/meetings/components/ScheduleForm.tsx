import { Alert, Button, Card, Group, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useMentees } from '@/lib/mentees';
import { describeError } from '@/lib/errors';
import { setFieldErrors } from '@/lib/form-errors';
import { useScheduleMeetings } from '../api';
import { describeCadence, formatWhen, viewerTimeZone } from '../when';

const REPEATS = ['', 'FREQ=WEEKLY', 'FREQ=WEEKLY;INTERVAL=2', 'FREQ=MONTHLY'];

interface Values {
  menteeId: string;
  day: string;
  time: string;
  durationMinutes: string;
  timeZone: string;
  recurrence: string;
}

/** Schedule one-on-ones with a mentee: one meeting or a series, kept at its wall time in a time zone. */
export function ScheduleForm({ onScheduled }: { onScheduled: (message: string) => void }) {
  const mentees = useMentees();
  const schedule = useScheduleMeetings();
  const form = useForm<Values>({
    initialValues: {
      menteeId: '',
      day: '',
      time: '09:30',
      durationMinutes: '30',
      timeZone: viewerTimeZone(),
      recurrence: 'FREQ=WEEKLY',
    },
    validate: {
      menteeId: (v) => (v ? null : 'Choose the mentee'),
      day: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'Choose the day of the first meeting'),
      time: (v) => (/^\d{2}:\d{2}$/.test(v) ? null : 'Choose the time'),
      timeZone: (v) => (v.trim() ? null : 'Name the time zone, e.g. Europe/Berlin'),
    },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      const first = await schedule.mutateAsync({
        menteeId: v.menteeId,
        body: {
          startsAt: `${v.day}T${v.time}`,
          durationMinutes: Number(v.durationMinutes),
          timeZone: v.timeZone.trim(),
          recurrence: v.recurrence || undefined,
        },
      });
      form.reset();
      onScheduled(
        `Scheduled with ${first.mentee.name}: ${describeCadence(first.series.recurrence)}, first on ${formatWhen(first.startsAt)}. Both of you get a calendar invitation.`,
      );
    } catch (e) {
      setFieldErrors(form, e, (path) => (path === 'startsAt' ? 'day' : path));
      setFailure(describeError(e));
    }
  });
  return (
    <Card withBorder component="section" aria-labelledby="schedule-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="schedule-title">
          Schedule one-on-ones
        </Title>
        <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="schedule-title">
          <Stack gap="sm">
            <Group align="flex-start" wrap="wrap">
              <NativeSelect
                label="Mentee"
                required
                data={[
                  { value: '', label: 'Choose…' },
                  ...(mentees.data?.items ?? []).map((m) => ({ value: m.id, label: m.name })),
                ]}
                {...form.getInputProps('menteeId')}
              />
              <TextInput type="date" label="First meeting" required {...form.getInputProps('day')} />
              <TextInput type="time" label="Start time" required {...form.getInputProps('time')} />
              <NativeSelect
                label="Length"
                data={['15', '30', '45', '60'].map((m) => ({ value: m, label: `${m} minutes` }))}
                {...form.getInputProps('durationMinutes')}
              />
              <NativeSelect
                label="Repeats"
                data={REPEATS.map((r) => ({ value: r, label: r ? describeCadence(r) : 'does not repeat' }))}
                {...form.getInputProps('recurrence')}
              />
              <TextInput
                label="Time zone"
                description="The meetings keep this wall time across daylight-saving changes"
                {...form.getInputProps('timeZone')}
              />
            </Group>
            {failure && (
              <Alert color="red" role="alert" title="Not scheduled">
                {failure}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={schedule.isPending}>
                Schedule
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
