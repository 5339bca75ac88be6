import { Injectable } from '@nestjs/common';
import { type CursorPosition, Database, DEFAULT_SETTINGS, type Sql } from '@leadpath/platform';
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
const STALE = `(r.last_shared_on IS NULL OR r.last_shared_on < leadpath_today()
  - COALESCE((SELECT s.stale_feedback_days FROM organization_settings s WHERE s.organization_id = m.organization_id), ${DEFAULT_SETTINGS.staleFeedbackDays}))`;

/** Each mentee with their readiness from the read model (see the readiness library): a manager's home page in one request. */
const SELECT = `SELECT m.*, u.name, u.email,
       to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
       r.score, r.level, r.last_shared_on, ${STALE} AS stale, r.as_of AS readiness_as_of,
       (r.generation < COALESCE((SELECT g.generation FROM readiness_generations g WHERE g.organization_id = m.organization_id), 0)
        OR COALESCE(r.valid_until <= leadpath_now(), false)) AS readiness_pending
  FROM mentees m JOIN users u ON u.id = m.user_id
  LEFT JOIN mentee_readiness r ON r.mentee_id = m.id`;

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
    const [row] = await sql.query<MenteeRow>(`${SELECT} WHERE m.organization_id = $1 AND m.id = $2`, [
      organizationId,
      id,
    ]);
    return row;
  }

  async lock(sql: Sql, organizationId: string, id: string): Promise<MenteeRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await sql.query<MenteeRow>(`${SELECT} WHERE m.organization_id = $1 AND m.id = $2 FOR UPDATE OF m`, [
      organizationId,
      id,
    ]);
    return row;
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

  /**
   * A page of mentees. `scope` is the access policy's predicate over `m` (its parameters are
   * already in `params`), so a list never holds a mentee the caller may not see.
   */
  async list(
    organizationId: string,
    scope: string,
    params: unknown[],
    filter: MenteeFilter,
    limit: number,
    after?: CursorPosition,
  ): Promise<MenteeRow[]> {
    requireOrganization(organizationId);
    params.push(organizationId);
    const where = [`m.organization_id = $${params.length}`, scope];
    const add = (column: string, value: unknown) => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    };
    add('m.manager_id', filter.managerId);
    add('m.phase', filter.phase);
    add('m.track', filter.track);
    add('m.department', filter.department);
    add('r.level', filter.level);
    if (filter.stale !== undefined) where.push(filter.stale ? STALE : `NOT ${STALE}`);
    if (after) {
      params.push(after.at, after.id);
      where.push(`(m.created_at, m.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    return this.db.query<MenteeRow>(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY m.created_at, m.id LIMIT $${params.length}`,
      params,
    );
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
    const params: unknown[] = [organizationId, menteeId];
    let keyset = '';
    if (after) {
      params.push(after.at, after.id);
      keyset = `AND (p.changed_at, p.id) > ($3::timestamptz, $4::uuid)`;
    }
    params.push(limit + 1);
    return this.db.query<PhaseChangeRow>(
      `SELECT p.id, p.from_phase, p.to_phase, p.changed_by, u.name AS changed_by_name, p.note, p.changed_at,
              to_char(p.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM phase_changes p JOIN users u ON u.id = p.changed_by
        WHERE p.organization_id = $1 AND p.mentee_id = $2 ${keyset}
        ORDER BY p.changed_at, p.id LIMIT $${params.length}`,
      params,
    );
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
