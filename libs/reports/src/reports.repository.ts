import { Injectable } from '@nestjs/common';
import QueryStream from 'pg-query-stream';
import { Database, type TenantSession } from '@leadpath/platform';
import { READINESS_SQL, readinessParams, type ReadinessFilter, type ReadinessRow } from '@leadpath/readiness';

/** One CSV row's worth of data: readiness plus the people's names and the latest self-assessment. */
export const EXPORT_SQL = `
SELECT r.mentee_id, r.phase, r.track, r.department, r.score, r.level, r.m, r.c, r.g, r.verified, r.required,
       r.competencies, r.open, r.overdue, r.last_shared_on, r.day,
       u.name, u.email, mg.name AS manager_name, mt.name AS mentor_name,
       (SELECT a.suggestion FROM assessments a WHERE a.mentee_id = r.mentee_id AND a.kind = 'self'
         ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS self_suggestion
  FROM (${READINESS_SQL}) r
  JOIN users u ON u.id = r.user_id
  JOIN users mg ON mg.id = r.manager_id
  LEFT JOIN users mt ON mt.id = r.mentor_id
 ORDER BY u.name, r.mentee_id`;

export type ExportRow = Pick<
  ReadinessRow,
  | 'mentee_id'
  | 'phase'
  | 'track'
  | 'department'
  | 'score'
  | 'level'
  | 'm'
  | 'c'
  | 'g'
  | 'verified'
  | 'required'
  | 'competencies'
  | 'open'
  | 'overdue'
  | 'last_shared_on'
  | 'day'
> & { name: string; email: string; manager_name: string; mentor_name: string | null; self_suggestion: string | null };

/** The organization's dashboard in one query over the readiness definition. */
const SUMMARY_SQL = `
WITH r AS (${READINESS_SQL})
SELECT
  (SELECT count(*)::int FROM r) AS mentees,
  (SELECT COALESCE(json_agg(x ORDER BY array_position(ARRAY['build_credibility','lead_without_title','first_management_role','growing_scope']::varchar[], x.phase), x.track), '[]')
     FROM (SELECT phase, track, count(*)::int AS mentees FROM r GROUP BY phase, track) x) AS phase_funnel,
  (SELECT COALESCE(json_object_agg(level, n), '{}') FROM (SELECT level, count(*)::int AS n FROM r GROUP BY level) x) AS levels,
  (SELECT COALESCE(json_agg(x ORDER BY x.department NULLS LAST, x.competency), '[]') FROM (
     SELECT r.department, ce->>'key' AS competency, round(avg((ce->>'mean')::numeric), 2)::float8 AS mean,
            count(ce->>'mean')::int AS rated_mentees
       FROM r, json_array_elements(r.competencies) ce GROUP BY r.department, ce->>'key') x) AS heatmap_department,
  (SELECT COALESCE(json_agg(x ORDER BY x.manager_name, x.competency), '[]') FROM (
     SELECT r.manager_id, u.name AS manager_name, ce->>'key' AS competency,
            round(avg((ce->>'mean')::numeric), 2)::float8 AS mean, count(ce->>'mean')::int AS rated_mentees
       FROM r JOIN users u ON u.id = r.manager_id, json_array_elements(r.competencies) ce
      GROUP BY r.manager_id, u.name, ce->>'key') x) AS heatmap_manager,
  (SELECT COALESCE(json_agg(x ORDER BY x.last_shared_on NULLS FIRST, x.name), '[]') FROM (
     SELECT r.mentee_id, u.name, r.manager_id, r.last_shared_on
       FROM r JOIN users u ON u.id = r.user_id WHERE r.stale) x) AS stale,
  (SELECT COALESCE(json_agg(x ORDER BY x.missing DESC, x.title), '[]') FROM (
     SELECT ue->>'templateId' AS template_id, ue->>'key' AS key, ue->>'title' AS title, count(*)::int AS missing
       FROM r, json_array_elements(r.unverified) ue GROUP BY 1, 2, 3 ORDER BY count(*) DESC, 3 LIMIT 10) x) AS missing_milestones`;

export interface SummaryRow {
  mentees: number;
  phase_funnel: { phase: string; track: string; mentees: number }[];
  levels: Record<string, number>;
  heatmap_department: { department: string | null; competency: string; mean: number | null; rated_mentees: number }[];
  heatmap_manager: {
    manager_id: string;
    manager_name: string;
    competency: string;
    mean: number | null;
    rated_mentees: number;
  }[];
  stale: { mentee_id: string; name: string; manager_id: string; last_shared_on: string | null }[];
  missing_milestones: { template_id: string; key: string; title: string; missing: number }[];
}

export interface ExportCursor {
  rows: QueryStream;
  /** Ends the export: cancels a running query when the reader went away, frees the slot and the connection. */
  finish(aborted: boolean): Promise<void>;
}

/** Two export slots per organization, held as session advisory locks: shared by every API instance. */
export const EXPORT_SLOTS = 2;

@Injectable()
export class ReportsRepository {
  constructor(private readonly db: Database) {}

  async summary(organizationId: string): Promise<SummaryRow> {
    const [row] = await this.db.query<SummaryRow>(SUMMARY_SQL, readinessParams(organizationId, {}));
    return row;
  }

  /**
   * Claims an export slot and opens a cursor over the export query in the caller's tenant
   * session, fetched in batches, so memory stays flat however large the organization. Returns
   * undefined when both slots are taken.
   */
  async openExport(session: TenantSession, filter: ReadinessFilter): Promise<ExportCursor | undefined> {
    const { client, organizationId } = session;
    let slot: number | undefined;
    for (let candidate = 1; candidate <= EXPORT_SLOTS && slot === undefined; candidate++) {
      const { rows } = await client.query<{ ok: boolean }>(
        `SELECT pg_try_advisory_lock(hashtext('leadpath:export:' || $1::text), $2) AS ok`,
        [organizationId, candidate],
      );
      if (rows[0]?.ok) slot = candidate;
    }
    if (slot === undefined) return undefined;
    const rows = client.query(new QueryStream(EXPORT_SQL, readinessParams(organizationId, filter), { batchSize: 250 }));
    let finished = false;
    const finish = async (aborted: boolean) => {
      if (finished) return;
      finished = true;
      if (aborted) {
        // The reader left mid-export: stop the server-side work; ending the session drops the connection.
        this.db.cancel(client);
        client.release(true);
        return;
      }
      try {
        await client.query('SELECT pg_advisory_unlock(hashtext($1::text), $2)', [
          `leadpath:export:${organizationId}`,
          slot,
        ]);
        await session.end(true);
      } catch {
        await session.end(false).catch(() => undefined);
      }
    };
    return { rows, finish };
  }
}
