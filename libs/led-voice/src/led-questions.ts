/**
 * The respondent's page asks about what the person they were led by did, not about an abstract
 * competency: each default competency has a question for someone who was led. A competency an
 * organization adds gets a generic question with its own name.
 */
const QUESTIONS: Record<string, string> = {
  communication: 'Made decisions and expectations clear, early, and checked that they landed',
  emotional_intelligence: 'Noticed how people were doing and adjusted to each person',
  delegation: 'Delegated the outcome, not just tasks, and trusted you with it',
  strategic_thinking: 'Explained why the work mattered and what we would not do',
  hiring: 'Helped bring the right people in and made fair calls about them',
  giving_feedback: 'Gave you specific, timely feedback that was safe to hear',
  managing_up: 'Represented the team’s needs and constraints to those above',
  budgeting: 'Used the team’s time and money with care and explained the trade-offs',
};

export function ledQuestion(key: string, name: string): string {
  return QUESTIONS[key] ?? `Showed ${name.toLowerCase()} while leading you`;
}
