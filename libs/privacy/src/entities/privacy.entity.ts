import { Check, Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, References, TenantEntity, UuidColumn } from '@leadpath/platform/database';

export const SUBJECT_REQUEST_KINDS = ['export', 'erasure'] as const;
export type SubjectRequestKind = (typeof SUBJECT_REQUEST_KINDS)[number];

/**
 * Who was erased, and when: ids and times only, so the log itself holds nothing about the person.
 * After a restore from a backup older than an erasure, `reapplyErasureLog()` erases them again.
 */
@Entity('erasure_log')
@Index(['organizationId', 'userId'], { unique: true })
export class ErasureLogEntity extends TenantEntity {
  /** The erased account (its row stays, anonymized, so the audit trail keeps its events). */
  @UuidColumn()
  userId: string;

  @Column({ type: 'timestamptz' })
  erasedAt: Date;
}

/**
 * A data-subject request HR carried out (an export for someone, an erasure), with the reason HR
 * gave: the audit trail records codes and ids, never free text, and names this row.
 */
@Entity('subject_requests')
@Index(['organizationId', 'userId', 'createdAt'])
@Check(`kind IN ('export','erasure')`)
export class SubjectRequestEntity extends TenantEntity {
  @Column({ type: 'varchar', length: 16 })
  kind: SubjectRequestKind;

  /** The person the request is about. */
  @UuidColumn()
  userId: string;

  @References('UserEntity', 'user_id')
  user?: unknown;

  /** Who carried it out; null for the retention job. */
  @UuidColumn({ nullable: true })
  requestedBy: string | null;

  @References('UserEntity', 'requested_by', { onDelete: 'SET NULL' })
  requester?: unknown;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @CreatedAtColumn()
  createdAt: Date;
}
