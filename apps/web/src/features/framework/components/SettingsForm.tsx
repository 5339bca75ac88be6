import { Alert, Button, Fieldset, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { describeError } from '@/lib/errors';
import { setFieldErrors } from '@/lib/form-errors';
import type { Framework } from '@/lib/framework';
import { useUpdateSettings } from '../api';

const WEIGHTS = [
  ['milestones', 'Milestones (M)', 'verified required milestones of the phase'],
  ['competencies', 'Competencies (C)', 'ratings in shared one-on-ones'],
  ['goals', 'Goals (G)', 'confirmed achieved goals'],
] as const;

/** In thousandths, as the API compares them: weights have at most three decimals. */
const thousandths = (n: number | string) => Math.round(Number(n) * 1000);

/** Readiness weights (summing to 1, the error beside them), stale days and the voice of the people led. */
export function SettingsForm({ settings }: { settings: Framework['settings'] }) {
  const update = useUpdateSettings();
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initialValues: {
      milestones: settings.weights.milestones as number | string,
      competencies: settings.weights.competencies as number | string,
      goals: settings.weights.goals as number | string,
      staleFeedbackDays: settings.staleFeedbackDays as number | string,
      ledFeedbackThreshold: settings.ledFeedbackThreshold as number | string,
      ledVoiceWeight: settings.ledVoiceWeight as number | string,
      feedbackRequestsPerDay: settings.feedbackRequestsPerDay as number | string,
    },
    validate: {
      goals: (_, v) => {
        const sum = thousandths(v.milestones) + thousandths(v.competencies) + thousandths(v.goals);
        return sum === 1000 ? null : `The three weights must add up to 1; now they add up to ${sum / 1000}.`;
      },
      staleFeedbackDays: (v) =>
        Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 365 ? null : 'From 1 to 365 days',
      ledFeedbackThreshold: (v) =>
        Number.isInteger(Number(v)) && Number(v) >= 3 && Number(v) <= 50 ? null : 'From 3 to 50 answers',
      ledVoiceWeight: (v) => (Number(v) >= 0 && Number(v) <= 1 ? null : 'From 0 to 1'),
      feedbackRequestsPerDay: (v) =>
        Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 500 ? null : 'From 1 to 500 requests',
    },
  });
  const weightsError = form.errors.goals;
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    setSaved(false);
    try {
      await update.mutateAsync({
        weights: { milestones: Number(v.milestones), competencies: Number(v.competencies), goals: Number(v.goals) },
        staleFeedbackDays: Number(v.staleFeedbackDays),
        ledFeedbackThreshold: Number(v.ledFeedbackThreshold),
        ledVoiceWeight: Number(v.ledVoiceWeight),
        feedbackRequestsPerDay: Number(v.feedbackRequestsPerDay),
      });
      setSaved(true);
    } catch (e) {
      // The weights must add up to 100: said under the last of them.
      setFieldErrors(form, e, (path) => (path.startsWith('weights') ? 'goals' : path));
      setFailure(describeError(e));
    }
  });
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3">
            Readiness settings
          </Title>
          <Text size="sm">
            Readiness = 100 × (weight of M × M + weight of C × C + weight of G × G). Every mentee is recomputed after a
            change.
          </Text>
          {failure && (
            <Alert color="red" role="alert" title="Not saved">
              {failure}
            </Alert>
          )}
          {saved && (
            <Text role="status" c="green.9" fw={500}>
              Settings saved; readiness is being recomputed.
            </Text>
          )}
          <Fieldset legend="Weights (they add up to 1)" aria-describedby={weightsError ? 'weights-error' : undefined}>
            <Group align="flex-start" wrap="wrap">
              {WEIGHTS.map(([key, label, description]) => (
                <NumberInput
                  key={key}
                  label={label}
                  description={description}
                  min={0}
                  max={1}
                  step={0.05}
                  decimalScale={3}
                  w={200}
                  {...form.getInputProps(key)}
                  error={!!weightsError}
                />
              ))}
            </Group>
            {weightsError && (
              <Text id="weights-error" c="red.9" size="sm" mt="xs" role="alert">
                {weightsError}
              </Text>
            )}
          </Fieldset>
          <Group align="flex-start" wrap="wrap">
            <NumberInput
              label="Stale after (days)"
              description="without a shared one-on-one"
              min={1}
              max={365}
              allowDecimal={false}
              w={200}
              {...form.getInputProps('staleFeedbackDays')}
            />
            <NumberInput
              label="Answers before results show"
              description="from the people a mentee led (at least 3)"
              min={3}
              max={50}
              allowDecimal={false}
              w={220}
              {...form.getInputProps('ledFeedbackThreshold')}
            />
            <NumberInput
              label="Weight of the people led"
              description="in a competency’s rating (0: not at all)"
              min={0}
              max={1}
              step={0.05}
              decimalScale={3}
              w={220}
              {...form.getInputProps('ledVoiceWeight')}
            />
            <NumberInput
              label="Feedback requests per person and day"
              description="to the people led, over all assignments"
              min={1}
              max={500}
              allowDecimal={false}
              w={240}
              {...form.getInputProps('feedbackRequestsPerDay')}
            />
          </Group>
          <Group>
            <Button type="submit" loading={update.isPending}>
              Save the settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
