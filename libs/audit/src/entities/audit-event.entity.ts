import { Column, Entity, Index } from 'typeorm';
import { IdColumn, UuidColumn } from '@leadpath/platform/database';

/**
 * Who did what to which object, when. Append-only: a trigger rejects UPDATE, DELETE and
 * TRUNCATE. No free text and no tokens are ever stored here.
 */
@Entity('audit_events')
@Index(['organizationId', 'occurredAt', 'id'])
@Index(['organizationId', 'objectType', 'objectId'])
@Index(['organizationId', 'actorId'])
export class AuditEventEntity {
  @IdColumn()
  id: string;

  /** No foreign keys: the trail outlives what it describes. */
  @UuidColumn()
  organizationId: string;

  @UuidColumn({ nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 40 })
  objectType: string;

  @UuidColumn({ nullable: true })
  objectId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'success' })
  outcome: 'success' | 'denied';

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt: Date;

  /** What an update changed: `{ field: { from, to } }` for structured fields only; null otherwise. */
  @Column({ type: 'jsonb', nullable: true })
  changes: Record<string, { from: unknown; to: unknown }> | null;
}
