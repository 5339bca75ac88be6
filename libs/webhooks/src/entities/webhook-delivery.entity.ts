import { Check, Column, Entity, Index } from 'typeorm';
import { References, TimestampedTenantEntity, UuidColumn } from '@leadpath/platform/database';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One event owed to one endpoint, written with its job in the transaction of the change that
 * caused it. Its id is the message's `webhook-id` (the same on every retry, so receivers drop
 * duplicates); its payload is fixed when the event happens. A failed attempt sets
 * `next_attempt_at`; the scheduled sweep enqueues it again when that moment passes.
 */
@Entity('webhook_deliveries')
@Index(['endpointId', 'createdAt', 'id'])
@Index(['organizationId', 'status', 'nextAttemptAt'])
@Check(`status IN ('pending','retrying','succeeded','failed')`)
export class WebhookDeliveryEntity extends TimestampedTenantEntity {
  @UuidColumn()
  endpointId: string;

  @References('WebhookEndpointEntity', 'endpoint_id', { onDelete: 'CASCADE' })
  endpoint?: unknown;

  @Column({ type: 'varchar', length: 48 })
  eventType: string;

  /** The body as sent: `{ type, timestamp, data }`. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
