import { Check, Column, Entity, Index } from 'typeorm';
import { References, TenantEntity, UuidColumn, CreatedAtColumn } from '@leadpath/platform/database';

export const TALENT_REVIEW_STATUSES = ['open', 'closed'] as const;
export type TalentReviewStatus = (typeof TALENT_REVIEW_STATUSES)[number];

/**
 * A talent review cycle: HR names the phase it promotes into, optionally one department, the day
 * pre-ratings close and the calibrators. `open` takes nominations and pre-ratings; `closed` takes
 * only decisions. Pre-ratings are blind until `closes_on` has passed or HR ends them early
 * (`pre_rating_closed_at`).
 */
@Entity('talent_reviews')
@Index(['organizationId', 'createdAt', 'id'])
@Check(`status IN ('open','closed')`)
@Check(`target_phase IN ('lead_without_title','first_management_role','growing_scope')`)
export class TalentReviewEntity extends TenantEntity {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  targetPhase: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  department: string | null;

  @Column({ type: 'date' })
  closesOn: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: TalentReviewStatus;

  @Column({ type: 'timestamptz', nullable: true })
  preRatingClosedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @UuidColumn({ nullable: true })
  createdBy: string | null;

  @References('UserEntity', 'created_by', { onDelete: 'SET NULL' })
  creator?: unknown;

  @CreatedAtColumn()
  createdAt: Date;
}

/** Who pre-rates the cycle's nominees: HR admins and managers of the organization. */
@Entity('talent_review_calibrators')
@Index(['reviewId', 'userId'], { unique: true })
export class TalentReviewCalibratorEntity extends TenantEntity {
  @UuidColumn()
  reviewId: string;

  @References('TalentReviewEntity', 'review_id', { onDelete: 'CASCADE' })
  review?: unknown;

  @UuidColumn()
  userId: string;

  @References('UserEntity', 'user_id', { onDelete: 'CASCADE' })
  user?: unknown;
}
