import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Phase } from './mentee.entity';

/** Every phase a mentee has entered, with who moved them and why; never edited. */
@Entity('phase_changes')
@Index(['organizationId', 'menteeId', 'changedAt'])
export class PhaseChangeEntity {
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

  @Column({ type: 'varchar', length: 32, nullable: true })
  fromPhase: Phase | null;

  @Column({ type: 'varchar', length: 32 })
  toPhase: Phase;

  @Column({ type: 'uuid' })
  changedBy: string;

  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'changed_by' })
  changer?: unknown;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
