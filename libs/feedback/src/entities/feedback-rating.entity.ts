import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** A 1–5 rating of one competency (by key) in one feedback entry. */
@Entity('feedback_ratings')
@Index(['organizationId', 'competencyKey'])
@Check(`rating BETWEEN 1 AND 5`)
export class FeedbackRatingEntity {
  @PrimaryColumn({ type: 'uuid' })
  feedbackId: string;

  @PrimaryColumn({ type: 'varchar', length: 48 })
  competencyKey: string;

  @ManyToOne('FeedbackEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'feedback_id' })
  feedback?: unknown;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: unknown;

  @Column({ type: 'smallint' })
  rating: number;
}
