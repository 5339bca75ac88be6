import fc from 'fast-check';
import { SIGNS, scoreAssessment, signGap, type Answers } from './scoring';

const answers = fc.record(Object.fromEntries(SIGNS.map((s) => [s, fc.integer({ min: 1, max: 5 })])));

describe('self-assessment scoring', () => {
  it('computes fit = mean(fit) − mean(stay) by hand', () => {
    const a: Answers = {
      mentors_others: 5,
      systems_thinking: 4,
      gives_up_hands_on: 4,
      uncomfortable_conversations: 3,
      patient_with_ambiguity: 4,
      loves_craft: 2,
      heads_down_focus: 2,
      prefers_solvable_problems: 3,
      money_or_title: 1,
    };
    // mean(fit) = 20 / 5 = 4; mean(stay) = 8 / 4 = 2; fit = 2 → management
    expect(scoreAssessment(a)).toEqual({ fit: 2, suggestion: 'management' });
    const flipped = {
      ...a,
      mentors_others: 1,
      systems_thinking: 1,
      gives_up_hands_on: 1,
      uncomfortable_conversations: 2,
      patient_with_ambiguity: 2,
    };
    // mean(fit) = 7 / 5 = 1.4; fit = 1.4 − 2 = −0.6 → undecided
    expect(scoreAssessment(flipped)).toEqual({ fit: -0.6, suggestion: 'undecided' });
  });

  it('keeps fit in [−4, 4] and the suggestion consistent with the thresholds', () => {
    fc.assert(
      fc.property(answers, (a) => {
        const { fit, suggestion } = scoreAssessment(a as Answers);
        expect(fit).toBeGreaterThanOrEqual(-4);
        expect(fit).toBeLessThanOrEqual(4);
        expect(suggestion).toBe(fit >= 1 ? 'management' : fit <= -1 ? 'technical_leadership' : 'undecided');
      }),
    );
  });

  it('gives a gap that is zero against itself and antisymmetric', () => {
    fc.assert(
      fc.property(answers, answers, (a, b) => {
        const gap = signGap(a as Answers, b as Answers);
        const back = signGap(b as Answers, a as Answers);
        for (const s of SIGNS) expect(gap[s] + back[s]).toBe(0);
        expect(Object.values(signGap(a as Answers, a as Answers)).every((v) => v === 0)).toBe(true);
      }),
    );
  });
});
