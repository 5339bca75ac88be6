import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OrganizationOwned, References } from '@leadpath/platform/database';

/** A 1–5 rating of one competency (by key) in one feedback entry. */
@Entity('feedback_ratings')
@Index(['organizationId', 'competencyKey'])
@Check(`rating BETWEEN 1 AND 5`)
export class FeedbackRatingEntity extends OrganizationOwned {
  @PrimaryColumn({ type: 'uuid' })
  feedbackId: string;

  @PrimaryColumn({ type: 'varchar', length: 48 })
  competencyKey: string;

  @References('FeedbackEntity', 'feedback_id', { onDelete: 'CASCADE' })
  feedback?: unknown;

  @Column({ type: 'smallint' })
  rating: number;
}
