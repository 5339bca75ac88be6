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
export class MailDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: unknown;

  @Column({ type: 'uuid' })
  recipientId: string;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: unknown;

  /** What to render: `invitation`, `password_reset`, a nudge or a digest. */
  @Column({ type: 'varchar', length: 48 })
  kind: string;

  /** The object the message is about (a feedback entry, a milestone…), when there is one. */
  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
