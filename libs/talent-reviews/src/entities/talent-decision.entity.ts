import { Check, Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, References, ReferencesOne, TenantEntity, UuidColumn } from '@leadpath/platform/database';

export const DECISIONS = ['promote', 'not_yet', 'withdrawn'] as const;
export type Decision = (typeof DECISIONS)[number];
export const EVIDENCE_KINDS = ['milestone', 'feedback', 'assignment', 'goal'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * HR's decision on a nomination, with its reasons and the evidence it rests on. Never changed:
 * a correction is a new decision that supersedes the old one (a trigger refuses UPDATE and DELETE).
 */
@Entity('talent_decisions')
@Index(['organizationId', 'nominationId', 'decidedAt', 'id'])
@Check(`decision IN ('promote','not_yet','withdrawn')`)
export class TalentDecisionEntity extends TenantEntity {
  @UuidColumn()
  nominationId: string;

  @References('TalentNominationEntity', 'nomination_id', { onDelete: 'CASCADE' })
  nomination?: unknown;

  @Column({ type: 'varchar', length: 16 })
  decision: Decision;

  @Column({ type: 'varchar', length: 4000 })
  reason: string;

  /** `[{ kind, id }]`: records of the mentee the decision rests on. */
  @Column({ type: 'jsonb' })
  evidence: unknown;

  /** For `not_yet`: the goals created for the mentee, `[{ goalId, title, competency }]`. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  needed: unknown;

  @Column({ type: 'varchar', length: 32 })
  rubricVersion: string;

  @Column({ type: 'boolean', default: false })
  grantedManagerRole: boolean;

  @UuidColumn({ nullable: true })
  supersedesId: string | null;

  @ReferencesOne('TalentDecisionEntity', 'supersedes_id', { onDelete: 'CASCADE' })
  supersedes?: unknown;

  @UuidColumn({ nullable: true })
  decidedBy: string | null;

  @References('UserEntity', 'decided_by', { onDelete: 'SET NULL' })
  decider?: unknown;

  @CreatedAtColumn()
  decidedAt: Date;
}
