import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/errors';
import type { Framework } from '@/lib/framework';
import { setFieldErrors } from '@/lib/form-errors';
import { render } from '@/testing/render';
import { bodyOf, OneOnOneForm, ratingField, valuesOf, type OneOnOneValues } from './OneOnOneForm';

const competency = (key: string, name: string, position: number, retired = false) => ({
  id: `00000000-0000-4000-8000-00000000000${position}`,
  key,
  name,
  description: '',
  category: 'leadership',
  position,
  retired,
});

const framework = {
  phases: [],
  milestoneTemplates: [],
  settings: {},
  competencies: [
    competency('communication', 'Communication', 1),
    competency('delegation', 'Delegation', 2),
    competency('hiring', 'Hiring', 3, true),
    competency('planning', 'Planning', 4),
  ],
} as unknown as Framework;

/** The form as the log page uses it: what was sent, and a server answer to give back (none: saved). */
function renderForm(answer?: ApiError) {
  const sent: ReturnType<typeof bodyOf>['body'][] = [];
  const onSubmit = vi.fn(async (values: OneOnOneValues, form: Parameters<typeof setFieldErrors>[0]) => {
    const { body, ratingKeys } = bodyOf(values);
    sent.push(body);
    if (answer) setFieldErrors(form, answer, ratingField(ratingKeys));
  });
  const view = render(
    <OneOnOneForm framework={framework} initial={valuesOf(null, framework)} submitLabel="Save" onSubmit={onSubmit} />,
  );
  return { ...view, sent, onSubmit };
}

/** The error Mantine shows beside an input: the element its aria-describedby names that says so. */
const errorOf = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((el) => el?.className.includes('error'))?.textContent ?? null;

/** A competency's radio group (found by one of its radios: quicker than by role in a large form). */
const ratingsOf = (name: string) => screen.getByLabelText(`${name}: 1`).closest<HTMLElement>('[role="radiogroup"]')!;

describe('the one-on-one form', () => {
  it('sends only the rated competencies, in order, and trims the typed notes (blank ones left out)', async () => {
    const { user, sent } = renderForm();
    expect(screen.queryByRole('radiogroup', { name: 'Hiring' })).toBeNull();
    await user.click(screen.getByLabelText('Planning: 2'));
    await user.click(screen.getByLabelText('Communication: 4'));
    await user.type(screen.getByLabelText('Strengths'), ' Ran the retro. ');
    await user.type(screen.getByLabelText('Next steps'), 'Own the review.');
    await user.type(screen.getByLabelText('What I would need to see'), '   ');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].ratings).toEqual([
      { competency: 'communication', rating: 4 },
      { competency: 'planning', rating: 2 },
    ]);
    expect(sent[0].visibility).toBe('shared');
    expect(sent[0].strengths).toBe('Ran the retro.');
    expect(sent[0].nextSteps).toBe('Own the review.');
    expect(sent[0].gaps).toBeUndefined();
    expect(sent[0].needToSee).toBeUndefined();
  });

  it('puts a 400 answer’s messages beside the fields they are about', async () => {
    // `ratings.1` is the second *rated* competency: Planning, as Delegation is left unrated.
    const answer = new ApiError(400, {
      message: 'Validation failed',
      fields: [
        { field: 'ratings.1.rating', messages: ['must not be greater than 5'] },
        { field: 'strengths', messages: ['is too long'] },
      ],
    });
    const { user, sent } = renderForm(answer);
    await user.click(screen.getByLabelText('Communication: 3'));
    await user.click(screen.getByLabelText('Planning: 5'));
    await user.type(screen.getByLabelText('Strengths'), 'Calm');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByText('must not be greater than 5');
    expect(sent).toHaveLength(1);
    expect(errorOf(ratingsOf('Planning'))).toBe('must not be greater than 5');
    expect(errorOf(ratingsOf('Communication'))).toBeNull();
    expect(errorOf(ratingsOf('Delegation'))).toBeNull();
    expect(errorOf(screen.getByLabelText('Strengths'))).toBe('is too long');
    expect(screen.getByLabelText('Strengths').getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(screen.getByLabelText('Gaps'))).toBeNull();
  });

  it('refuses a date in the future before anything is sent', async () => {
    const { user, onSubmit } = renderForm();
    const date = screen.getByLabelText(/Date of the one-on-one/);
    await user.clear(date);
    await user.type(date, '2999-01-01');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('The date cannot be in the future')).toBeTruthy();
    expect(errorOf(date)).toBe('The date cannot be in the future');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
