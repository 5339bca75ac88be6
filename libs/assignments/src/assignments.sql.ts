import { sql } from 'kysely';
import { enoughLedAnswers, ledFeedbackThreshold, publishedLedAnswers } from '@leadpath/platform/database';

/** Answers from the people led an assignment (`a`) needs before its results show: the organization's setting. */
export const threshold = ledFeedbackThreshold(sql.ref('a.organization_id'));

/** How many people were asked about the assignment `a` (declined outside addresses not included). */
export const requested = sql<number>`(SELECT count(*)::int FROM feedback_requests q
  WHERE q.organization_id = a.organization_id AND q.assignment_id = a.id AND q.approval <> 'declined')`;

/** Outside addresses the mentee asked about the assignment `a` that wait for the line manager or HR. */
export const awaitingApproval = sql<number>`(SELECT count(*)::int FROM feedback_requests q
  WHERE q.organization_id = a.organization_id AND q.assignment_id = a.id AND q.approval = 'pending')`;

/**
 * How many answers about the assignment `a` are published: only these count anywhere (results,
 * readiness, reports), and they are published in batches of at least the threshold.
 */
export const responses = publishedLedAnswers('a');

/** Answers about the assignment `a` held until there are threshold of them. */
export const held = sql<number>`(SELECT count(*)::int FROM led_responses r
  WHERE r.organization_id = a.organization_id AND r.assignment_id = a.id AND NOT r.published)`;

/**
 * How many of a mentee's completed assignments have answers from the people led reaching the
 * threshold (what the leadership bench export shows). `organization` and `mentee` name the
 * reader's columns, e.g. `r.organization_id` and `r.mentee_id` of the read model.
 */
export const ledAssignmentCount = (organization: string, mentee: string) =>
  sql<number>`(SELECT count(*)::int FROM assignments a
    WHERE a.organization_id = ${sql.ref(organization)} AND a.mentee_id = ${sql.ref(mentee)} AND a.status = 'completed'
      AND ${enoughLedAnswers('a', threshold)})`;
