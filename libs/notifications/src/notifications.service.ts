import { Inject, Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { MailService, type ComposeContext, type MailContent, type MailParts } from '@leadpath/mail';
import { APP_CONFIG, RUNTIME, type AppConfig, type Runtime } from '@leadpath/platform';
import { Database } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import { Clock } from '@leadpath/platform/time';
import type {
  NotificationPreferencesResponse,
  UnsubscribeResponse,
  UpdateNotificationPreferencesDto,
} from './dto/notifications.dto';
import { NotificationsRepository, type Preferences } from './notifications.repository';
import { localTime } from './local-time';
import { KIND_SWITCH, SWITCH_LABEL, type NotificationKind, type NudgeKind, type Switch } from './switches';
import { UnsubscribeTokens } from './unsubscribe-token';

const BAD_TOKEN = 'This unsubscribe link is not valid';

/**
 * Nudges to the mentee (new shared feedback, a milestone verified or revoked, a goal confirmed)
 * and the switches that turn each kind of message that is not essential off. A nudge is
 * enqueued in the transaction of the change it tells about; it is rendered when it is sent, so
 * a switch turned off meanwhile, or a change undone, sends nothing.
 */
@Injectable()
export class NotificationsService {
  private readonly tokens: UnsubscribeTokens;

  constructor(
    private readonly db: Database,
    private readonly repository: NotificationsRepository,
    private readonly mail: MailService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.tokens = new UnsubscribeTokens(runtime.jwtSecret);
    mail.registerComposer('feedback_shared', (c) => this.composeFeedback(c));
    mail.registerComposer('milestone_verified', (c) => this.composeMilestone(c, 'verified'));
    mail.registerComposer('milestone_revoked', (c) => this.composeMilestone(c, 'revoked'));
    mail.registerComposer('goal_confirmed', (c) => this.composeGoal(c));
  }

  /**
   * Owes the mentee a nudge about `subjectId`, in the caller's unit of work, unless they switched
   * this kind off or they did it themselves.
   */
  async nudgeMentee(
    actor: { organizationId: string; userId: string },
    menteeId: string,
    kind: NudgeKind,
    subjectId: string,
  ): Promise<void> {
    const recipientId = await this.repository.menteeRecipient(menteeId, KIND_SWITCH[kind]);
    if (!recipientId || recipientId === actor.userId) return;
    await this.mail.enqueue({ organizationId: actor.organizationId, recipientId, kind, subjectId });
  }

  /** Owes `recipientId` the digest of `kind` for `period` (its week's or month's key), in the caller's unit of work. */
  async enqueue(
    organizationId: string,
    recipientId: string,
    kind: 'weekly_digest' | 'monthly_summary',
    period: string,
  ): Promise<void> {
    await this.mail.enqueue({ organizationId, recipientId, kind, subjectId: period });
  }

  /** Active users of the organization holding `role` with the switch on: a digest's recipients. */
  recipients(organizationId: string, role: string, which: Switch): Promise<string[]> {
    return this.repository.recipients(organizationId, role, which);
  }

  /** Whether the user is already owed this digest for `period`: a job that runs twice sends once. */
  owed(userId: string, kind: 'weekly_digest' | 'monthly_summary', period: string): Promise<boolean> {
    return this.repository.owed(userId, kind, period);
  }

  /** The organization's local date now, in its time zone. */
  async today(organizationId: string): Promise<string> {
    return localTime(this.clock.now(), await this.repository.timeZone(organizationId)).date;
  }

  async preferences(actor: Actor): Promise<NotificationPreferencesResponse> {
    await this.access.require(actor, Permission.NotificationsOwn);
    return this.repository.preferences(actor.userId);
  }

  async update(actor: Actor, dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesResponse> {
    await this.access.require(actor, Permission.NotificationsOwn);
    const updated = await this.repository.update(actor.organizationId, actor.userId, dto);
    await this.audit.record(actor, {
      action: 'notifications.update',
      objectType: 'user',
      objectId: actor.userId,
    });
    return updated;
  }

  /** One-click unsubscribe (RFC 8058): the link's token names the person and the switch it turns off. */
  async unsubscribe(token: string, requestId: string | null): Promise<UnsubscribeResponse> {
    const claim = this.tokens.verify(token, this.clock.now());
    if (!claim) throw DomainError.invalid('token', BAD_TOKEN);
    const done = await this.db.tenant(claim.organizationId, async () => {
      if (!(await this.repository.userExists(claim.userId))) return false;
      await this.repository.update(claim.organizationId, claim.userId, { [claim.switch]: false });
      await this.audit.record(
        { organizationId: claim.organizationId, userId: claim.userId, requestId },
        { action: 'notifications.unsubscribe', objectType: 'user', objectId: claim.userId },
      );
      return true;
    });
    if (!done) throw DomainError.invalid('token', BAD_TOKEN);
    return { message: `You will no longer receive e-mails about ${SWITCH_LABEL[claim.switch]}.` };
  }

  /** The List-Unsubscribe link of a message of `kind` to `recipient`. */
  unsubscribeUrl(organizationId: string, userId: string, kind: NotificationKind): string {
    return `${this.config.publicUrl}/api/v1/notifications/unsubscribe?token=${this.unsubscribeToken(organizationId, userId, kind)}`;
  }

  /** The same switch-off for a person reading the message: a web page that asks before it acts. */
  private unsubscribePage(organizationId: string, userId: string, kind: NotificationKind): string {
    return `${this.config.publicUrl}/unsubscribe#token=${this.unsubscribeToken(organizationId, userId, kind)}`;
  }

  private unsubscribeToken(organizationId: string, userId: string, kind: NotificationKind): string {
    return this.tokens.sign({ organizationId, userId, switch: KIND_SWITCH[kind] }, this.clock.now());
  }

  /** A non-essential message: why it came, how to stop it, and the one-click link in its headers. */
  content({ delivery, recipient }: ComposeContext, subject: string, parts: Omit<MailParts, 'footer'>): MailContent {
    const kind = delivery.kind as NotificationKind;
    const which: Switch = KIND_SWITCH[kind];
    return {
      subject,
      parts: {
        ...parts,
        footer: [
          `You receive this because e-mails about ${SWITCH_LABEL[which]} are on for you.`,
          `Turn them off: ${this.unsubscribePage(delivery.organization_id, recipient.id, kind)} (or your mail program's unsubscribe button).`,
          `Every switch, to turn them on again: ${this.config.publicUrl}/notifications`,
        ],
      },
      unsubscribeUrl: this.unsubscribeUrl(delivery.organization_id, recipient.id, kind),
    };
  }

  /** Whether the recipient still wants this kind, checked as it is sent. */
  stillWanted(context: ComposeContext): Promise<boolean> {
    return this.repository.isOn(context.recipient.id, KIND_SWITCH[context.delivery.kind as NotificationKind]);
  }

  private progressLink(): { label: string; url: string } {
    return { label: 'Open my progress', url: `${this.config.publicUrl}/progress` };
  }

  private async composeFeedback(context: ComposeContext): Promise<MailContent | null> {
    if (!context.delivery.subject_id || !(await this.stillWanted(context))) return null;
    // Shared entries only, and never their text: the message says that there is something to read.
    const entry = await this.repository.feedbackSubject(context.delivery.subject_id);
    if (!entry) return null;
    return this.content(context, `New feedback from ${entry.author}`, {
      greeting: `Hello ${context.recipient.name},`,
      paragraphs: [
        `${entry.author} shared feedback from your one-on-one on ${entry.occurred_on}. Read it and acknowledge it in Leadpath.`,
      ],
      action: this.progressLink(),
    });
  }

  private async composeMilestone(context: ComposeContext, what: 'verified' | 'revoked'): Promise<MailContent | null> {
    if (!context.delivery.subject_id || !(await this.stillWanted(context))) return null;
    const milestone = await this.repository.milestoneSubject(context.delivery.subject_id);
    // Undone since (a verification revoked, a revocation re-verified): nothing to tell any more.
    if (!milestone || (what === 'verified' ? !milestone.verified : !milestone.revoked || milestone.verified))
      return null;
    const by = milestone.by ? ` by ${milestone.by}` : '';
    return this.content(context, `Milestone ${what}: ${milestone.title}`, {
      greeting: `Hello ${context.recipient.name},`,
      paragraphs:
        what === 'verified'
          ? [`Your milestone “${milestone.title}” was verified${by}. It now counts towards your readiness.`]
          : [
              `The verification of your milestone “${milestone.title}” was revoked${by}. Leadpath shows why, and what it needs now.`,
            ],
      action: this.progressLink(),
    });
  }

  private async composeGoal(context: ComposeContext): Promise<MailContent | null> {
    if (!context.delivery.subject_id || !(await this.stillWanted(context))) return null;
    const goal = await this.repository.goalSubject(context.delivery.subject_id);
    if (!goal?.confirmed) return null;
    return this.content(context, `Goal confirmed: ${goal.title}`, {
      greeting: `Hello ${context.recipient.name},`,
      paragraphs: [`Your goal “${goal.title}” was confirmed as achieved. It now counts towards your readiness.`],
      action: this.progressLink(),
    });
  }
}

export type { Preferences };
