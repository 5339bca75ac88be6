import { Injectable } from '@nestjs/common';
import { Database, runSql, type Sql } from '@leadpath/platform';
import { readinessQuery, type ReadinessFilter, type ReadinessRow } from './readiness.sql';

/** Everything the progress view shows besides readiness, in one round trip. */
export interface JourneyRow {
  milestones: Record<string, unknown>[] | null;
  goals: Record<string, unknown>[] | null;
  recent_feedback: Record<string, unknown>[] | null;
  assessments: Record<string, unknown>[] | null;
}

@Injectable()
export class ReadinessRepository {
  constructor(private readonly db: Database) {}

  /** Readiness now (the last row per mentee) and at each of `earlier`. */
  compute(
    organizationId: string,
    filter: ReadinessFilter,
    earlier: Date[] = [],
    sql: Sql = this.db,
  ): Promise<ReadinessRow[]> {
    return runSql(sql, readinessQuery({ organizationId, filter, earlier }));
  }

  async journey(organizationId: string, menteeId: string): Promise<JourneyRow | undefined> {
    if (!organizationId) throw new Error('readiness query without an organization id');
    const [row] = await this.db.query<JourneyRow>(
      `SELECT
         (SELECT json_agg(x ORDER BY x.position, x.key) FROM (
            SELECT t.id AS template_id, t.key, t.phase, t.title, t.description, t.required, t.position,
                   r.id AS record_id, r.status, r.evidence_text, r.evidence_links, r.recorded_by, r.recorded_at,
                   r.verified_by, v.name AS verified_by_name, r.verified_at, r.revoked_at, r.revoke_reason
              FROM milestone_templates t
              LEFT JOIN mentee_milestones r ON r.template_id = t.id AND r.mentee_id = m.id
              LEFT JOIN users v ON v.id = r.verified_by
             WHERE t.organization_id = m.organization_id AND t.phase = m.phase AND t.retired_at IS NULL) x) AS milestones,
         (SELECT json_agg(x ORDER BY x.created_at, x.id) FROM (
            SELECT g.id, g.mentee_id, g.title, g.competency_key, g.description, g.target_date, g.status,
                   leadpath_overdue(g.status, g.target_date) AS overdue,
                   (SELECT c.progress FROM goal_check_ins c WHERE c.goal_id = g.id ORDER BY c.created_at DESC, c.id DESC LIMIT 1) AS latest_progress,
                   g.status_changed_at, g.confirmed_at, g.confirmed_by, g.created_by, g.created_at, g.updated_at
              FROM goals g
             WHERE g.mentee_id = m.id
               AND (g.status = 'open' OR g.id IN (SELECT id FROM goals WHERE mentee_id = m.id AND status <> 'open'
                                                  ORDER BY status_changed_at DESC NULLS LAST LIMIT 10))) x) AS goals,
         (SELECT json_agg(x ORDER BY x.occurred_on DESC, x.created_at DESC) FROM (
            SELECT f.id, f.mentee_id, f.author_id, a.name AS author_name, f.author_role, f.occurred_on, f.visibility,
                   COALESCE((SELECT json_agg(json_build_object('competency', r.competency_key, 'rating', r.rating) ORDER BY r.competency_key)
                               FROM feedback_ratings r WHERE r.feedback_id = f.id), '[]'::json) AS ratings,
                   f.strengths, f.gaps, f.next_steps, f.need_to_see, f.version, f.acknowledged_at, f.acknowledged_version, f.created_at, f.updated_at
              FROM feedback f JOIN users a ON a.id = f.author_id
             WHERE f.mentee_id = m.id AND f.visibility = 'shared'
             ORDER BY f.occurred_on DESC, f.created_at DESC LIMIT 5) x) AS recent_feedback,
         (SELECT json_agg(x) FROM (
            SELECT DISTINCT ON (a.kind) a.id, a.mentee_id, a.kind, a.author_id, a.answers, a.fit, a.suggestion, a.created_at
              FROM assessments a WHERE a.mentee_id = m.id ORDER BY a.kind, a.created_at DESC, a.id DESC) x) AS assessments
       FROM mentees m WHERE m.organization_id = $1 AND m.id = $2`,
      [organizationId, menteeId],
    );
    return row;
  }
}
