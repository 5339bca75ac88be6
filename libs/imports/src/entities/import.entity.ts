import { Check, Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, References, TenantEntity, UuidColumn } from '@leadpath/platform/database';

export const IMPORT_KINDS = ['people'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_STATUSES = ['previewed', 'applied', 'expired'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

/**
 * A file HR uploaded, as parsed and checked: the preview is what apply carries out, so the plan
 * (every row, its action and its problems) is kept as it was shown. `status` moves once, from
 * `previewed` to `applied` (or `expired` when apply comes too late).
 */
@Entity('imports')
@Index(['organizationId', 'createdAt', 'id'])
@Check(`kind IN (${list(IMPORT_KINDS)})`)
@Check(`status IN (${list(IMPORT_STATUSES)})`)
export class ImportEntity extends TenantEntity {
  @Column({ type: 'varchar', length: 16 })
  kind: ImportKind;

  @UuidColumn({ nullable: true })
  createdBy: string | null;

  @References('UserEntity', 'created_by', { onDelete: 'SET NULL' })
  creator?: unknown;

  @CreatedAtColumn()
  createdAt: Date;

  @Column({ type: 'varchar', length: 16, default: 'previewed' })
  status: ImportStatus;

  @Column({ type: 'jsonb' })
  plan: unknown;

  @Column({ type: 'integer' })
  creates: number;

  @Column({ type: 'integer' })
  updates: number;

  @Column({ type: 'integer' })
  unchanged: number;

  @Column({ type: 'integer' })
  errorCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt: Date | null;
}
