import { Check, Column, Entity, Index } from 'typeorm';
import { TimestampedTenantEntity } from '@leadpath/platform/database';

export const COMPETENCY_CATEGORIES = ['core', 'underestimated'] as const;
export type CompetencyCategory = (typeof COMPETENCY_CATEGORIES)[number];

/** A competency of one organization's framework. Retired ones stay for history. */
@Entity('competencies')
@Index(['organizationId', 'key'], { unique: true })
@Check(`category IN ('core','underestimated')`)
@Check(`key ~ '^[a-z][a-z0-9_]{1,47}$'`)
export class CompetencyEntity extends TimestampedTenantEntity {
  @Column({ type: 'varchar', length: 48 })
  key: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  description: string;

  @Column({ type: 'varchar', length: 16, default: 'core' })
  category: CompetencyCategory;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
