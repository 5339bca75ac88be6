import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** What a feedback entry said before an edit: the whole previous version, ratings included. */
@Entity('feedback_revisions')
@Index(['feedbackId', 'version'], { unique: true })
export class FeedbackRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: unknown;

  @Column({ type: 'uuid' })
  feedbackId: string;

  @ManyToOne('FeedbackEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'feedback_id' })
  feedback?: unknown;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;

  @Column({ type: 'uuid' })
  editedBy: string;

  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'edited_by' })
  editor?: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  editedAt: Date;
}
