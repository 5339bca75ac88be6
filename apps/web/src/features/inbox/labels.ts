import type { InboxKind } from './api';

/** Each kind's heading and what to do about it, in the order the page lists them. */
export const KINDS: { kind: InboxKind; heading: string; action: string }[] = [
  { kind: 'feedback_request_to_answer', heading: 'Feedback requests to answer', action: 'Answer' },
  { kind: 'respondent_to_approve', heading: 'Outside respondents to approve', action: 'Approve or decline' },
  { kind: 'milestone_to_verify', heading: 'Milestones to verify', action: 'Verify' },
  { kind: 'goal_to_confirm', heading: 'Goals to confirm', action: 'Confirm' },
  { kind: 'feedback_to_acknowledge', heading: 'Feedback to acknowledge', action: 'Read and acknowledge' },
  { kind: 'goal_overdue', heading: 'Overdue goals', action: 'Update' },
  { kind: 'mentee_stale', heading: 'Mentees without a recent one-on-one', action: 'Log a one-on-one' },
];
