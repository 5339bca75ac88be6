import { Injectable } from '@nestjs/common';
import { type CursorPosition, Database, type Sql } from '@leadpath/platform';
import type { GoalStatus } from './entities/goal.entity';

export interface GoalRow {
  id: string;
  mentee_id: string;
  title: string;
  competency_key: string;
  description: string | null;
  target_date: string | null;
  status: GoalStatus;
  overdue: boolean;
  latest_progress: number | null;
  status_changed_at: Date | string | null;
  confirmed_at: Date | string | null;
  confirmed_by: string | null;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  cursor_at: string;
}

export interface LockedGoal {
  status: GoalStatus;
  created_by: string;
  confirmed: boolean;
  mentee_id: string;
  mentee_user_id: string;
}

export interface CheckInRow {
  id: string;
  goal_id: string;
  progress: number;
  note: string | null;
  created_by: string;
  created_at: Date;
  cursor_at: string;
}

const CURSOR_AT = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

const SELECT = `SELECT g.id, g.mentee_id, g.title, g.competency_key, g.description, g.target_date, g.status,
       leadpath_overdue(g.status, g.target_date) AS overdue,
       (SELECT c.progress FROM goal_check_ins c WHERE c.goal_id = g.id ORDER BY c.created_at DESC, c.id DESC LIMIT 1) AS latest_progress,
       g.status_changed_at, g.confirmed_at, g.confirmed_by, g.created_by, g.created_at, g.updated_at, ${CURSOR_AT('g.created_at')}
  FROM goals g`;

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('goals repository called without an organization id');
}

@Injectable()
export class GoalsRepository {
  constructor(private readonly db: Database) {}

  async insert(
    sql: Sql,
    organizationId: string,
    g: {
      menteeId: string;
      title: string;
      competency: string;
      description: string | null;
      targetDate: string | null;
      by: string;
    },
  ): Promise<string> {
    requireOrganization(organizationId);
    const [row] = await sql.query<{ id: string }>(
      `INSERT INTO goals (organization_id, mentee_id, title, competency_key, description, target_date, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [organizationId, g.menteeId, g.title, g.competency, g.description, g.targetDate, g.by],
    );
    return row.id;
  }

  async findById(organizationId: string, id: string, sql: Sql = this.db): Promise<GoalRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await sql.query<GoalRow>(`${SELECT} WHERE g.organization_id = $1 AND g.id = $2`, [
      organizationId,
      id,
    ]);
    return row;
  }

  /** Locks the goal for a change; says who set it, whether it is confirmed and whose it is. */
  async lock(sql: Sql, organizationId: string, id: string): Promise<LockedGoal | undefined> {
    requireOrganization(organizationId);
    const [row] = await sql.query<LockedGoal>(
      `SELECT g.status, g.created_by, g.confirmed_at IS NOT NULL AS confirmed, g.mentee_id, m.user_id AS mentee_user_id
         FROM goals g JOIN mentees m ON m.organization_id = g.organization_id AND m.id = g.mentee_id
        WHERE g.organization_id = $1 AND g.id = $2 FOR UPDATE OF g`,
      [organizationId, id],
    );
    return row;
  }

  async confirm(sql: Sql, organizationId: string, id: string, by: string): Promise<void> {
    requireOrganization(organizationId);
    await sql.query(
      `UPDATE goals SET confirmed_at = clock_timestamp(), confirmed_by = $3, updated_at = now()
        WHERE organization_id = $1 AND id = $2 AND status = 'achieved' AND confirmed_at IS NULL`,
      [organizationId, id, by],
    );
  }

  async list(
    organizationId: string,
    menteeId: string,
    status: GoalStatus | undefined,
    limit: number,
    after?: CursorPosition,
  ): Promise<GoalRow[]> {
    requireOrganization(organizationId);
    const params: unknown[] = [organizationId, menteeId, status ?? null];
    let keyset = '';
    if (after) {
      params.push(after.at, after.id);
      keyset = 'AND (g.created_at, g.id) > ($4::timestamptz, $5::uuid)';
    }
    params.push(limit + 1);
    return this.db.query<GoalRow>(
      `${SELECT} WHERE g.organization_id = $1 AND g.mentee_id = $2 AND ($3::varchar IS NULL OR g.status = $3) ${keyset}
        ORDER BY g.created_at, g.id LIMIT $${params.length}`,
      params,
    );
  }

  async update(
    sql: Sql,
    organizationId: string,
    id: string,
    g: {
      title?: string;
      competency?: string;
      description?: string | null;
      targetDate?: string | null;
      status?: GoalStatus;
    },
    /** Who confirms an achievement set by this change (the line manager or HR), or null for a claim. */
    confirmedBy: string | null,
  ): Promise<void> {
    requireOrganization(organizationId);
    // A new status stamps the change; an achievement set by a confirmer is confirmed at the same
    // moment, a claim is not, and leaving `achieved` withdraws any confirmation.
    await sql.query(
      `UPDATE goals SET
          title = COALESCE($3, title),
          competency_key = COALESCE($4, competency_key),
          description = CASE WHEN $5 THEN $6 ELSE description END,
          target_date = CASE WHEN $7 THEN $8::date ELSE target_date END,
          status_changed_at = CASE WHEN $9::varchar IS NOT NULL AND $9 <> status THEN clock_timestamp() ELSE status_changed_at END,
          confirmed_at = CASE WHEN COALESCE($9, status) <> 'achieved' THEN NULL
                              WHEN $9::varchar IS NOT NULL AND $9 <> status THEN CASE WHEN $10::uuid IS NOT NULL THEN clock_timestamp() END
                              WHEN $9::varchar IS NOT NULL AND $10::uuid IS NOT NULL THEN COALESCE(confirmed_at, clock_timestamp())
                              ELSE confirmed_at END,
          confirmed_by = CASE WHEN COALESCE($9, status) <> 'achieved' THEN NULL
                              WHEN $9::varchar IS NOT NULL AND $9 <> status THEN $10::uuid
                              WHEN $9::varchar IS NOT NULL AND $10::uuid IS NOT NULL THEN COALESCE(confirmed_by, $10::uuid)
                              ELSE confirmed_by END,
          status = COALESCE($9, status),
          updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [
        organizationId,
        id,
        g.title ?? null,
        g.competency ?? null,
        g.description !== undefined,
        g.description ?? null,
        g.targetDate !== undefined,
        g.targetDate ?? null,
        g.status ?? null,
        confirmedBy,
      ],
    );
  }

  async insertCheckIn(
    sql: Sql,
    organizationId: string,
    c: { goalId: string; progress: number; note: string | null; by: string },
  ): Promise<CheckInRow> {
    requireOrganization(organizationId);
    const [row] = await sql.query<CheckInRow>(
      `INSERT INTO goal_check_ins (organization_id, goal_id, progress, note, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, clock_timestamp())
       RETURNING id, goal_id, progress, note, created_by, created_at, ${CURSOR_AT('created_at')}`,
      [organizationId, c.goalId, c.progress, c.note, c.by],
    );
    return row;
  }

  async checkIns(organizationId: string, goalId: string, limit: number, after?: CursorPosition): Promise<CheckInRow[]> {
    requireOrganization(organizationId);
    const params: unknown[] = [organizationId, goalId];
    let keyset = '';
    if (after) {
      params.push(after.at, after.id);
      keyset = 'AND (created_at, id) > ($3::timestamptz, $4::uuid)';
    }
    params.push(limit + 1);
    return this.db.query<CheckInRow>(
      `SELECT id, goal_id, progress, note, created_by, created_at, ${CURSOR_AT('created_at')}
         FROM goal_check_ins WHERE organization_id = $1 AND goal_id = $2 ${keyset}
        ORDER BY created_at, id LIMIT $${params.length}`,
      params,
    );
  }
}
