import { render } from '@/testing/render';
import { GapsChecklist } from './GapsChecklist';

type Gaps = Parameters<typeof GapsChecklist>[0]['gaps'];

const gap = (type: Gaps[number]['type'], message: string, extra: Partial<Gaps[number]> = {}): Gaps[number] => ({
  ...extra,
  type,
  message,
});

describe('GapsChecklist', () => {
  it('says nothing holds readiness back when there is no gap', () => {
    const { text } = render(<GapsChecklist gaps={[]} withNextSteps />);
    expect(text).toContain('Nothing: every required milestone, competency and goal is where it should be.');
    expect(text).not.toContain('Next step');
  });

  it('lists every gap, without next steps unless asked', () => {
    const gaps = [
      gap('milestone', 'Lead an incident review is not verified'),
      gap('feedback', 'No one-on-one for 45 days'),
    ];
    const { html, text } = render(<GapsChecklist gaps={gaps} />);
    expect(html.match(/<li/g)).toHaveLength(2);
    expect(text).toContain('Lead an incident review is not verified');
    expect(text).toContain('No one-on-one for 45 days');
    expect(text).not.toContain('Next step');
  });

  it('gives each kind of gap its own next step', () => {
    const gaps = [gap('milestone', 'M'), gap('competency', 'C'), gap('goal', 'G'), gap('led_feedback', 'L')];
    const { text } = render(<GapsChecklist gaps={gaps} withNextSteps />);
    expect(text).toContain('record your evidence for it and ask your manager to verify it');
    expect(text).toContain('ask for a one-on-one where this competency is rated');
    expect(text).toContain('finish it, move its date with your manager, or drop it');
    expect(text).toContain('take on a stretch assignment');
  });

  it('does not ask the mentee to act on a goal that waits for confirmation', () => {
    const gaps = [gap('goal', 'Run the planning meeting: claimed', { awaitingConfirmation: true })];
    const { text } = render(<GapsChecklist gaps={gaps} withNextSteps />);
    expect(text).toContain('your line manager (or HR) confirms it');
    expect(text).not.toContain('finish it, move its date');
  });

  it('quotes what the last rater would need to see, with their name', () => {
    const { text } = render(
      <GapsChecklist gaps={[]} needToSee={{ text: 'A plan others can follow.', authorName: 'Dana Reyes' }} />,
    );
    expect(text).toContain('What Dana Reyes would need to see: A plan others can follow.');
  });
});
