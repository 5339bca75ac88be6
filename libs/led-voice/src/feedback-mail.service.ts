import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobsService, OnJob, type JobAttempt } from '@leadpath/jobs';
import { MailService, MailTransport, renderMail, type MailParts } from '@leadpath/mail';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Database } from '@leadpath/platform/database';
import { Clock } from '@leadpath/platform/time';
import { FeedbackLinks } from './feedback-links';
import { FeedbackMailRepository, type MailableRequest, type Recipient } from './feedback-mail.repository';

/** How long a link to answer stays valid. */
export const LINK_DAYS = 14;
/** Reminders go to those who have not answered, this many days after they were asked. */
export const REMINDER_DAYS = [5, 10] as const;
export const FEEDBACK_MAIL_JOB = 'assignments.feedback-mail';
export const FEEDBACK_REMINDERS_JOB = 'assignments.feedback-reminders';

const DAY_SECONDS = 24 * 3600;
/** Each reminder's due time, as seconds before the link expires (first reminder first). */
const DUE_BEFORE_EXPIRY = REMINDER_DAYS.map((d) => (LINK_DAYS - d) * DAY_SECONDS);

interface MailJob {
  organizationId: string;
  requestId: string;
  /** 0 the invitation, 1 and 2 the reminders. */
  sequence: number;
  /** The message's row in HR's list of e-mail deliveries (absent on jobs enqueued before it existed). */
  deliveryId?: string;
}

/** How HR's list of e-mail deliveries names these messages. */
export const FEEDBACK_MAIL_KINDS = ['feedback_request', 'feedback_reminder'] as const;

/**
 * The e-mails of feedback requests. A respondent may have no account, so these messages do not go
 * through the per-user delivery log: each is a job of its own, enqueued on the transaction that
 * asks (or reminds), carrying only the organization, the request and which message it is. The
 * link is derived from the request as the message is composed, so it is stored nowhere — not in
 * the queue either. A message goes only to a request that is open and unanswered when it is sent;
 * `mails_sent` on the request makes a redelivered job a no-op.
 *
 * Nothing here refers to an answer: answers are stored without their request (see
 * LedVoiceService.respond), so neither a job nor a message can be joined to one.
 */
@Injectable()
export class FeedbackMail {
  private readonly logger = new Logger('FeedbackMail');

  constructor(
    private readonly db: Database,
    private readonly jobs: JobsService,
    private readonly transport: MailTransport,
    private readonly mailLog: MailService,
    private readonly repository: FeedbackMailRepository,
    private readonly links: FeedbackLinks,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Owes each request its invitation, on the caller's (tenant) transaction. */
  async invite(organizationId: string, requestIds: string[]): Promise<void> {
    for (const to of await this.repository.recipients(organizationId, requestIds))
      await this.enqueue({ organizationId, requestId: to.id, sequence: 0 }, to);
  }

  /**
   * Claims the reminders due now, one tenant unit of work per organization that has any, and
   * enqueues their messages in that same transaction. Returns how many were claimed.
   */
  @OnJob(FEEDBACK_REMINDERS_JOB)
  async remind(): Promise<number> {
    const now = this.clock.now();
    const organizations = await this.db.system('assignments.reminders', () =>
      this.repository.organizationsWithDueReminders(now, DUE_BEFORE_EXPIRY),
    );
    let claimed = 0;
    for (const organizationId of organizations) {
      claimed += await this.db.tenant(organizationId, async () => {
        const due = await this.repository.claimDueReminders(organizationId, now, DUE_BEFORE_EXPIRY);
        for (const r of due) await this.enqueue({ organizationId, requestId: r.id, sequence: r.reminders_sent }, r);
        return due.length;
      });
    }
    return claimed;
  }

  /** Records the message in HR's list of deliveries and enqueues it, in the caller's unit of work. */
  private async enqueue(job: Omit<MailJob, 'deliveryId'>, to: Recipient): Promise<void> {
    const deliveryId = await this.mailLog.recordToAddress({
      organizationId: job.organizationId,
      address: to.email,
      name: to.name,
      kind: FEEDBACK_MAIL_KINDS[job.sequence === 0 ? 0 : 1],
      subjectId: job.requestId,
    });
    await this.jobs.enqueue(FEEDBACK_MAIL_JOB, { ...job, deliveryId } satisfies MailJob);
  }

  @OnJob(FEEDBACK_MAIL_JOB)
  private async deliver(
    { organizationId, requestId, sequence, deliveryId }: MailJob,
    attempt: JobAttempt,
  ): Promise<void> {
    const settle = async (status: 'sent' | 'skipped' | 'retrying' | 'failed', error: string | null = null) => {
      if (deliveryId) await this.mailLog.settleRecorded(deliveryId, status, error);
    };
    const request = await this.db.tenant(organizationId, async () => {
      const r = await this.repository.lockForMail(organizationId, requestId);
      // Gone, not approved, answered, expired, or this message already left on an earlier attempt: nothing to send.
      if (
        !r ||
        r.approval !== 'approved' ||
        r.answered ||
        r.mails_sent > sequence ||
        r.expires_at.getTime() <= this.clock.now().getTime()
      ) {
        await settle('skipped');
        return null;
      }
      return r;
    });
    if (!request) return;
    const url = this.links.url(requestId);
    const parts = compose(request, url, sequence);
    const { text, html } = renderMail(parts);
    try {
      await this.transport.send({
        messageId: `<${requestId}.${sequence}@${new URL(this.config.publicUrl).hostname}>`,
        to: { name: request.name, address: request.email },
        subject: subjectOf(sequence),
        text,
        html,
        links: [url],
      });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      await this.db.tenant(organizationId, () => settle(attempt.last ? 'failed' : 'retrying', message));
      throw error;
    }
    await this.db.tenant(organizationId, async () => {
      await this.repository.markMailed(organizationId, requestId, sequence);
      await settle('sent');
    });
    this.logger.debug({ requestId, sequence }, 'feedback request mailed');
  }
}

/**
 * Leadpath's own words only: names and titles are written by users, and a subject line is what a
 * phishing mail would need. The title is in the body, quoted.
 */
export const FEEDBACK_SUBJECT = 'A request for your anonymous feedback on leadership work';

function subjectOf(sequence: number): string {
  return sequence === 0 ? FEEDBACK_SUBJECT : `Reminder: ${FEEDBACK_SUBJECT}`;
}

function compose(r: MailableRequest, url: string, sequence: number): MailParts {
  const until = r.expires_at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const questions = r.questions === 1 ? 'one rating' : `${r.questions} ratings`;
  return {
    greeting: `Hello ${r.name},`,
    paragraphs: [
      sequence === 0
        ? `${r.lead_name} led “${r.assignment_title}” at ${r.organization_name} as a step towards leading a team, and you were one of the people they led. ${r.requester_name} asks how it went for you.`
        : `A reminder: ${r.requester_name} asked how it went for you when ${r.lead_name} led “${r.assignment_title}” at ${r.organization_name}. Your answer is still missing, and it counts.`,
      `It takes a few minutes: ${questions} from 1 to 5 and two short, optional answers, on a page that works on a phone.`,
      `Your answer is anonymous. It is stored without your name or this link, and nobody sees it except together with at least ${r.threshold} answers from others.`,
      `The link works once, until ${until}.`,
    ],
    action: { label: 'Answer now', url },
    footer: [
      'You receive this because you were asked for feedback on leadership work you took part in.',
      'Reminders stop once you have answered; there are at most two.',
    ],
  };
}
