import { Column, Entity, Index } from 'typeorm';
import { References, TenantEntity, UuidColumn } from '@leadpath/platform/database';

/**
 * The delivery log: one row per attempt, with what came back — the status code, the error, how
 * long it took and at most a short excerpt of the response, never more of it.
 */
@Entity('webhook_attempts')
@Index(['deliveryId', 'attempt'], { unique: true })
export class WebhookAttemptEntity extends TenantEntity {
  @UuidColumn()
  deliveryId: string;

  @References('WebhookDeliveryEntity', 'delivery_id', { onDelete: 'CASCADE' })
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
