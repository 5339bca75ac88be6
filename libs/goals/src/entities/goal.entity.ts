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

export const GOAL_STATUSES = ['open', 'achieved', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** A readiness goal tied to one competency of the organization's framework. */
@Entity('goals')
@Index(['organizationId', 'menteeId', 'createdAt', 'id'])
@Check(`status IN ('open','achieved','dropped')`)
export class GoalEntity {
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

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 48 })
  competencyKey: string;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  description: string | null;

  @Column({ type: 'date', nullable: true })
  targetDate: string | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: GoalStatus;

  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  /** When the line manager or HR confirmed the achievement; a mentee's own `achieved` is a claim until then. */
  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  confirmedBy: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by' })
  creator?: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
