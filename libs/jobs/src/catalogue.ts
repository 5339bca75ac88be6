import type { AppConfig } from '@leadpath/platform';

/** One job of the catalogue: who handles it, when it runs, and how a failure is retried. */
export interface JobDefinition {
  /** The library whose service handles it (the `@OnJob` method lives there). */
  readonly owner: string;
  /** What one job does, in a line. */
  readonly does: string;
  /** A cron expression (UTC) for a recurring job, scheduled once across every instance. */
  readonly cron?: string;
  /**
   * A recurring job whose schedule the operator sets: the variable that sets it, and its cron
   * expression (UTC) in the configuration, undefined when turned off.
   */
  readonly cronFrom?: { readonly variable: string; readonly read: (config: AppConfig) => string | undefined };
  /** How long an attempt may run before the queue takes it for dead; `JOB_TIMEOUT_SECONDS` unless set. */
  readonly timeoutSeconds?: number;
  /** Retries after a failed attempt; `JOB_RETRY_LIMIT` unless set. */
  readonly retryLimit?: number;
  /** The first retry's delay in seconds, doubling after each; `JOB_RETRY_DELAY_SECONDS` unless set. */
  readonly retryDelaySeconds?: number;
  /** What a failure leads to beside the queue's retries, where the handler adds to them. */
  readonly onFailure?: string;
  /**
   * The library that owned the job when it was named: a job keeps its queue's name when its
   * handler moves, so jobs already queued by an earlier version still find it.
   */
  readonly namedBy?: string;
}

/**
 * Every job Leadpath runs. Each is a pg-boss queue of the same name in the application's database,
 * and has exactly one handler: a method marked `@OnJob(name)`, found when the application starts
 * (the API and `npm run worker` boot the same modules, so both find the same set). A name outside
 * this list does not compile; a listed job without its handler, or with two, stops the start.
 * `npm run cli jobs:list` prints it with the handlers and the retry policy in force.
 */
export const JOBS = {
  'mail.send': {
    owner: 'mail',
    does: 'renders and sends one recorded mail delivery; one already sent is not sent again',
    onFailure: 'the last failed attempt marks the delivery failed, with its error, for HR to see',
  },
  'notifications.tick': {
    owner: 'notifications',
    does: "enqueues the weekly digests and monthly summaries due at 08:00 in each organization's time zone",
    cron: '0 * * * *',
  },
  'notifications.weekly-digest': {
    owner: 'inbox',
    namedBy: 'notifications',
    does: 'owes each manager of one organization their Monday digest of what waits in their inbox (sent by mail.send)',
  },
  'notifications.monthly-summary': {
    owner: 'notifications',
    does: 'owes HR of one organization the bench summary of the 1st (sent by mail.send)',
  },
  'webhooks.deliver': {
    owner: 'webhooks',
    does: 'signs and POSTs one webhook delivery and records the attempt',
    onFailure:
      'a refused or failed POST does not fail the job: webhooks.retry enqueues the next attempt by the clock (WEBHOOK_RETRY_DELAY_SECONDS, doubling, at most WEBHOOK_MAX_ATTEMPTS)',
  },
  'webhooks.retry': {
    owner: 'webhooks',
    does: 'enqueues the webhook deliveries whose next attempt is due',
    cron: '* * * * *',
  },
  'auth.password-reset': {
    owner: 'auth',
    does: 'issues a reset link to each active account with the address (throttled per account)',
  },
  'assignments.feedback-mail': {
    owner: 'led-voice',
    namedBy: 'assignments',
    does: "mails one feedback request's invitation or reminder, if it is still open and unanswered",
  },
  'assignments.feedback-reminders': {
    owner: 'led-voice',
    namedBy: 'assignments',
    does: 'claims the feedback reminders due now and enqueues their mails; hourly, so a reminder leaves within the hour it is due',
    cron: '17 * * * *',
  },
  'reports.rater-severity': {
    owner: 'reports',
    does: "fits one organization's ratings for each rater's severity and stores the result the report reads",
  },
  'backups.run': {
    owner: 'backups',
    does: 'takes a backup of the whole database, verifies it by restoring it into a scratch cluster or database and counting rows, records the result and keeps the BACKUP_KEEP newest',
    cronFrom: { variable: 'BACKUP_SCHEDULE', read: (config) => config.backup.schedule },
    timeoutSeconds: 6 * 3600,
    onFailure:
      'a failed backup does not fail the job: it is recorded (the health details show it) and logged, and the next scheduled one runs as usual',
  },
  'privacy.retention': {
    owner: 'privacy',
    does: "erases the people each organization's retention rule names: deactivated longer than its erasureAfterMonths",
    cron: '40 3 * * *',
  },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOBS;

/** The catalogue entry of `name`, with the optional fields visible to callers. */
export function jobDefinition(name: JobName): JobDefinition {
  return JOBS[name];
}

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** The cron expression (UTC) `job` recurs on under `config`, or undefined when it runs only when enqueued. */
export function scheduleOf(job: JobDefinition, config: AppConfig): string | undefined {
  return job.cron ?? job.cronFrom?.read(config);
}

/** The retry policy `job` runs with under `defaults` (the configuration's). */
export function retryPolicy(
  job: JobDefinition,
  defaults: { retryLimit: number; retryDelaySeconds: number },
): { retryLimit: number; retryDelaySeconds: number } {
  return {
    retryLimit: job.retryLimit ?? defaults.retryLimit,
    retryDelaySeconds: job.retryDelaySeconds ?? defaults.retryDelaySeconds,
  };
}
