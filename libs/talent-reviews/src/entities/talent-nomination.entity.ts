import { Check, Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, MenteeRecord, References, UuidColumn } from '@leadpath/platform/database';

export const NOMINATION_STATUSES = ['submitted', 'promote', 'not_yet', 'withdrawn'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/**
 * A mentee nominated into a cycle by their line manager, with the written case. The packet is
 * the record as it was when the nomination was submitted (frozen JSON); `status` is the latest
 * decision, or `submitted` before any.
 */
@Entity('talent_nominations')
@Index(['reviewId', 'menteeId'], { unique: true })
@Index(['organizationId', 'reviewId', 'createdAt', 'id'])
@Check(`status IN ('submitted','promote','not_yet','withdrawn')`)
export class TalentNominationEntity extends MenteeRecord {
  @UuidColumn()
  reviewId: string;

  @References('TalentReviewEntity', 'review_id', { onDelete: 'CASCADE' })
  review?: unknown;

  @UuidColumn({ nullable: true })
  nominatedBy: string | null;

  @References('UserEntity', 'nominated_by', { onDelete: 'SET NULL' })
  nominator?: unknown;

  @Column({ type: 'varchar', length: 8000 })
  case: string;

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status: NominationStatus;

  @Column({ type: 'jsonb' })
  packet: unknown;

  @CreatedAtColumn()
  createdAt: Date;
}

export const REQUEST_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type NominationRequestStatus = (typeof REQUEST_STATUSES)[number];

/** A mentee asking their line manager to be nominated into a cycle, and the manager's answer. */
@Entity('talent_nomination_requests')
@Index(['reviewId', 'menteeId'], { unique: true })
@Index(['organizationId', 'reviewId', 'createdAt', 'id'])
@Check(`status IN ('pending','accepted','declined')`)
export class TalentNominationRequestEntity extends MenteeRecord {
  @UuidColumn()
  reviewId: string;

  @References('TalentReviewEntity', 'review_id', { onDelete: 'CASCADE' })
  review?: unknown;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: NominationRequestStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason: string | null;

  @UuidColumn({ nullable: true })
  decidedBy: string | null;

  @References('UserEntity', 'decided_by', { onDelete: 'SET NULL' })
  decider?: unknown;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @UuidColumn({ nullable: true })
  nominationId: string | null;

  @References('TalentNominationEntity', 'nomination_id', { onDelete: 'SET NULL' })
  nomination?: unknown;

  @CreatedAtColumn()
  createdAt: Date;
}
