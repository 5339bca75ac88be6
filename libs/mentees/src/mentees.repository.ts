import { Injectable } from '@nestjs/common';
import { sql, type Expression, type InferResult, type SqlBool } from 'kysely';
import {
  cursorAt,
  type CursorPosition,
  Database,
  DEFAULT_SETTINGS,
  newerThan,
  qb,
  run,
  type Sql,
} from '@leadpath/platform';
import type { Phase, TechnicalFoundation, Track } from './entities/mentee.entity';

export interface MenteeRow {
  id: string;
  organization_id: string;
  user_id: string;
  name: string;
  email: string;
  manager_id: string;
  mentor_id: string | null;
  phase: Phase;
  track: Track;
  department: string | null;
  technical_foundation: TechnicalFoundation | null;
  career_start_date: string | null;
  created_at: Date;
  updated_at: Date;
  cursor_at: string;
  /** From the readiness read model (null only before a mentee's first refresh). */
  score: number | null;
  level: string | null;
  last_shared_on: string | null;
  stale: boolean;
  readiness_as_of: Date | null;
  readiness_pending: boolean | null;
}

export interface PhaseChangeRow {
  id: string;
  from_phase: Phase | null;
  to_phase: Phase;
  changed_by: string;
  changed_by_name: string;
  note: string | null;
  changed_at: Date;
  cursor_at: string;
}

export interface MenteeFields {
  managerId: string;
  mentorId: string | null;
  phase: Phase;
  track: Track;
  department: string | null;
  technicalFoundation: TechnicalFoundation | null;
  careerStartDate: string | null;
}

export interface MenteeFilter {
  managerId?: string;
  phase?: Phase;
  track?: Track;
  department?: string;
  stale?: boolean;
  level?: string;
}

/**
 * Same rule as readiness's `feedback` gap (no shared feedback within the organization's stale
 * window), decided today from the read model's last shared feedback date: one primary-key look-up
 * per mentee instead of a search through their feedback.
 */
const stale = sql<boolean>`(r.last_shared_on IS NULL OR r.last_shared_on < leadpath_today()
  - COALESCE((SELECT s.stale_feedback_days FROM organization_settings s WHERE s.organization_id = m.organization_id), ${sql.lit(DEFAULT_SETTINGS.staleFeedbackDays)}))`;

/** The row waits for the background recompute: computed under an older framework, or expired. */
const pending = sql<
  boolean | null
>`(r.generation < COALESCE((SELECT g.generation FROM readiness_generations g WHERE g.organization_id = m.organization_id), 0)
  OR COALESCE(r.valid_until <= leadpath_now(), false))`;

/** Each mentee with their readiness from the read model (see the readiness library): a manager's home page in one request. */
function menteesWithReadiness(organizationId: string) {
  return qb
    .selectFrom('mentees as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('mentee_readiness as r', 'r.mentee_id', 'm.id')
    .selectAll('m')
    .select([
      'u.name',
      'u.email',
      cursorAt('m.created_at').as('cursor_at'),
      'r.score',
      'r.level',
      'r.last_shared_on',
      stale.as('stale'),
      'r.as_of as readiness_as_of',
      pending.as('readiness_pending'),
    ])
    .where('m.organization_id', '=', organizationId);
}

/** The phase, track and foundation columns hold only their lists' values (CHECK constraints). */
function asMenteeRow(row: InferResult<ReturnType<typeof menteesWithReadiness>>[number]): MenteeRow {
  return {
    ...row,
    phase: row.phase as Phase,
    track: row.track as Track,
    technical_foundation: row.technical_foundation as TechnicalFoundation | null,
    stale: row.stale === true,
  };
}

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('mentees repository called without an organization id');
}

@Injectable()
export class MenteesRepository {
  constructor(private readonly db: Database) {}

  async insert(sql: Sql, organizationId: string, userId: string, fields: MenteeFields): Promise<string> {
    requireOrganization(organizationId);
    const [row] = await sql.query<{ id: string }>(
      `INSERT INTO mentees (organization_id, user_id, manager_id, mentor_id, phase, track, department,
                            technical_foundation, career_start_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        organizationId,
        userId,
        fields.managerId,
        fields.mentorId,
        fields.phase,
        fields.track,
        fields.department,
        fields.technicalFoundation,
        fields.careerStartDate,
      ],
    );
    return row.id;
  }

  async findById(organizationId: string, id: string, sql: Sql = this.db): Promise<MenteeRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await run(sql, menteesWithReadiness(organizationId).where('m.id', '=', id));
    return row && asMenteeRow(row);
  }

  async lock(sql: Sql, organizationId: string, id: string): Promise<MenteeRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await run(sql, menteesWithReadiness(organizationId).where('m.id', '=', id).forUpdate('m'));
    return row && asMenteeRow(row);
  }

  async update(sql: Sql, organizationId: string, id: string, fields: MenteeFields): Promise<void> {
    requireOrganization(organizationId);
    await sql.query(
      `UPDATE mentees SET manager_id = $3, mentor_id = $4, phase = $5, track = $6, department = $7,
              technical_foundation = $8, career_start_date = $9, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [
        organizationId,
        id,
        fields.managerId,
        fields.mentorId,
        fields.phase,
        fields.track,
        fields.department,
        fields.technicalFoundation,
        fields.careerStartDate,
      ],
    );
  }

  /** A page of mentees the caller may see (`visible`, the access policy's predicate over `m`). */
  async list(
    organizationId: string,
    visible: Expression<SqlBool>,
    filter: MenteeFilter,
    limit: number,
    after?: CursorPosition,
  ): Promise<MenteeRow[]> {
    requireOrganization(organizationId);
    const query = menteesWithReadiness(organizationId)
      .where(visible)
      .$if(filter.managerId !== undefined, (q) => q.where('m.manager_id', '=', filter.managerId!))
      .$if(filter.phase !== undefined, (q) => q.where('m.phase', '=', filter.phase!))
      .$if(filter.track !== undefined, (q) => q.where('m.track', '=', filter.track!))
      .$if(filter.department !== undefined, (q) => q.where('m.department', '=', filter.department!))
      .$if(filter.level !== undefined, (q) => q.where('r.level', '=', filter.level!))
      .$if(filter.stale !== undefined, (q) => q.where(filter.stale ? stale : sql<boolean>`NOT ${stale}`))
      .$if(after !== undefined, (q) => q.where(newerThan('m.created_at', 'm.id', after!)))
      .orderBy('m.created_at')
      .orderBy('m.id')
      .limit(limit + 1);
    return (await run(this.db, query)).map(asMenteeRow);
  }

  async insertPhaseChange(
    sql: Sql,
    organizationId: string,
    change: { menteeId: string; from: Phase | null; to: Phase; changedBy: string; note: string | null },
  ): Promise<void> {
    requireOrganization(organizationId);
    await sql.query(
      `INSERT INTO phase_changes (organization_id, mentee_id, from_phase, to_phase, changed_by, note, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())`,
      [organizationId, change.menteeId, change.from, change.to, change.changedBy, change.note],
    );
  }

  async phaseHistory(
    organizationId: string,
    menteeId: string,
    limit: number,
    after?: CursorPosition,
  ): Promise<PhaseChangeRow[]> {
    requireOrganization(organizationId);
    const query = qb
      .selectFrom('phase_changes as p')
      .innerJoin('users as u', 'u.id', 'p.changed_by')
      .select([
        'p.id',
        'p.from_phase',
        'p.to_phase',
        'p.changed_by',
        'u.name as changed_by_name',
        'p.note',
        'p.changed_at',
        cursorAt('p.changed_at').as('cursor_at'),
      ])
      .where('p.organization_id', '=', organizationId)
      .where('p.mentee_id', '=', menteeId)
      .$if(after !== undefined, (q) => q.where(newerThan('p.changed_at', 'p.id', after!)))
      .orderBy('p.changed_at')
      .orderBy('p.id')
      .limit(limit + 1)
      .$narrowType<{ from_phase: Phase | null; to_phase: Phase }>();
    return run(this.db, query);
  }

  /** Users of the organization among `ids`, with what the mentee rules need to know. */
  async people(
    sql: Sql,
    organizationId: string,
    ids: string[],
  ): Promise<Map<string, { roles: string[]; active: boolean }>> {
    requireOrganization(organizationId);
    const rows = await sql.query<{ id: string; roles: string[]; active: boolean }>(
      'SELECT id, roles, active FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[])',
      [organizationId, ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}
