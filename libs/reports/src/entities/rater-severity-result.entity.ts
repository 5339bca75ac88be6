import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ReferencesOne } from '@leadpath/platform/database';

/**
 * The organization's last rater-severity fit, as the report shows it: computed in the background
 * (the `reports.rater-severity` job) so no request waits on the fit. `requestedAt` after
 * `computedAt` means a recompute is queued.
 */
@Entity('rater_severity_results')
export class RaterSeverityResultEntity {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @ReferencesOne('OrganizationEntity', 'organization_id', { onDelete: 'CASCADE' })
  organization?: unknown;

  /** The fit: raters, groups and the calibrated means per department and competency. */
  @Column({ type: 'jsonb', nullable: true })
  result: unknown;

  @Column({ type: 'timestamptz', nullable: true })
  computedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  requestedAt: Date | null;
}
