import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

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
@Check(`visibility IN ('shared','private')`)
@Check(`author_role IN ('manager','mentor')`)
@Check(`version >= 1`)
export class FeedbackEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: unknown;

  @Column({ type: 'uuid' })
  menteeId: string;

  @ManyToOne('MenteeEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mentee_id' })
  mentee?: unknown;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'author_id' })
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

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  /** The version the mentee acknowledged: an edit after it shows as `acknowledgedVersion < version`. */
  @Column({ type: 'integer', nullable: true })
  acknowledgedVersion: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
