import { Inject, Injectable, Logger } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { JobsService, OnJob, type JobAttempt } from '@leadpath/jobs';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Database } from '@leadpath/platform/database';
import { DEFAULT_LIMIT, decodeCursor, toPage, type Page } from '@leadpath/platform/http';
import type { DeliveryQueryDto, DeliveryResponse } from './dto/delivery.dto';
import { MailRepository, type AddressedDelivery, type ListedDeliveryRow, type SendableRow } from './mail.repository';
import { MailTransport } from './mail-transport';
import { renderMail, type MailParts } from './render';
import type { DeliveryStatus } from './entities/mail-delivery.entity';

export const MAIL_JOB = 'mail.send';

/** A file sent with a message. */
export interface MailAttachment {
  filename: string;
  content: string;
  /** With its parameters, e.g. `text/calendar; method=REQUEST; charset=UTF-8`. */
  contentType: string;
}

/** What a composer makes of a delivery. */
export interface MailContent {
  subject: string;
  parts: MailParts;
  /**
   * Where one-click unsubscribe (RFC 8058) points; required for every message that is not
   * essential (invitations and resets are, nudges and digests are not).
   */
  unsubscribeUrl: string | null;
  /** Files sent with the message (a calendar invitation's `.ics`). */
  attachments?: MailAttachment[];
}

export interface ComposeContext {
  delivery: SendableRow;
  recipient: { id: string; email: string; name: string };
  organization: { id: string; name: string };
}

/** Renders one kind of message, inside the job's tenant unit of work; null means "nothing to send now". */
export type Composer = (context: ComposeContext) => Promise<MailContent | null>;

interface JobData {
  organizationId: string;
  deliveryId: string;
}

/**
 * The mail outbox. `enqueue` records a delivery and its job in the caller's transaction; the
 * worker renders it under the organization's tenant unit of work, sends it, and records the
 * outcome. A delivery already `sent` is never sent again, whatever the queue redelivers.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger('Mail');
  private readonly composers = new Map<string, Composer>();

  constructor(
    private readonly db: Database,
    private readonly jobs: JobsService,
    private readonly repository: MailRepository,
    private readonly transport: MailTransport,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Declares how to render one kind of message (call from a feature's constructor). */
  registerComposer(kind: string, composer: Composer): void {
    if (this.composers.has(kind)) throw new Error(`mail kind ${kind} registered twice`);
    this.composers.set(kind, composer);
  }

  /** Records a message owed to `recipientId` and enqueues it, both in the current unit of work. */
  async enqueue(delivery: {
    organizationId: string;
    recipientId: string;
    kind: string;
    subjectId?: string | null;
  }): Promise<string> {
    if (!this.composers.has(delivery.kind)) throw new Error(`no composer for mail kind ${delivery.kind}`);
    const deliveryId = await this.repository.insert(delivery);
    await this.jobs.enqueue(MAIL_JOB, { organizationId: delivery.organizationId, deliveryId } satisfies JobData, {
      id: deliveryId,
    });
    return deliveryId;
  }

  /**
   * Records a message that a feature composes and sends itself — a feedback request goes to an
   * address that may have no account — in the current unit of work, so HR's list shows every
   * message Leadpath sends. The feature then says how it went with `settleRecorded`.
   */
  recordToAddress(delivery: AddressedDelivery): Promise<string> {
    return this.repository.insertToAddress(delivery);
  }

  /** The outcome of a recorded message, in the current unit of work; a sent one stays sent. */
  settleRecorded(deliveryId: string, status: DeliveryStatus, error: string | null = null): Promise<void> {
    return this.repository.settle(deliveryId, status, error, true);
  }

  @OnJob(MAIL_JOB)
  private async deliver({ organizationId, deliveryId }: JobData, attempt: JobAttempt): Promise<void> {
    const ready = await this.db.tenant(organizationId, async () => {
      const delivery = await this.repository.lockForSending(deliveryId);
      // Not visible under this organization, or already delivered by an earlier attempt.
      if (!delivery || delivery.status === 'sent' || delivery.status === 'skipped') return null;
      const composer = this.composers.get(delivery.kind);
      const content =
        composer && delivery.recipient_active
          ? await composer({
              delivery,
              recipient: { id: delivery.recipient_id, email: delivery.recipient_email, name: delivery.recipient_name },
              organization: { id: organizationId, name: delivery.organization_name },
            })
          : null;
      if (!content) {
        await this.repository.settle(deliveryId, 'skipped', null);
        return null;
      }
      return { delivery, content };
    });
    if (!ready) return;
    const { delivery, content } = ready;
    const { text, html } = renderMail(content.parts);
    const headers: Record<string, string> = {};
    if (content.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${content.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    try {
      await this.transport.send({
        messageId: `<${deliveryId}@${new URL(this.config.publicUrl).hostname}>`,
        to: { name: delivery.recipient_name, address: delivery.recipient_email },
        subject: content.subject,
        text,
        html,
        headers,
        links: content.parts.action ? [content.parts.action.url] : [],
        attachments: content.attachments,
      });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      await this.db.tenant(organizationId, () =>
        this.repository.settle(deliveryId, attempt.last ? 'failed' : 'retrying', message),
      );
      throw error;
    }
    await this.db.tenant(organizationId, () => this.repository.settle(deliveryId, 'sent', null));
    this.logger.debug({ deliveryId, kind: delivery.kind }, 'mail sent');
  }

  async list(actor: Actor, query: DeliveryQueryDto): Promise<Page<DeliveryResponse>> {
    await this.access.require(actor, Permission.MailDeliveryList);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.repository.list(
      actor.organizationId,
      { status: query.status },
      limit,
      decodeCursor(query.cursor),
    );
    return toPage(rows, limit, (r) => ({ at: r.cursor_at, id: r.id }), toDeliveryResponse);
  }
}

export function toDeliveryResponse(row: ListedDeliveryRow): DeliveryResponse {
  return {
    id: row.id,
    recipientId: row.recipient_id,
    recipientName: row.recipient_name,
    recipientEmail: row.recipient_email,
    kind: row.kind,
    subjectId: row.subject_id,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    sentAt: row.sent_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
