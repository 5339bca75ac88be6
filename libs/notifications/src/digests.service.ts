import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobsService, OnJob } from '@leadpath/jobs';
import { MailService, type ComposeContext, type MailContent } from '@leadpath/mail';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Database, qb } from '@leadpath/platform/database';
import { Clock } from '@leadpath/platform/time';
import { localTime } from './local-time';
import { NotificationsRepository, type BenchSummary, type DigestLists } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** Every hour on the hour (UTC, see JOBS), scheduled once across instances; each organization's local time decides. */
export const DIGEST_TICK_JOB = 'notifications.tick';
export const WEEKLY_DIGEST_JOB = 'notifications.weekly-digest';
export const MONTHLY_SUMMARY_JOB = 'notifications.monthly-summary';

/** Local hour the digests go out at: Monday for managers, the 1st of the month for HR. */
export const DIGEST_HOUR = 8;

interface OrganizationJob {
  organizationId: string;
  /** The organization's local date the job is for. */
  day: string;
}

/** A job id that is the same for the same organization and day: a second tick enqueues nothing. */
function jobId(kind: string, { organizationId, day }: OrganizationJob): string {
  const h = createHash('sha256').update(`${kind}:${organizationId}:${day}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const list = (items: string[]): string => items.join('; ');

/**
 * The manager's weekly digest and HR's monthly bench summary. An hourly tick lists the
 * organizations (the named system operation `organizations.list`) and, in each organization's
 * own unit of work, enqueues that organization's job when its local time is Monday (or the 1st)
 * at 08:00. That job, again in the organization's unit of work, owes one message to each person
 * with the switch on and something to say; the message is rendered from the data when it is sent.
 */
@Injectable()
export class DigestsService {
  private readonly logger = new Logger('Digests');

  constructor(
    private readonly db: Database,
    private readonly jobs: JobsService,
    private readonly repository: NotificationsRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    mail: MailService,
  ) {
    mail.registerComposer('weekly_digest', (c) => this.composeWeekly(c));
    mail.registerComposer('monthly_summary', (c) => this.composeMonthly(c));
  }

  /** Enqueues the digests due now in each organization's time zone; returns how many were due. */
  @OnJob(DIGEST_TICK_JOB)
  async tick(): Promise<number> {
    const now = this.clock.now();
    const organizations = await this.db.system('organizations.list', () =>
      qb.selectFrom('organizations').select('id').orderBy('id').execute(),
    );
    let due = 0;
    for (const { id } of organizations) {
      due += await this.db.tenant(id, async () => {
        const local = localTime(now, await this.repository.timeZone(id));
        if (local.hour !== DIGEST_HOUR) return 0;
        const job = { organizationId: id, day: local.date };
        let n = 0;
        if (local.weekday === 1) {
          await this.jobs.enqueue(WEEKLY_DIGEST_JOB, job, { id: jobId('weekly', job) });
          n++;
        }
        if (local.day === 1) {
          await this.jobs.enqueue(MONTHLY_SUMMARY_JOB, job, { id: jobId('monthly', job) });
          n++;
        }
        return n;
      });
    }
    return due;
  }

  /** One digest per manager with the switch on and something to say; none twice in a week. */
  @OnJob(WEEKLY_DIGEST_JOB)
  async weekly({ organizationId, day }: OrganizationJob): Promise<void> {
    await this.db.tenant(organizationId, async () => {
      // The week's key: a job that runs again owes nobody a second digest.
      const week = jobId('weekly', { organizationId, day });
      for (const managerId of await this.repository.recipients(organizationId, 'manager', 'weeklyDigest')) {
        if (await this.repository.owed(managerId, 'weekly_digest', week)) continue;
        if (isEmpty(await this.repository.digest(organizationId, managerId, day))) continue;
        await this.notifications.enqueue(organizationId, managerId, 'weekly_digest', week);
      }
    });
  }

  @OnJob(MONTHLY_SUMMARY_JOB)
  async monthly({ organizationId, day }: OrganizationJob): Promise<void> {
    await this.db.tenant(organizationId, async () => {
      const month = jobId('monthly', { organizationId, day });
      if ((await this.repository.menteeCount(organizationId)) === 0) return;
      for (const hrId of await this.repository.recipients(organizationId, 'hr_admin', 'monthlySummary')) {
        if (await this.repository.owed(hrId, 'monthly_summary', month)) continue;
        await this.notifications.enqueue(organizationId, hrId, 'monthly_summary', month);
      }
    });
  }

  private async today(organizationId: string): Promise<string> {
    return localTime(this.clock.now(), await this.repository.timeZone(organizationId)).date;
  }

  private async composeWeekly(context: ComposeContext): Promise<MailContent | null> {
    if (!(await this.notifications.stillWanted(context))) return null;
    const organizationId = context.delivery.organization_id;
    const day = await this.today(organizationId);
    const d = await this.repository.digest(organizationId, context.recipient.id, day);
    if (isEmpty(d)) return null;
    const paragraphs: string[] = [];
    if (d.stale.length) {
      paragraphs.push(
        `Without a shared one-on-one for too long (${d.stale.length}): ` +
          list(d.stale.map((s) => `${s.name} (${s.lastSharedOn ? `last on ${s.lastSharedOn}` : 'none yet'})`)),
      );
    }
    if (d.awaitingVerification.length) {
      paragraphs.push(
        `Milestones completed and awaiting your verification (${d.awaitingVerification.length}): ` +
          list(d.awaitingVerification.map((m) => `${m.name}: ${m.milestone}`)),
      );
    }
    if (d.overdueGoals.length) {
      paragraphs.push(
        `Overdue goals (${d.overdueGoals.length}): ` +
          list(d.overdueGoals.map((g) => `${g.name}: ${g.goal} (due ${g.targetDate})`)),
      );
    }
    if (d.awaitingConfirmation.length) {
      paragraphs.push(
        `Goals marked achieved and awaiting your confirmation (${d.awaitingConfirmation.length}): ` +
          list(d.awaitingConfirmation.map((g) => `${g.name}: ${g.goal}`)),
      );
    }
    return this.notifications.content(context, `Your mentees this week (${day})`, {
      greeting: `Hello ${context.recipient.name},`,
      paragraphs,
      action: { label: 'Open my mentees', url: `${this.config.publicUrl}/mentees` },
    });
  }

  private async composeMonthly(context: ComposeContext): Promise<MailContent | null> {
    if (!(await this.notifications.stillWanted(context))) return null;
    const organizationId = context.delivery.organization_id;
    const day = await this.today(organizationId);
    const since = new Date(this.clock.now().getTime() - 31 * 24 * 3600 * 1000);
    const b: BenchSummary = await this.repository.bench(organizationId, day, since);
    if (b.mentees === 0) return null;
    const phases = [...new Set(b.levels.map((l) => l.phase))];
    return this.notifications.content(context, `The leadership bench on ${day}`, {
      greeting: `Hello ${context.recipient.name},`,
      paragraphs: [
        `${b.mentees} mentees; ${b.stale} without a shared one-on-one for too long.`,
        ...phases.map(
          (phase) =>
            `${phase}: ` +
            b.levels
              .filter((l) => l.phase === phase)
              .map((l) => `${l.mentees} ${l.level}`)
              .join(', '),
        ),
        b.moves.length
          ? 'Moves between phases in the last month: ' +
            list(b.moves.map((m) => `${m.mentees} from ${m.fromPhase ?? 'enrolment'} to ${m.toPhase}`))
          : 'No mentee changed phase in the last month.',
      ],
      action: { label: 'Open the reports', url: `${this.config.publicUrl}/` },
    });
  }
}

function isEmpty(d: DigestLists): boolean {
  return !d.stale.length && !d.awaitingVerification.length && !d.overdueGoals.length && !d.awaitingConfirmation.length;
}
