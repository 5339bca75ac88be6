/** Signs that management fits. */
export const FIT_SIGNS = [
  'mentors_others',
  'systems_thinking',
  'gives_up_hands_on',
  'uncomfortable_conversations',
  'patient_with_ambiguity',
] as const;
/** Signs that staying on a technical track (staff/principal) fits better. */
export const STAY_SIGNS = ['loves_craft', 'heads_down_focus', 'prefers_solvable_problems', 'money_or_title'] as const;
export const SIGNS = [...FIT_SIGNS, ...STAY_SIGNS] as const;
export type Sign = (typeof SIGNS)[number];
export type Answers = Record<Sign, number>;
export type Suggestion = 'management' | 'technical_leadership' | 'undecided';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** fit = mean(fit signs) − mean(stay signs), in [−4, 4]; ≥ 1 management, ≤ −1 technical leadership. */
export function scoreAssessment(answers: Answers): { fit: number; suggestion: Suggestion } {
  const fit = mean(FIT_SIGNS.map((s) => answers[s])) - mean(STAY_SIGNS.map((s) => answers[s]));
  const rounded = Math.round(fit * 1000) / 1000;
  const suggestion: Suggestion = rounded >= 1 ? 'management' : rounded <= -1 ? 'technical_leadership' : 'undecided';
  return { fit: rounded, suggestion };
}

/** Per sign, this view minus the other view: positive where this one sees more of the sign. */
export function signGap(mine: Answers, other: Answers): Answers {
  return Object.fromEntries(SIGNS.map((s) => [s, mine[s] - other[s]])) as Answers;
}
