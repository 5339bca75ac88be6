import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobsService, OnJob } from '@leadpath/jobs';
import { MailService, type ComposeContext, type MailContent } from '@leadpath/mail';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Database, qb } from '@leadpath/platform/database';
import { Clock } from '@leadpath/platform/time';
import { localTime } from './local-time';
import { NotificationsRepository, type BenchSummary } from './notifications.repository';
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
export function digestJobId(kind: string, { organizationId, day }: OrganizationJob): string {
  const h = createHash('sha256').update(`${kind}:${organizationId}:${day}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const list = (items: string[]): string => items.join('; ');

/**
 * When the manager's weekly digest and HR's monthly bench summary are due, and the summary itself
 * (the weekly digest is the inbox's, which lists what waits: see the inbox library). An hourly tick lists the
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
          await this.jobs.enqueue(WEEKLY_DIGEST_JOB, job, { id: digestJobId('weekly', job) });
          n++;
        }
        if (local.day === 1) {
          await this.jobs.enqueue(MONTHLY_SUMMARY_JOB, job, { id: digestJobId('monthly', job) });
          n++;
        }
        return n;
      });
    }
    return due;
  }

  @OnJob(MONTHLY_SUMMARY_JOB)
  async monthly({ organizationId, day }: OrganizationJob): Promise<void> {
    await this.db.tenant(organizationId, async () => {
      const month = digestJobId('monthly', { organizationId, day });
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
