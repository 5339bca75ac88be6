import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A mentee's progress on one milestone template: status, evidence, and its verification. */
@Entity('mentee_milestones')
@Index(['menteeId', 'templateId'], { unique: true })
@Index(['organizationId', 'menteeId'])
@Check(`status IN ('in_progress','completed')`)
@Check(`verified_at IS NULL OR status = 'completed'`)
@Check(`cardinality(evidence_links) <= 10`)
export class MenteeMilestoneEntity {
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

  @Column({ type: 'uuid' })
  templateId: string;

  @ManyToOne('MilestoneTemplateEntity')
  @JoinColumn({ name: 'template_id' })
  template?: unknown;

  @Column({ type: 'varchar', length: 16 })
  status: 'in_progress' | 'completed';

  @Column({ type: 'varchar', length: 4000, nullable: true })
  evidenceText: string | null;

  @Column({ type: 'varchar', length: 500, array: true, default: () => "'{}'" })
  evidenceLinks: string[];

  @Column({ type: 'uuid' })
  recordedBy: string;

  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'recorded_by' })
  recorder?: unknown;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  verifiedBy: string | null;

  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'verified_by' })
  verifier?: unknown;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedBy: string | null;

  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'revoked_by' })
  revoker?: unknown;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  revokeReason: string | null;
}
