import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OrganizationOwned, References, ReferencesOne, UuidColumn } from '@leadpath/platform/database';

/**
 * The readiness read model: one row per mentee, a cache of READINESS_SQL. Every write that
 * changes an input refreshes its mentee's row in the same transaction; organization-wide
 * changes bump `readiness_generations` and rows expire at `validUntil`, and the background
 * recompute brings both back to the definition (see ReadModelRepository). Organization-wide
 * views read only this table.
 */
@Entity('mentee_readiness')
@Index(['organizationId', 'name', 'menteeId'])
@Index(['organizationId', 'level'])
@Index(['organizationId', 'lastSharedOn'])
@Index(['organizationId', 'staleSince'])
@Index(['organizationId', 'generation'])
@Index(['organizationId', 'validUntil'])
export class MenteeReadinessEntity extends OrganizationOwned {
  @PrimaryColumn({ type: 'uuid' })
  menteeId: string;

  @ReferencesOne('MenteeEntity', 'mentee_id', { onDelete: 'CASCADE' })
  mentee?: unknown;

  /** The mentee's name, copied so the export streams in name order from one index. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @UuidColumn()
  userId: string;

  @UuidColumn()
  managerId: string;

  @UuidColumn({ nullable: true })
  mentorId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  department: string | null;

  @Column({ type: 'varchar', length: 32 })
  track: string;

  /** The phase as of `asOf` (the latest phase change). */
  @Column({ type: 'varchar', length: 32 })
  phase: string;

  @Column({ type: 'smallint' })
  score: number;

  @Column({ type: 'varchar', length: 16 })
  level: string;

  @Column({ type: 'numeric' })
  m: string;

  @Column({ type: 'numeric' })
  c: string;

  @Column({ type: 'numeric' })
  g: string;

  @Column({ type: 'integer' })
  verified: number;

  @Column({ type: 'integer' })
  required: number;

  @Column({ type: 'integer' })
  competenciesRated: number;

  @Column({ type: 'integer' })
  competenciesTotal: number;

  @Column({ type: 'integer' })
  achievedGoals: number;

  @Column({ type: 'integer' })
  openGoals: number;

  @Column({ type: 'integer' })
  overdueGoals: number;

  /** Goals the mentee marked achieved that still await the manager's confirmation. */
  @Column({ type: 'integer', default: 0 })
  awaitingGoals: number;

  /** `{ competencyKey: mean | null }` over the active competencies. */
  @Column({ type: 'jsonb' })
  means: Record<string, number | null>;

  /** Required milestone templates of the phase not verified yet. */
  @Column({ type: 'uuid', array: true })
  unverified: string[];

  @Column({ type: 'date', nullable: true })
  lastSharedOn: string | null;

  /** The day the stale clock counts from: the later of the last shared feedback and enrolment. */
  @Column({ type: 'date', nullable: true })
  staleSince: string | null;

  @Column({ type: 'boolean' })
  stale: boolean;

  /** The latest self-assessment's suggested next step. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  selfSuggestion: string | null;

  /** `readiness_generations.generation` the row was computed under; older means a recompute is pending. */
  @Column({ type: 'bigint' })
  generation: string;

  @Column({ type: 'timestamptz' })
  asOf: Date;

  /** The earliest moment the value changes without a write; null when nothing is pending in time. */
  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;
}

/** Bumped by every organization-wide change to a readiness input (weights, stale days, the framework). */
@Entity('readiness_generations')
export class ReadinessGenerationEntity {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @References('OrganizationEntity', 'organization_id', { onDelete: 'CASCADE' })
  organization?: unknown;

  @Column({ type: 'bigint', default: 0 })
  generation: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}

/**
 * The read model summed per team (a manager and one department of their mentees), so the HR
 * summary aggregates teams rather than expanding every mentee's means and missing milestones.
 * `mean` cells: per competency key, how many rows carry it, how many have a mean, and the sum of
 * those means; `missing` cells: per required milestone template, how many rows lack it. The read
 * model's refresh keeps them in the same statement that writes the rows (see refreshQuery): it
 * subtracts what the rows held and adds what they hold now, so they always equal the rows summed.
 */
@Entity('readiness_team_cells')
export class ReadinessTeamCellEntity {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @References('OrganizationEntity', 'organization_id', { onDelete: 'CASCADE' })
  organization?: unknown;

  @PrimaryColumn({ type: 'uuid' })
  managerId: string;

  /** '' for mentees without a department, else '=' followed by it: a key that keeps the two apart. */
  @PrimaryColumn({ type: 'varchar', length: 101 })
  departmentKey: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  kind: 'mean' | 'missing';

  /** The competency key (`mean`) or the milestone template id (`missing`). */
  @PrimaryColumn({ type: 'varchar', length: 48 })
  key: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  department: string | null;

  /** Rows carrying the competency (`mean`), or missing the milestone (`missing`). */
  @Column({ type: 'integer' })
  mentees: number;

  /** Rows with a mean for the competency. */
  @Column({ type: 'integer' })
  rated: number;

  /** The sum of those means, exact. */
  @Column({ type: 'numeric' })
  total: string;
}
