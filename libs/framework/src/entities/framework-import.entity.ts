import { Column, Entity, Index } from 'typeorm';
import { References, TimestampedTenantEntity, UuidColumn } from '@leadpath/platform/database';

/**
 * A framework import HR previewed: the framework the file describes (`plan`), what applying it
 * would change (`preview`) and the fingerprint of the framework the preview was computed on, so
 * an apply after another change to the framework is refused rather than applied blindly.
 */
@Entity('framework_imports')
@Index(['organizationId', 'createdAt'])
export class FrameworkImportEntity extends TimestampedTenantEntity {
  @Column({ type: 'varchar', length: 16 })
  format: string;

  @Column({ type: 'jsonb' })
  plan: unknown;

  @Column({ type: 'jsonb' })
  preview: unknown;

  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @UuidColumn({ nullable: true })
  createdBy: string | null;

  @References('UserEntity', 'created_by', { onDelete: 'SET NULL' })
  creator?: unknown;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt: Date | null;
}
