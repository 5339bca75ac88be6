import { Check, Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, References, TenantEntity, UuidColumn } from '@leadpath/platform/database';

/** Progress on a goal (0–100) with a note, as often as anyone wants to record it. */
@Entity('goal_check_ins')
@Index(['organizationId', 'goalId', 'createdAt', 'id'])
@Check(`progress BETWEEN 0 AND 100`)
export class GoalCheckInEntity extends TenantEntity {
  @UuidColumn()
  goalId: string;

  @References('GoalEntity', 'goal_id', { onDelete: 'CASCADE' })
  goal?: unknown;

  @Column({ type: 'smallint' })
  progress: number;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  @UuidColumn()
  createdBy: string;

  @References('UserEntity', 'created_by')
  creator?: unknown;

  @CreatedAtColumn()
  createdAt: Date;
}
