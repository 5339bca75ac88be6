import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { describeError } from '@/lib/errors';
import { setFieldErrors } from '@/lib/form-errors';
import { competencyName, type Framework } from '@/lib/framework';
import { formatDate } from '@/lib/format';
import { useAddCheckIn, useCheckIns, useConfirmGoal, useCreateGoal, useUpdateGoalStatus } from './api/goals';
import type { Goal } from './api/types';

const STATUS = { open: 'Open', achieved: 'Achieved', dropped: 'Dropped' } as const;

function CheckIns({ menteeId, goal }: { menteeId: string; goal: Goal }) {
  const checkIns = useCheckIns(goal.id, true);
  const add = useAddCheckIn(menteeId, goal.id);
  const form = useForm<{ progress: number | string; note: string }>({
    initialValues: { progress: goal.latestProgress ?? 0, note: '' },
    validate: { progress: (v) => (Number(v) >= 0 && Number(v) <= 100 ? null : 'Progress is from 0 to 100') },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await add.mutateAsync({ progress: Number(values.progress), note: values.note.trim() || undefined });
      form.setFieldValue('note', '');
    } catch (e) {
      if (!Object.keys(setFieldErrors(form, e)).length) form.setErrors({ note: describeError(e) });
    }
  });
  return (
    <Stack gap="xs" pl="sm">
      {checkIns.data && checkIns.data.items.length === 0 && <Text size="sm">No check-ins yet.</Text>}
      <List size="sm">
        {checkIns.data?.items.map((c) => (
          <List.Item key={c.id}>
            {formatDate(c.createdAt)}: {c.progress}%{c.note ? ` — ${c.note}` : ''}
          </List.Item>
        ))}
      </List>
      {goal.status === 'open' && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Group align="flex-end" wrap="wrap">
            <NumberInput label="Progress (%)" min={0} max={100} w={140} {...form.getInputProps('progress')} />
            <TextInput label="Note" maxLength={2000} {...form.getInputProps('note')} />
            <Button type="submit" size="sm" loading={add.isPending}>
              Add check-in
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

function NewGoal({ menteeId, framework, onDone }: { menteeId: string; framework: Framework; onDone: () => void }) {
  const create = useCreateGoal(menteeId);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { title: '', competency: '', targetDate: '', description: '' },
    validate: {
      title: (v) => (v.trim() ? null : 'Give the goal a title'),
      competency: (v) => (v ? null : 'Choose the competency it grows'),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await create.mutateAsync({
        title: values.title.trim(),
        competency: values.competency,
        targetDate: values.targetDate || undefined,
        description: values.description.trim() || undefined,
      });
      onDone();
    } catch (e) {
      setFieldErrors(form, e);
      setFailure(describeError(e));
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert" title="Not saved">
            {failure}
          </Alert>
        )}
        <TextInput label="Goal" required {...form.getInputProps('title')} />
        <NativeSelect
          label="Competency"
          required
          data={[
            { value: '', label: 'Choose a competency' },
            ...framework.competencies.filter((c) => !c.retired).map((c) => ({ value: c.key, label: c.name })),
          ]}
          {...form.getInputProps('competency')}
        />
        <TextInput type="date" label="Target date" {...form.getInputProps('targetDate')} />
        <Textarea label="Description" autosize minRows={2} maxLength={4000} {...form.getInputProps('description')} />
        <Group>
          <Button type="submit" loading={create.isPending}>
            Add goal
          </Button>
          <Button variant="outline" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A goal the mentee marked achieved counts as open until the line manager or HR confirms it. */
const awaitingConfirmation = (g: Goal) => g.status === 'achieved' && !g.confirmedAt;

/** Readiness goals with their check-ins; the mentee claims "achieved", the line manager or HR confirms. */
export function GoalsPanel({
  menteeId,
  goals,
  framework,
  canConfirm = false,
}: {
  menteeId: string;
  goals: Goal[];
  framework: Framework;
  /** The line manager or HR (never the mentee themselves). */
  canConfirm?: boolean;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const status = useUpdateGoalStatus(menteeId);
  const confirm = useConfirmGoal(menteeId);
  // "Achieved" and "Drop" ask once before they act; "Reopen" undoes either.
  const [asking, setAsking] = useState<{ id: string; to: 'achieved' | 'dropped' } | null>(null);
  const change = (id: string, to: Goal['status']) => {
    setFailure(null);
    setAsking(null);
    status.mutate({ id, status: to }, { onError: (e) => setFailure(describeError(e)) });
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            Goals
          </Title>
          {!adding && (
            <Button size="xs" variant="outline" onClick={() => setAdding(true)}>
              New goal
            </Button>
          )}
        </Group>
        {adding && <NewGoal menteeId={menteeId} framework={framework} onDone={() => setAdding(false)} />}
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        {goals.length === 0 && <Text>No goals yet.</Text>}
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {goals.map((g) => (
            <li key={g.id}>
              <Paper withBorder p="sm">
                <Stack gap={4}>
                  <Group gap="xs">
                    <Title order={3} size="h5">
                      {g.title}
                    </Title>
                    <Badge variant="outline" color="gray.8">
                      {STATUS[g.status]}
                    </Badge>
                    {awaitingConfirmation(g) && (
                      <Badge color="orange.9" variant="filled">
                        Awaiting confirmation
                      </Badge>
                    )}
                    {g.status === 'achieved' && g.confirmedAt && (
                      <Badge color="green.9" variant="filled">
                        Confirmed {formatDate(g.confirmedAt)}
                      </Badge>
                    )}
                    {g.overdue && (
                      <Badge color="red.9" variant="filled">
                        Overdue
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm">
                    {competencyName(framework, g.competency)}
                    {g.targetDate ? ` · due ${formatDate(g.targetDate)}` : ''}
                    {g.latestProgress !== null && g.latestProgress !== undefined ? ` · ${g.latestProgress}% done` : ''}
                  </Text>
                  {g.description && <Text size="sm">{g.description}</Text>}
                  <Group gap="xs">
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-expanded={open === g.id}
                      aria-label={`Check-ins for “${g.title}”`}
                      onClick={() => setOpen(open === g.id ? null : g.id)}
                    >
                      Check-ins
                    </Button>
                    {g.status === 'open' && (
                      <Button
                        size="xs"
                        variant="outline"
                        aria-label={`Mark achieved “${g.title}”`}
                        onClick={() => setAsking({ id: g.id, to: 'achieved' })}
                      >
                        Mark achieved
                      </Button>
                    )}
                    {canConfirm && awaitingConfirmation(g) && (
                      <Button
                        size="xs"
                        aria-label={`Confirm “${g.title}”`}
                        loading={confirm.isPending && confirm.variables === g.id}
                        onClick={() => {
                          setFailure(null);
                          confirm.mutate(g.id, { onError: (e) => setFailure(describeError(e)) });
                        }}
                      >
                        Confirm
                      </Button>
                    )}
                    {g.status === 'open' && (
                      <Button
                        size="xs"
                        variant="outline"
                        color="red.9"
                        aria-label={`Drop “${g.title}”`}
                        onClick={() => setAsking({ id: g.id, to: 'dropped' })}
                      >
                        Drop
                      </Button>
                    )}
                    {g.status !== 'open' && (
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={`Reopen “${g.title}”`}
                        loading={status.isPending && status.variables?.id === g.id}
                        onClick={() => change(g.id, 'open')}
                      >
                        Reopen
                      </Button>
                    )}
                  </Group>
                  {asking?.id === g.id && (
                    <Group gap="xs" role="group" aria-label={`Confirm the change to “${g.title}”`}>
                      <Text size="sm">
                        {asking.to === 'achieved'
                          ? canConfirm
                            ? 'Mark this goal achieved? It counts at once; you can reopen it.'
                            : 'Mark this goal achieved? It counts once your line manager or HR confirms it; you can reopen it.'
                          : 'Drop this goal? It stops counting; you can reopen it.'}
                      </Text>
                      <Button
                        size="xs"
                        color={asking.to === 'dropped' ? 'red.9' : undefined}
                        onClick={() => change(g.id, asking.to)}
                      >
                        {asking.to === 'achieved' ? 'Yes, mark achieved' : 'Yes, drop it'}
                      </Button>
                      <Button size="xs" variant="outline" onClick={() => setAsking(null)}>
                        Cancel
                      </Button>
                    </Group>
                  )}
                  {open === g.id && <CheckIns menteeId={menteeId} goal={g} />}
                </Stack>
              </Paper>
            </li>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
