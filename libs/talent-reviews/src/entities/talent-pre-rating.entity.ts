import { Check, Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, References, TenantEntity, UpdatedAtColumn, UuidColumn } from '@leadpath/platform/database';

export const PRE_RATING_READINESS = ['not_yet', 'ready_in_6_12_months', 'ready_now'] as const;
export type PreRatingReadiness = (typeof PRE_RATING_READINESS)[number];

/**
 * One calibrator's independent view of one nomination before the meeting: the readiness on the
 * fixed rubric, with per-competency ratings in `talent_pre_rating_competencies`. One per calibrator
 * and nomination, changeable while the cycle takes pre-ratings.
 */
@Entity('talent_pre_ratings')
@Index(['nominationId', 'calibratorId'], { unique: true })
@Check(`readiness IN ('not_yet','ready_in_6_12_months','ready_now')`)
export class TalentPreRatingEntity extends TenantEntity {
  @UuidColumn()
  reviewId: string;

  @References('TalentReviewEntity', 'review_id', { onDelete: 'CASCADE' })
  review?: unknown;

  @UuidColumn()
  nominationId: string;

  @References('TalentNominationEntity', 'nomination_id', { onDelete: 'CASCADE' })
  nomination?: unknown;

  @UuidColumn()
  calibratorId: string;

  @References('UserEntity', 'calibrator_id', { onDelete: 'CASCADE' })
  calibrator?: unknown;

  @Column({ type: 'varchar', length: 24 })
  readiness: PreRatingReadiness;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/** A calibrator's 1–5 rating of one competency of the nominee, part of a pre-rating. */
@Entity('talent_pre_rating_competencies')
@Index(['preRatingId', 'competencyKey'], { unique: true })
@Check(`rating BETWEEN 1 AND 5`)
export class TalentPreRatingCompetencyEntity extends TenantEntity {
  @UuidColumn()
  preRatingId: string;

  @References('TalentPreRatingEntity', 'pre_rating_id', { onDelete: 'CASCADE' })
  preRating?: unknown;

  @Column({ type: 'varchar', length: 48 })
  competencyKey: string;

  @Column({ type: 'smallint' })
  rating: number;
}
