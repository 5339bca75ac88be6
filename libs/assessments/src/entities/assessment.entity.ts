import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** "Is management right for me?": nine signs answered 1–5, by the mentee or their line manager. */
@Entity('assessments')
@Index(['organizationId', 'menteeId', 'kind', 'createdAt'])
@Check(`kind IN ('self','manager')`)
@Check(`suggestion IN ('management','technical_leadership','undecided')`)
export class AssessmentEntity {
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

  @Column({ type: 'varchar', length: 16 })
  kind: 'self' | 'manager';

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'author_id' })
  author?: unknown;

  @Column({ type: 'jsonb' })
  answers: Record<string, number>;

  @Column({ type: 'numeric', precision: 5, scale: 3 })
  fit: string;

  @Column({ type: 'varchar', length: 32 })
  suggestion: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
