import { Check, Column, Entity, Index } from 'typeorm';
import { References, TimestampedMenteeRecord, UuidColumn } from '@leadpath/platform/database';

export const ASSIGNMENT_KINDS = [
  'lead_project',
  'mentor_junior',
  'run_meetings',
  'represent_team',
  'own_initiative',
  'other',
] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

export const ASSIGNMENT_STATUSES = ['planned', 'active', 'completed'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** A piece of leadership work taken on without the title; the people led can be asked about it. */
@Entity('assignments')
@Index(['organizationId', 'menteeId', 'createdAt', 'id'])
@Check(`kind IN ('lead_project','mentor_junior','run_meetings','represent_team','own_initiative','other')`)
@Check(`status IN ('planned','active','completed')`)
@Check(`cardinality(competency_keys) BETWEEN 1 AND 8`)
@Check(`ends_on IS NULL OR ends_on >= starts_on`)
export class AssignmentEntity extends TimestampedMenteeRecord {
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 32 })
  kind: AssignmentKind;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 48, array: true })
  competencyKeys: string[];

  @UuidColumn({ nullable: true })
  milestoneTemplateId: string | null;

  @References('MilestoneTemplateEntity', 'milestone_template_id', { onDelete: 'SET NULL' })
  milestoneTemplate?: unknown;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'varchar', length: 16, default: 'planned' })
  status: AssignmentStatus;

  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @UuidColumn()
  createdBy: string;

  @References('UserEntity', 'created_by')
  creator?: unknown;
}
