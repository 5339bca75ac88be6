import { Alert, Button, Fieldset, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { clearDraft, loadDraft, saveDraft } from '@/lib/drafts';
import type { Framework } from '@/lib/framework';
import { todayUtc } from '@/lib/format';
import type { ErrorTarget, FieldFor } from '@/lib/form-errors';
import type { CreateFeedback, Feedback } from './api/types';

export interface OneOnOneValues {
  occurredOn: string;
  visibility: 'shared' | 'private';
  ratings: Record<string, string>;
  strengths: string;
  gaps: string;
  nextSteps: string;
  needToSee: string;
}

export function valuesOf(entry: Feedback | null, framework: Framework): OneOnOneValues {
  const ratings: Record<string, string> = {};
  for (const c of framework.competencies.filter((c) => !c.retired)) ratings[c.key] = '';
  for (const r of entry?.ratings ?? []) ratings[r.competency] = String(r.rating);
  return {
    occurredOn: entry?.occurredOn ?? todayUtc(),
    visibility: entry?.visibility ?? 'shared',
    ratings,
    strengths: entry?.strengths ?? '',
    gaps: entry?.gaps ?? '',
    nextSteps: entry?.nextSteps ?? '',
    needToSee: entry?.needToSee ?? '',
  };
}

/** The request body, with the order of ratings kept so a server error on `ratings.N` finds its field. */
export function bodyOf(values: OneOnOneValues): { body: CreateFeedback; ratingKeys: string[] } {
  const rated = Object.entries(values.ratings).filter(([, r]) => r !== '');
  const text = (v: string) => (v.trim() === '' ? undefined : v.trim());
  return {
    body: {
      occurredOn: values.occurredOn,
      visibility: values.visibility,
      ratings: rated.map(([competency, rating]) => ({ competency, rating: Number(rating) })),
      strengths: text(values.strengths),
      gaps: text(values.gaps),
      nextSteps: text(values.nextSteps),
      needToSee: text(values.needToSee),
    },
    ratingKeys: rated.map(([key]) => key),
  };
}

/** Server field errors onto the form's fields: `ratings.2.rating` on the rating of the third rated competency. */
export const ratingField =
  (ratingKeys: string[]): FieldFor =>
  (path) => {
    const rating = /^ratings\.(\d+)/.exec(path);
    return rating ? `ratings.${ratingKeys[Number(rating[1])] ?? ''}` : path;
  };

const SCALE = ['1', '2', '3', '4', '5'];

/**
 * The one-on-one: date, shared or private, a 1–5 rating per competency, and four notes. Native
 * inputs and radio groups, so it works with the keyboard alone and on a phone.
 */
export function OneOnOneForm({
  framework,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  draftKey,
  dated = true,
}: {
  framework: Framework;
  initial: OneOnOneValues;
  submitLabel: string;
  onSubmit: (values: OneOnOneValues, form: ErrorTarget) => Promise<void>;
  onCancel?: () => void;
  /** Keep unsaved input under this key and restore it on return; the caller clears it once saved. */
  draftKey?: string;
  /** Ask for the date; a meeting's outcome takes the meeting's day instead. */
  dated?: boolean;
}) {
  const [draft, setDraft] = useState(() => (draftKey ? loadDraft<OneOnOneValues>(draftKey) : null));
  const form = useForm<OneOnOneValues>({
    initialValues: draft ? { ...initial, ...draft } : initial,
    onValuesChange: (values) => {
      if (!draftKey) return;
      // Untouched (or back to untouched): nothing to keep.
      if (JSON.stringify(values) === JSON.stringify(initial)) clearDraft(draftKey);
      else saveDraft(draftKey, values);
    },
    validate: {
      occurredOn: (v) =>
        /^\d{4}-\d{2}-\d{2}$/.test(v)
          ? v > todayUtc()
            ? 'The date cannot be in the future'
            : null
          : 'Enter the date of the one-on-one',
    },
  });
  const competencies = framework.competencies.filter((c) => !c.retired);
  return (
    <form onSubmit={form.onSubmit((values) => onSubmit(values, form))} noValidate>
      <Stack gap="md">
        {draft && (
          <Alert color="blue.8" role="status" title="Draft restored">
            <Group gap="sm">
              <Text size="sm">What you typed before leaving this page is back; it is saved only when you save.</Text>
              <Button
                size="xs"
                variant="outline"
                onClick={() => {
                  form.setValues(initial);
                  if (draftKey) clearDraft(draftKey);
                  setDraft(null);
                }}
              >
                Discard the draft
              </Button>
            </Group>
          </Alert>
        )}
        {dated && (
          <TextInput
            type="date"
            label="Date of the one-on-one"
            required
            max={todayUtc()}
            {...form.getInputProps('occurredOn')}
          />
        )}
        <Radio.Group
          label="Who may read it"
          description="Shared feedback counts toward readiness and the mentee sees it; a private note is for you alone."
          {...form.getInputProps('visibility')}
        >
          <Group mt="xs">
            <Radio value="shared" label="Shared with the mentee" />
            <Radio value="private" label="Private note to myself" />
          </Group>
        </Radio.Group>
        <Fieldset legend="Ratings (1 = far from it, 5 = role model); leave a competency unrated if it did not come up">
          <Stack gap="sm">
            {competencies.map((c) => (
              <Radio.Group key={c.key} label={c.name} {...form.getInputProps(`ratings.${c.key}`)}>
                <Group gap="sm" mt={4}>
                  <Radio value="" label="Not rated" />
                  {SCALE.map((n) => (
                    <Radio key={n} value={n} label={n} aria-label={`${c.name}: ${n}`} />
                  ))}
                </Group>
              </Radio.Group>
            ))}
            {form.errors.ratings && (
              <Text c="red.9" size="sm">
                {form.errors.ratings}
              </Text>
            )}
          </Stack>
        </Fieldset>
        <Textarea label="Strengths" autosize minRows={2} maxLength={4000} {...form.getInputProps('strengths')} />
        <Textarea label="Gaps" autosize minRows={2} maxLength={4000} {...form.getInputProps('gaps')} />
        <Textarea label="Next steps" autosize minRows={2} maxLength={4000} {...form.getInputProps('nextSteps')} />
        <Textarea
          label="What I would need to see"
          description="What would convince you they are ready for the next phase."
          autosize
          minRows={2}
          maxLength={4000}
          {...form.getInputProps('needToSee')}
        />
        <Group>
          <Button type="submit" loading={form.submitting}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="outline" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
