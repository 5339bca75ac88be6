import { Check, Column, Entity, Index } from 'typeorm';
import { TimestampedTenantEntity } from '@leadpath/platform/database';

/** A milestone of one phase of an organization's framework; `required` ones count toward readiness. */
@Entity('milestone_templates')
@Index(['organizationId', 'key'], { unique: true })
@Index(['organizationId', 'phase', 'position'])
@Check(`phase IN ('build_credibility','lead_without_title','first_management_role','growing_scope')`)
@Check(`key ~ '^[a-z][a-z0-9_]{1,63}$'`)
export class MilestoneTemplateEntity extends TimestampedTenantEntity {
  @Column({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 32 })
  phase: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 8000, default: '' })
  description: string;

  @Column({ type: 'boolean', default: true })
  required: boolean;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
