import { Injectable } from '@nestjs/common';
import { Database, type Sql } from '@leadpath/platform';
import { SWITCHES, SWITCH_COLUMN, type Switch } from './switches';

export type Preferences = Record<Switch, boolean>;

const SELECT_SWITCHES = SWITCHES.map((s) => `${SWITCH_COLUMN[s]} AS "${s}"`).join(', ');

export interface DigestLists {
  stale: { name: string; lastSharedOn: string | null }[];
  awaitingVerification: { name: string; milestone: string }[];
  overdueGoals: { name: string; goal: string; targetDate: string }[];
  awaitingConfirmation: { name: string; goal: string }[];
}

export interface BenchSummary {
  levels: { phase: string; level: string; mentees: number }[];
  moves: { fromPhase: string | null; toPhase: string; mentees: number }[];
  stale: number;
  mentees: number;
}

/** Every query runs in the caller's tenant unit of work (a request's or a job's). */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: Database) {}

  async preferences(userId: string, sql: Sql = this.db): Promise<Preferences> {
    const [row] = await sql.query<Preferences>(
      `SELECT ${SELECT_SWITCHES} FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
    return row ?? (Object.fromEntries(SWITCHES.map((s) => [s, true])) as Preferences);
  }

  async update(sql: Sql, organizationId: string, userId: string, patch: Partial<Preferences>): Promise<Preferences> {
    const values = SWITCHES.map((s) => patch[s] ?? null);
    const [row] = await sql.query<Preferences>(
      `INSERT INTO notification_preferences AS p (user_id, organization_id, ${SWITCHES.map((s) => SWITCH_COLUMN[s]).join(', ')})
       VALUES ($1, $2, ${SWITCHES.map((_, i) => `COALESCE($${i + 3}::boolean, true)`).join(', ')})
       ON CONFLICT (user_id) DO UPDATE SET
         ${SWITCHES.map((s, i) => `${SWITCH_COLUMN[s]} = COALESCE($${i + 3}::boolean, p.${SWITCH_COLUMN[s]})`).join(',\n         ')},
         updated_at = now()
       RETURNING ${SELECT_SWITCHES}`,
      [userId, organizationId, ...values],
    );
    return row;
  }

  /** The mentee's user, when they are active and have `switch` on. */
  async menteeRecipient(sql: Sql, menteeId: string, which: Switch): Promise<string | undefined> {
    const [row] = await sql.query<{ user_id: string }>(
      `SELECT m.user_id FROM mentees m JOIN users u ON u.id = m.user_id
         LEFT JOIN notification_preferences p ON p.user_id = m.user_id
        WHERE m.id = $1 AND u.active AND COALESCE(p.${SWITCH_COLUMN[which]}, true)`,
      [menteeId],
    );
    return row?.user_id;
  }

  /** Active users of the organization holding `role` with `switch` on. */
  async recipients(sql: Sql, organizationId: string, role: string, which: Switch): Promise<string[]> {
    const rows = await sql.query<{ id: string }>(
      `SELECT u.id FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
        WHERE u.organization_id = $1 AND u.active AND $2 = ANY (u.roles) AND COALESCE(p.${SWITCH_COLUMN[which]}, true)
        ORDER BY u.id`,
      [organizationId, role],
    );
    return rows.map((r) => r.id);
  }

  async isOn(sql: Sql, userId: string, which: Switch): Promise<boolean> {
    return (await this.preferences(userId, sql))[which];
  }

  /** Whether the user is already owed this digest (`period` names its week or month): a job that runs twice sends once. */
  async owed(sql: Sql, userId: string, kind: string, period: string): Promise<boolean> {
    const rows = await sql.query(
      `SELECT 1 FROM mail_deliveries WHERE recipient_id = $1 AND kind = $2 AND subject_id = $3 LIMIT 1`,
      [userId, kind, period],
    );
    return rows.length > 0;
  }

  async timeZone(organizationId: string, sql: Sql = this.db): Promise<string> {
    const [row] = await sql.query<{ time_zone: string }>(
      'SELECT time_zone FROM organization_settings WHERE organization_id = $1',
      [organizationId],
    );
    return row?.time_zone ?? 'UTC';
  }

  /**
   * A manager's week on `day` (the organization's local date): mentees they manage or mentor
   * without shared feedback in the stale window, and, for those they manage, milestones completed
   * and awaiting verification, overdue open goals and achievements awaiting confirmation.
   */
  async digest(sql: Sql, organizationId: string, managerId: string, day: string): Promise<DigestLists> {
    const params = [organizationId, managerId, day];
    const stale = await sql.query<{ name: string; last_shared_on: string | null }>(
      `SELECT u.name, to_char(l.last, 'YYYY-MM-DD') AS last_shared_on
         FROM mentees m JOIN users u ON u.id = m.user_id
         CROSS JOIN LATERAL (SELECT max(f.occurred_on) AS last FROM feedback f
                              WHERE f.mentee_id = m.id AND f.visibility = 'shared' AND f.occurred_on <= $3::date) l
        WHERE m.organization_id = $1 AND u.active AND (m.manager_id = $2 OR m.mentor_id = $2)
          AND (l.last IS NULL OR l.last < $3::date
               - COALESCE((SELECT s.stale_feedback_days FROM organization_settings s WHERE s.organization_id = $1), 30))
        ORDER BY l.last NULLS FIRST, u.name`,
      params,
    );
    const awaitingVerification = await sql.query<{ name: string; milestone: string }>(
      `SELECT u.name, t.title AS milestone
         FROM mentee_milestones mm JOIN mentees m ON m.id = mm.mentee_id JOIN users u ON u.id = m.user_id
         JOIN milestone_templates t ON t.id = mm.template_id
        WHERE mm.organization_id = $1 AND m.manager_id = $2 AND u.active AND mm.status = 'completed'
          AND mm.verified_at IS NULL AND t.retired_at IS NULL AND $3::date IS NOT NULL
        ORDER BY mm.recorded_at, u.name`,
      params,
    );
    const overdue = await sql.query<{ name: string; goal: string; target_date: string }>(
      `SELECT u.name, g.title AS goal, to_char(g.target_date, 'YYYY-MM-DD') AS target_date
         FROM goals g JOIN mentees m ON m.id = g.mentee_id JOIN users u ON u.id = m.user_id
        WHERE g.organization_id = $1 AND m.manager_id = $2 AND u.active AND g.status = 'open' AND g.target_date < $3::date
        ORDER BY g.target_date, u.name`,
      params,
    );
    const awaitingConfirmation = await sql.query<{ name: string; goal: string }>(
      `SELECT u.name, g.title AS goal
         FROM goals g JOIN mentees m ON m.id = g.mentee_id JOIN users u ON u.id = m.user_id
        WHERE g.organization_id = $1 AND m.manager_id = $2 AND u.active AND g.status = 'achieved'
          AND g.confirmed_at IS NULL AND $3::date IS NOT NULL
        ORDER BY g.status_changed_at, u.name`,
      params,
    );
    return {
      stale: stale.map((r) => ({ name: r.name, lastSharedOn: r.last_shared_on })),
      awaitingVerification,
      overdueGoals: overdue.map((r) => ({ name: r.name, goal: r.goal, targetDate: r.target_date })),
      awaitingConfirmation,
    };
  }

  /** The organization's bench on `day`: readiness levels by phase, phase moves since `since`, stale mentees. */
  async bench(sql: Sql, organizationId: string, day: string, since: Date): Promise<BenchSummary> {
    const levels = await sql.query<{ phase: string; level: string; mentees: number }>(
      `SELECT m.phase, COALESCE(r.level, 'pending') AS level, count(*)::int AS mentees
         FROM mentees m JOIN users u ON u.id = m.user_id LEFT JOIN mentee_readiness r ON r.mentee_id = m.id
        WHERE m.organization_id = $1 AND u.active
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [organizationId],
    );
    const moves = await sql.query<{ from_phase: string | null; to_phase: string; mentees: number }>(
      `SELECT c.from_phase, c.to_phase, count(DISTINCT c.mentee_id)::int AS mentees
         FROM phase_changes c WHERE c.organization_id = $1 AND c.changed_at >= $2
        GROUP BY 1, 2 ORDER BY 3 DESC, 2`,
      [organizationId, since],
    );
    const [{ stale, mentees }] = await sql.query<{ stale: number; mentees: number }>(
      `SELECT count(*) FILTER (WHERE l.last IS NULL OR l.last < $2::date
                 - COALESCE((SELECT s.stale_feedback_days FROM organization_settings s WHERE s.organization_id = $1), 30))::int AS stale,
              count(*)::int AS mentees
         FROM mentees m JOIN users u ON u.id = m.user_id
         CROSS JOIN LATERAL (SELECT max(f.occurred_on) AS last FROM feedback f
                              WHERE f.mentee_id = m.id AND f.visibility = 'shared' AND f.occurred_on <= $2::date) l
        WHERE m.organization_id = $1 AND u.active`,
      [organizationId, day],
    );
    return {
      levels,
      moves: moves.map((r) => ({ fromPhase: r.from_phase, toPhase: r.to_phase, mentees: r.mentees })),
      stale,
      mentees,
    };
  }

  /** What a nudge is about, read when it is sent (null: gone, or no longer something to tell). */
  async feedbackSubject(sql: Sql, id: string): Promise<{ author: string; occurred_on: string } | undefined> {
    const [row] = await sql.query<{ author: string; occurred_on: string }>(
      `SELECT a.name AS author, to_char(f.occurred_on, 'YYYY-MM-DD') AS occurred_on
         FROM feedback f JOIN users a ON a.id = f.author_id WHERE f.id = $1 AND f.visibility = 'shared'`,
      [id],
    );
    return row;
  }

  async milestoneSubject(
    sql: Sql,
    id: string,
  ): Promise<{ title: string; verified: boolean; revoked: boolean; by: string | null } | undefined> {
    const [row] = await sql.query<{ title: string; verified: boolean; revoked: boolean; by: string | null }>(
      `SELECT t.title, mm.verified_at IS NOT NULL AS verified, mm.revoked_at IS NOT NULL AS revoked,
              COALESCE(r.name, v.name) AS by
         FROM mentee_milestones mm JOIN milestone_templates t ON t.id = mm.template_id
         LEFT JOIN users v ON v.id = mm.verified_by LEFT JOIN users r ON r.id = mm.revoked_by AND mm.verified_at IS NULL
        WHERE mm.id = $1`,
      [id],
    );
    return row;
  }

  async goalSubject(sql: Sql, id: string): Promise<{ title: string; confirmed: boolean } | undefined> {
    const [row] = await sql.query<{ title: string; confirmed: boolean }>(
      `SELECT g.title, g.confirmed_at IS NOT NULL AND g.status = 'achieved' AS confirmed FROM goals g WHERE g.id = $1`,
      [id],
    );
    return row;
  }
}
