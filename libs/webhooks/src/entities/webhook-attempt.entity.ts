import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The delivery log: one row per attempt, with what came back — the status code, the error, how
 * long it took and at most a short excerpt of the response, never more of it.
 */
@Entity('webhook_attempts')
@Index(['deliveryId', 'attempt'], { unique: true })
export class WebhookAttemptEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: unknown;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne('WebhookDeliveryEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: unknown;

  /** 1 for the first try. */
  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'timestamptz' })
  attemptedAt: Date;

  @Column({ type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ type: 'integer' })
  durationMs: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  responseExcerpt: string | null;
}
