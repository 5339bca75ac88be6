import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** Progress on a goal (0–100) with a note, as often as anyone wants to record it. */
@Entity('goal_check_ins')
@Index(['organizationId', 'goalId', 'createdAt', 'id'])
@Check(`progress BETWEEN 0 AND 100`)
export class GoalCheckInEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: unknown;

  @Column({ type: 'uuid' })
  goalId: string;

  @ManyToOne('GoalEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'goal_id' })
  goal?: unknown;

  @Column({ type: 'smallint' })
  progress: number;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by' })
  creator?: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
