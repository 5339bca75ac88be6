/**
 * The path's vocabulary and its defaults, named once: every feature (and every SQL string that
 * needs one of them) takes them from here. Migrations keep the literal values they were written
 * with; the entity-migration drift test checks that the two still agree. The domain's error (a
 * refusal a user can understand) is part of this entry too.
 */
export * from './errors/domain-error';

/** The four phases of the path, in order. */
export const PHASES = ['build_credibility', 'lead_without_title', 'first_management_role', 'growing_scope'] as const;
export type Phase = (typeof PHASES)[number];

/** Readiness levels, lowest first. */
export const LEVELS = ['not_yet', 'developing', 'nearly_ready', 'ready'] as const;
export type Level = (typeof LEVELS)[number];

/** The lowest score of each level above `not_yet`. */
export const LEVEL_THRESHOLDS = { ready: 85, nearly_ready: 65, developing: 40 } as const;

export function levelOf(score: number): Level {
  if (score >= LEVEL_THRESHOLDS.ready) return 'ready';
  if (score >= LEVEL_THRESHOLDS.nearly_ready) return 'nearly_ready';
  if (score >= LEVEL_THRESHOLDS.developing) return 'developing';
  return 'not_yet';
}

/** The same rule in SQL, over a score expression. */
export const levelSql = (score: string): string =>
  `CASE WHEN ${score} >= ${LEVEL_THRESHOLDS.ready} THEN 'ready' WHEN ${score} >= ${LEVEL_THRESHOLDS.nearly_ready} THEN 'nearly_ready'
        WHEN ${score} >= ${LEVEL_THRESHOLDS.developing} THEN 'developing' ELSE 'not_yet' END`;

/** Readiness counts the ratings of shared feedback from this many days back to the day in question. */
export const RATINGS_WINDOW_DAYS = 365;

/** A competency whose mean rating (1–5) is below this is a gap. */
export const GAP_BELOW_MEAN = 3;

/** An organization's settings until HR changes them. */
export const DEFAULT_SETTINGS = {
  weightMilestones: 0.4,
  weightCompetencies: 0.4,
  weightGoals: 0.2,
  staleFeedbackDays: 30,
  ledFeedbackThreshold: 3,
  ledVoiceWeight: 0,
  feedbackRequestsPerDay: 30,
  /** The smallest group of people an aggregate shows (k); never below MIN_GROUP_SIZE_FLOOR. */
  minGroupSize: 5,
  useCalibratedMeans: false,
} as const;

/** No aggregate over people ever shows a group smaller than this, whatever the setting says. */
export const MIN_GROUP_SIZE_FLOOR = 3;

/** What webhooks tell integrations about, each an event type a registered endpoint may subscribe to. */
export const WEBHOOK_EVENTS = [
  'feedback.created',
  'milestone.verified',
  'milestone.revoked',
  'goal.confirmed',
  'mentee.phase_changed',
  'readiness.level_changed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Webhook endpoints: how many per organization, how long failures may last before one is disabled, a rotated secret's grace. */
export const WEBHOOK_LIMITS = { endpointsPerOrganization: 20, disableAfterHours: 24, secretGraceHours: 24 } as const;
