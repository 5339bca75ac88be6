import { sql, type Expression } from 'kysely';
import { DEFAULT_SETTINGS } from '../domain';

/*
 * Rules of readiness that libraries below the readiness library state in their own queries too
 * (the milestone view, the mentee list, the digest). Each is written once, here in the lowest
 * layer, so every library that states it imports the one wording.
 */

/** How many answers from the people led about the assignment aliased `assignment` are published: only these count. */
export const publishedLedAnswers = (assignment: string) =>
  sql<number>`(SELECT count(*)::int FROM led_responses lr
    WHERE lr.organization_id = ${sql.ref(`${assignment}.organization_id`)} AND lr.assignment_id = ${sql.ref(`${assignment}.id`)}
      AND lr.published)`;

/** The published answers from the people led an assignment needs before they count: the organization's setting. */
export const ledFeedbackThreshold = (organization: Expression<unknown>) =>
  sql<number>`COALESCE((SELECT s.led_feedback_threshold FROM organization_settings s WHERE s.organization_id = ${organization}), ${sql.lit(DEFAULT_SETTINGS.ledFeedbackThreshold)})`;

/** The assignment aliased `assignment` has enough published answers from the people led to count. */
export const enoughLedAnswers = (assignment: string, threshold: Expression<unknown>) =>
  sql<boolean>`${publishedLedAnswers(assignment)} >= ${threshold}`;

/** The organization's stale window in days: its setting, or the default. */
export const staleFeedbackDays = (organization: Expression<unknown>) =>
  sql<number>`COALESCE((SELECT s.stale_feedback_days FROM organization_settings s WHERE s.organization_id = ${organization}), ${sql.lit(DEFAULT_SETTINGS.staleFeedbackDays)})`;

/** The enrolment day (created_at, UTC) of the mentee aliased `mentee`. */
export const enrolledOn = (mentee: string) =>
  sql<string>`(${sql.ref(`${mentee}.created_at`)} AT TIME ZONE 'UTC')::date`;

/**
 * The day a mentee's stale clock counts from: the later of their last shared feedback and their
 * enrolment, so a newly enrolled mentee is not stale at once.
 */
export const staleSince = (lastShared: Expression<unknown>, enrolled: Expression<unknown>) =>
  sql<string>`GREATEST(${lastShared}, ${enrolled})`;

/** Stale on `day`: the stale clock (`since`) started more than `days` days before it. */
export const isStale = (since: Expression<unknown>, day: Expression<unknown>, days: Expression<unknown>) =>
  sql<boolean>`${since} < ${day} - ${days}`;

/**
 * Stale today, decided from a stored `stale_since` and the organization's setting now, so it
 * holds even before an expired read-model row is recomputed; false when `since` is unknown.
 */
export const staleToday = (since: Expression<unknown>, organization: Expression<unknown>) =>
  sql<boolean>`COALESCE(${isStale(since, sql`leadpath_today()`, staleFeedbackDays(organization))}, false)`;
