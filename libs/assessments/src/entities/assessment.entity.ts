import { Check, Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, MenteeRecord, References, UuidColumn } from '@leadpath/platform/database';

/** "Is management right for me?": nine signs answered 1–5, by the mentee or their line manager. */
@Entity('assessments')
@Index(['organizationId', 'menteeId', 'kind', 'createdAt'])
@Check(`kind IN ('self','manager')`)
@Check(`suggestion IN ('management','technical_leadership','undecided')`)
export class AssessmentEntity extends MenteeRecord {
  @Column({ type: 'varchar', length: 16 })
  kind: 'self' | 'manager';

  @UuidColumn()
  authorId: string;

  @References('UserEntity', 'author_id')
  author?: unknown;

  @Column({ type: 'jsonb' })
  answers: Record<string, number>;

  @Column({ type: 'numeric', precision: 5, scale: 3 })
  fit: string;

  @Column({ type: 'varchar', length: 32 })
  suggestion: string;

  @CreatedAtColumn()
  createdAt: Date;
}
