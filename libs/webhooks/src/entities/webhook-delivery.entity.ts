import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

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
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: unknown;

  @Column({ type: 'uuid' })
  endpointId: string;

  @ManyToOne('WebhookEndpointEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id' })
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
