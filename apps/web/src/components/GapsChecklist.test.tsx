import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { render } from '@/testing/render';
import { GapsChecklist } from './GapsChecklist';

type Gaps = Parameters<typeof GapsChecklist>[0]['gaps'];

const gap = (type: Gaps[number]['type'], message: string, extra: Partial<Gaps[number]> = {}): Gaps[number] => ({
  ...extra,
  type,
  message,
});

/** The checklist's items, each as its text (the unchecked box before it is blank). */
const items = () =>
  within(screen.getByRole('list', { name: 'Gaps' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent.trim());

describe('GapsChecklist', () => {
  it('says nothing holds readiness back when there is no gap', () => {
    render(<GapsChecklist gaps={[]} withNextSteps />);
    expect(screen.getByRole('heading', { name: 'What holds readiness back' })).toBeTruthy();
    expect(
      screen.getByText('Nothing: every required milestone, competency and goal is where it should be.'),
    ).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.queryByText(/Next step/)).toBeNull();
  });

  it('lists every gap, without next steps unless asked', () => {
    const gaps = [
      gap('milestone', 'Lead an incident review is not verified'),
      gap('feedback', 'No one-on-one for 45 days'),
    ];
    render(<GapsChecklist gaps={gaps} />);
    expect(items()).toEqual(['Lead an incident review is not verified', 'No one-on-one for 45 days']);
    expect(screen.queryByText(/Next step/)).toBeNull();
  });

  it('gives each kind of gap its own next step, under the gap', () => {
    const gaps = [gap('milestone', 'M'), gap('competency', 'C'), gap('goal', 'G'), gap('led_feedback', 'L')];
    render(<GapsChecklist gaps={gaps} withNextSteps />);
    const [milestone, competency, goal, led] = items();
    expect(milestone).toMatch(/^M.*record your evidence for it and ask your manager to verify it/);
    expect(competency).toMatch(/^C.*ask for a one-on-one where this competency is rated/);
    expect(goal).toMatch(/^G.*finish it, move its date with your manager, or drop it/);
    expect(led).toMatch(/^L.*take on a stretch assignment/);
  });

  it('does not ask the mentee to act on a goal that waits for confirmation', () => {
    const gaps = [gap('goal', 'Run the planning meeting: claimed', { awaitingConfirmation: true })];
    render(<GapsChecklist gaps={gaps} withNextSteps />);
    const [item] = items();
    expect(item).toContain('your line manager (or HR) confirms it');
    expect(item).not.toContain('finish it, move its date');
  });

  it('quotes what the last rater would need to see, with their name', () => {
    render(<GapsChecklist gaps={[]} needToSee={{ text: 'A plan others can follow.', authorName: 'Dana Reyes' }} />);
    const quote = screen.getByText('What Dana Reyes would need to see:').parentElement;
    expect(quote?.textContent).toBe('What Dana Reyes would need to see: A plan others can follow.');
  });
});
