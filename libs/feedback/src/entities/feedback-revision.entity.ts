import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, References, TenantEntity, UuidColumn } from '@leadpath/platform/database';

/** What a feedback entry said before an edit: the whole previous version, ratings included. */
@Entity('feedback_revisions')
@Index(['feedbackId', 'version'], { unique: true })
export class FeedbackRevisionEntity extends TenantEntity {
  @UuidColumn()
  feedbackId: string;

  @References('FeedbackEntity', 'feedback_id', { onDelete: 'CASCADE' })
  feedback?: unknown;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;

  @UuidColumn()
  editedBy: string;

  @References('UserEntity', 'edited_by')
  editor?: unknown;

  @CreatedAtColumn()
  editedAt: Date;
}
