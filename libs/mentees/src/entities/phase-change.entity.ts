import { Column, Entity, Index } from 'typeorm';
import { MenteeRecord, References, UuidColumn } from '@leadpath/platform/database';
import type { Phase } from './mentee.entity';

/** Every phase a mentee has entered, with who moved them and why; never edited. */
@Entity('phase_changes')
@Index(['organizationId', 'menteeId', 'changedAt'])
export class PhaseChangeEntity extends MenteeRecord {
  @Column({ type: 'varchar', length: 32, nullable: true })
  fromPhase: Phase | null;

  @Column({ type: 'varchar', length: 32 })
  toPhase: Phase;

  @UuidColumn()
  changedBy: string;

  @References('UserEntity', 'changed_by')
  changer?: unknown;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
