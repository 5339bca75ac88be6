import { Inject, Injectable } from '@nestjs/common';
import { OnJob } from '@leadpath/jobs';
import { MailService, type ComposeContext, type MailContent } from '@leadpath/mail';
import { NotificationsService, WEEKLY_DIGEST_JOB, digestJobId } from '@leadpath/notifications';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Database } from '@leadpath/platform/database';
import type { InboxItem, InboxResponse } from './dto/inbox.dto';
import { InboxService } from './inbox.service';
import { INBOX_SOURCES, type InboxKind } from './sources';

/** The digest's heading of each kind, in the sources' order. */
export const DIGEST_HEADING: Record<InboxKind, string> = {
  mentee_stale: 'Without a shared one-on-one for too long',
  milestone_to_verify: 'Milestones completed and awaiting your verification',
  goal_to_confirm: 'Goals marked achieved and awaiting your confirmation',
  goal_overdue: 'Overdue goals',
  respondent_to_approve: 'Outside respondents waiting for your approval',
  feedback_request_to_answer: 'Feedback requests waiting for your answer',
  feedback_to_acknowledge: 'Shared feedback to acknowledge',
};

const line = (item: InboxItem): string =>
  `${item.subject ? `${item.subject.name}: ` : ''}${item.title}${item.dueOn ? ` (due ${item.dueOn})` : ''}`;

/** The digest's paragraphs: one per kind that has something, listing what the inbox lists. */
export function digestParagraphs(inbox: InboxResponse): string[] {
  const paragraphs: string[] = [];
  for (const { kind } of INBOX_SOURCES) {
    const count = inbox.counts[kind];
    if (!count) continue;
    const items = inbox.items.filter((i) => i.kind === kind);
    const more = count - items.length;
    paragraphs.push(
      `${DIGEST_HEADING[kind]} (${count}): ${items.map(line).join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    );
  }
  return paragraphs;
}

/**
 * The manager's Monday digest is their inbox on that day: one message to each manager with the
 * switch on and something waiting, none twice in a week, rendered from the data when it is sent.
 * When it is due is the notifications library's tick.
 */
@Injectable()
export class WeeklyDigest {
  constructor(
    private readonly db: Database,
    private readonly inbox: InboxService,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    mail: MailService,
  ) {
    mail.registerComposer('weekly_digest', (c) => this.compose(c));
  }

  @OnJob(WEEKLY_DIGEST_JOB)
  async weekly({ organizationId, day }: { organizationId: string; day: string }): Promise<void> {
    await this.db.tenant(organizationId, async () => {
      // The week's key: a job that runs again owes nobody a second digest.
      const week = digestJobId('weekly', { organizationId, day });
      for (const managerId of await this.notifications.recipients(organizationId, 'manager', 'weeklyDigest')) {
        if (await this.notifications.owed(managerId, 'weekly_digest', week)) continue;
        if (!(await this.inbox.of(organizationId, managerId, day))?.total) continue;
        await this.notifications.enqueue(organizationId, managerId, 'weekly_digest', week);
      }
    });
  }

  private async compose(context: ComposeContext): Promise<MailContent | null> {
    if (!(await this.notifications.stillWanted(context))) return null;
    const organizationId = context.delivery.organization_id;
    const day = await this.notifications.today(organizationId);
    const inbox = await this.inbox.of(organizationId, context.recipient.id, day);
    if (!inbox?.total) return null;
    return this.notifications.content(context, `Your mentees this week (${day})`, {
      greeting: `Hello ${context.recipient.name},`,
      paragraphs: digestParagraphs(inbox),
      action: { label: 'Open my inbox', url: `${this.config.publicUrl}/inbox` },
    });
  }
}
