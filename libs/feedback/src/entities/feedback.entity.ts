import { Check, Column, Entity, Index } from 'typeorm';
import { References, TimestampedMenteeRecord, UuidColumn } from '@leadpath/platform/database';

/** Who may read an entry: `shared` with the mentee, or a `private` note for the author's side. */
export const VISIBILITIES = ['shared', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * One one-on-one: when it happened, who wrote it, what they saw. `private` entries are the
 * author's notes to self: nobody else reads them and they never count toward readiness.
 * `version` grows by one with every edit; edits are conditional on it (If-Match).
 */
@Entity('feedback')
// (organization_id, mentee_id, occurred_on) INCLUDE (…): see the ReadinessWindowIndex migration.
@Index('IDX_feedback_readiness', { synchronize: false })
@Index(['organizationId', 'menteeId', 'createdAt', 'id'])
@Index(['organizationId', 'meetingId'])
@Check(`visibility IN ('shared','private')`)
@Check(`author_role IN ('manager','mentor')`)
@Check(`version >= 1`)
export class FeedbackEntity extends TimestampedMenteeRecord {
  @UuidColumn()
  authorId: string;

  @References('UserEntity', 'author_id')
  author?: unknown;

  /** The author's relation to the mentee when they wrote it. */
  @Column({ type: 'varchar', length: 16 })
  authorRole: 'manager' | 'mentor';

  @Column({ type: 'date' })
  occurredOn: string;

  @Column({ type: 'varchar', length: 16 })
  visibility: Visibility;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  strengths: string | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  gaps: string | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  nextSteps: string | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  needToSee: string | null;

  /** The one-on-one occurrence the entry is the outcome of (`<seriesId>_<original start>`), if any. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  meetingId: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  /** The version the mentee acknowledged: an edit after it shows as `acknowledgedVersion < version`. */
  @Column({ type: 'integer', nullable: true })
  acknowledgedVersion: number | null;
}
