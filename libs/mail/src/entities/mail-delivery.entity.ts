import { Check, Column, Entity, Index } from 'typeorm';
import { References, TimestampedTenantEntity, UuidColumn } from '@leadpath/platform/database';

export const DELIVERY_STATUSES = ['pending', 'retrying', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One e-mail the outbox owes someone: written in the transaction of the change that causes it,
 * together with its job. The worker renders and sends it, and records the outcome here, where HR
 * reads failed deliveries; `sent` makes a redelivered job a no-op.
 */
@Entity('mail_deliveries')
@Index(['organizationId', 'status', 'createdAt', 'id'])
@Index(['recipientId', 'kind', 'createdAt'])
@Check(`status IN ('pending','retrying','sent','failed','skipped')`)
@Check('CHK_mail_deliveries_recipient', `"recipient_id" IS NOT NULL OR "recipient_address" IS NOT NULL`)
export class MailDeliveryEntity extends TimestampedTenantEntity {
  /** The recipient's account; null for a message to an address without one (a feedback request). */
  @UuidColumn({ nullable: true })
  recipientId: string | null;

  @References('UserEntity', 'recipient_id', { onDelete: 'CASCADE' })
  recipient?: unknown;

  /** Where a message to an address without an account went, and the name it was sent to. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  recipientAddress: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  recipientName: string | null;

  /** What to render: `invitation`, `password_reset`, a nudge or a digest. */
  @Column({ type: 'varchar', length: 48 })
  kind: string;

  /** The object the message is about (a feedback entry, a milestone…), when there is one. */
  @UuidColumn({ nullable: true })
  subjectId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
