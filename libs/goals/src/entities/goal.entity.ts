import { Check, Column, Entity, Index } from 'typeorm';
import { References, TimestampedMenteeRecord, UuidColumn } from '@leadpath/platform/database';

export const GOAL_STATUSES = ['open', 'achieved', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** A readiness goal tied to one competency of the organization's framework. */
@Entity('goals')
@Index(['organizationId', 'menteeId', 'createdAt', 'id'])
@Check(`status IN ('open','achieved','dropped')`)
export class GoalEntity extends TimestampedMenteeRecord {
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

  @UuidColumn({ nullable: true })
  confirmedBy: string | null;

  @UuidColumn()
  createdBy: string;

  @References('UserEntity', 'created_by')
  creator?: unknown;
}
