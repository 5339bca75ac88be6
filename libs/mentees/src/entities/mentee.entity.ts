import { Check, Column, Entity, Index } from 'typeorm';

import { References, TimestampedTenantEntity, UuidColumn } from '@leadpath/platform/database';
import { type Phase, PHASES } from '@leadpath/platform/domain';

export { PHASES, type Phase };
export const TRACKS = ['management', 'technical_leadership', 'undecided'] as const;
export type Track = (typeof TRACKS)[number];
export const TECHNICAL_FOUNDATIONS = [
  'system_administration',
  'network_engineering',
  'security_operations',
  'software_development',
  'cloud_engineering',
] as const;
export type TechnicalFoundation = (typeof TECHNICAL_FOUNDATIONS)[number];

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

@Entity('mentees')
@Index(['organizationId', 'createdAt', 'id'])
@Index(['organizationId', 'managerId'])
@Index(['organizationId', 'mentorId'])
@Check(`phase IN (${list(PHASES)})`)
@Check(`track IN (${list(TRACKS)})`)
@Check(`technical_foundation IN (${list(TECHNICAL_FOUNDATIONS)})`)
@Check(`mentor_id IS NULL OR (mentor_id <> manager_id AND mentor_id <> user_id)`)
@Check(`manager_id <> user_id`)
export class MenteeEntity extends TimestampedTenantEntity {
  @Index({ unique: true })
  @UuidColumn()
  userId: string;

  @References('UserEntity', 'user_id')
  user?: unknown;

  @UuidColumn()
  managerId: string;

  @References('UserEntity', 'manager_id')
  manager?: unknown;

  @UuidColumn({ nullable: true })
  mentorId: string | null;

  @References('UserEntity', 'mentor_id')
  mentor?: unknown;

  @Column({ type: 'varchar', length: 32, default: 'build_credibility' })
  phase: Phase;

  @Column({ type: 'varchar', length: 32, default: 'undecided' })
  track: Track;

  @Column({ type: 'varchar', length: 100, nullable: true })
  department: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  technicalFoundation: TechnicalFoundation | null;

  @Column({ type: 'date', nullable: true })
  careerStartDate: string | null;
}
