import { Check, Column, Entity, Index } from 'typeorm';
import { MenteeRecord, References, UuidColumn } from '@leadpath/platform/database';

/** A mentee's progress on one milestone template: status, evidence, and its verification. */
@Entity('mentee_milestones')
@Index(['menteeId', 'templateId'], { unique: true })
@Index(['organizationId', 'menteeId'])
@Check(`status IN ('in_progress','completed')`)
@Check(`verified_at IS NULL OR status = 'completed'`)
@Check(`cardinality(evidence_links) <= 10`)
export class MenteeMilestoneEntity extends MenteeRecord {
  @UuidColumn()
  templateId: string;

  @References('MilestoneTemplateEntity', 'template_id')
  template?: unknown;

  @Column({ type: 'varchar', length: 16 })
  status: 'in_progress' | 'completed';

  @Column({ type: 'varchar', length: 4000, nullable: true })
  evidenceText: string | null;

  @Column({ type: 'varchar', length: 500, array: true, default: () => "'{}'" })
  evidenceLinks: string[];

  @UuidColumn()
  recordedBy: string;

  @References('UserEntity', 'recorded_by')
  recorder?: unknown;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @UuidColumn({ nullable: true })
  verifiedBy: string | null;

  @References('UserEntity', 'verified_by')
  verifier?: unknown;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @UuidColumn({ nullable: true })
  revokedBy: string | null;

  @References('UserEntity', 'revoked_by')
  revoker?: unknown;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  revokeReason: string | null;
}
