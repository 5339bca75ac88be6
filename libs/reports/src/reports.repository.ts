import { Inject, Injectable } from '@nestjs/common';
import { sql, type InferResult, type RawBuilder } from 'kysely';
import type { PoolClient, QueryResultRow } from 'pg';
import Cursor from 'pg-cursor';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import {
  BatchStream,
  carried,
  Database,
  qb,
  type RowOf,
  selectList,
  type TenantSession,
} from '@leadpath/platform/database';
import { PHASES } from '@leadpath/platform/domain';
import { ledAssignmentCount } from '@leadpath/assignments';
import { pendingRows, staleBefore, staleRows, type Level, type ReadinessFilter } from '@leadpath/readiness';

/**
 * A department filter as people type or pick it: "platform " finds "Platform". Departments are
 * free text on the mentee, so case and stray spaces are not what tells two of them apart.
 */
export const sameDepartment = (column: RawBuilder<unknown>, department: string): RawBuilder<boolean> =>
  sql<boolean>`lower(btrim(${column})) = lower(btrim(${department}::varchar))`;

/**
 * One CSV row's worth of data, from the readiness read model, in the order of its
 * (organization_id, name, mentee_id) index: rows stream as the index yields them, with no sort
 * and nothing computed per row beyond three primary-key look-ups for the people's names and the
 * count of the mentee's completed assignments whose answers from the people led reach the threshold.
 * Only the filters given are added.
 */
export function exportQuery(organizationId: string, filter: ReadinessFilter) {
  if (!organizationId) throw new Error('export without an organization id');
  const { phase, managerId, department, level } = filter;
  return (
    qb
      .selectFrom('mentee_readiness as r')
      .select((eb) => [
        'r.mentee_id',
        'r.name',
        'r.phase',
        'r.track',
        'r.department',
        'r.score',
        'r.level',
        'r.m',
        'r.c',
        'r.g',
        'r.verified',
        'r.required',
        'r.means',
        'r.open_goals',
        'r.overdue_goals',
        'r.awaiting_goals',
        'r.last_shared_on',
        'r.self_suggestion',
        sql<string>`leadpath_today()`.as('day'),
        // The mentee's user and line manager always exist (foreign keys): their look-ups find a row.
        eb
          .selectFrom('users as u')
          .select('u.email')
          .whereRef('u.id', '=', 'r.user_id')
          .$asScalar()
          .$notNull()
          .as('email'),
        eb
          .selectFrom('users as u')
          .select('u.name')
          .whereRef('u.id', '=', 'r.manager_id')
          .$asScalar()
          .$notNull()
          .as('manager_name'),
        eb.selectFrom('users as u').select('u.name').whereRef('u.id', '=', 'r.mentor_id').as('mentor_name'),
        ledAssignmentCount('r.organization_id', 'r.mentee_id').as('led_assignments'),
      ])
      .where('r.organization_id', '=', organizationId)
      .$if(phase !== undefined, (q) => q.where('r.phase', '=', phase!))
      .$if(managerId !== undefined, (q) => q.where('r.manager_id', '=', managerId!))
      .$if(department !== undefined, (q) => q.where(sameDepartment(sql`r.department`, department!)))
      .$if(level !== undefined, (q) => q.where('r.level', '=', level!))
      .orderBy('r.organization_id')
      .orderBy('r.name')
      .orderBy('r.mentee_id')
      // The read model stores the level and the means the definition computed (its `level`, `means`).
      .$narrowType<{ level: Level; means: Record<string, number | null> }>()
  );
}

/** The export compiled to text and values, for callers holding a plain connection (the export stream, benchmarks). */
export function compileExport(organizationId: string, filter: ReadinessFilter): { sql: string; parameters: unknown[] } {
  const compiled = exportQuery(organizationId, filter).compile();
  return { sql: compiled.sql, parameters: [...compiled.parameters] };
}

/** One CSV row's worth of data (see `exportQuery`). */
export type ExportRow = InferResult<ReturnType<typeof exportQuery>>[number];

/** The read model's rows (`mentee_readiness r`) of the organization. */
const inOrganization = (organizationId: string) => sql<boolean>`r.organization_id = ${organizationId}`;

/**
 * The summary's columns over its CTEs (`counts` as `t`, `cells`), each with its type: `SummaryRow`
 * is derived from them.
 */
function summaryColumns(organizationId: string) {
  const org = inOrganization(organizationId);
  return {
    mentees: sql<number>`t.n`,
    phase_funnel: sql<
      { phase: string; track: string; mentees: number }[]
    >`(SELECT COALESCE(json_agg(json_build_object('phase', c.phase, 'track', c.track, 'mentees', c.n)
                            ORDER BY array_position(${[...PHASES]}::varchar[], c.phase), c.track), '[]')
     FROM counts c WHERE c.grouping = 1)`,
    levels: sql<
      Record<string, number>
    >`(SELECT COALESCE(json_object_agg(c.level, c.n), '{}') FROM counts c WHERE c.grouping = 6)`,
    heatmap: sql<
      { department: string | null; competency: string; mean: number | null; rated_mentees: number }[]
    >`(SELECT COALESCE(json_agg(h ORDER BY h.department NULLS LAST, h.competency), '[]') FROM (
     SELECT c.department, c.key AS competency, round(c.total / NULLIF(c.rated, 0), 2)::float8 AS mean,
            c.rated AS rated_mentees
       FROM cells c WHERE c.kind = 'mean') h)`,
    stale_count: sql<number>`(SELECT count(*)::int FROM mentee_readiness r WHERE ${org} AND ${staleRows(organizationId)})`,
    awaiting_goals: sql<number>`t.awaiting`,
    stale: sql<{ mentee_id: string; name: string; manager_id: string; last_shared_on: string | null }[]>`
  -- Never shared first, then the longest ago: each part read in order from the last-shared index.
  (SELECT COALESCE(json_agg(x ORDER BY x.last_shared_on NULLS FIRST, x.name, x.mentee_id), '[]') FROM (
     SELECT * FROM (
       (SELECT r.mentee_id, r.name, r.manager_id, r.last_shared_on FROM mentee_readiness r
         WHERE ${org} AND r.last_shared_on IS NULL AND r.stale_since < ${staleBefore(organizationId)}
         ORDER BY r.name, r.mentee_id LIMIT ${SUMMARY_STALE_LIMIT})
       UNION ALL
       (SELECT r.mentee_id, r.name, r.manager_id, r.last_shared_on FROM mentee_readiness r
         WHERE ${org} AND r.last_shared_on < ${staleBefore(organizationId)} AND r.stale_since < ${staleBefore(organizationId)}
         ORDER BY r.last_shared_on, r.name, r.mentee_id LIMIT ${SUMMARY_STALE_LIMIT})) s
      ORDER BY s.last_shared_on NULLS FIRST, s.name, s.mentee_id LIMIT ${SUMMARY_STALE_LIMIT}) x)`,
    missing_milestones: sql<
      { template_id: string; key: string; title: string; missing: number }[]
    >`(SELECT COALESCE(json_agg(x ORDER BY x.missing DESC, x.title), '[]') FROM (
     SELECT tpl.id AS template_id, tpl.key, tpl.title, c.missing
       FROM (SELECT c.key AS template_id, sum(c.mentees)::int AS missing
               FROM cells c WHERE c.kind = 'missing' GROUP BY c.key) c
       JOIN milestone_templates tpl ON tpl.organization_id = ${organizationId} AND tpl.id::text = c.template_id
      ORDER BY c.missing DESC, tpl.title LIMIT 10) x)`,
    as_of: carried<Date | null>('t'),
    pending: carried<number>('t'),
  };
}

/** The organization's dashboard, as `summaryQuery` reads it. */
export type SummaryRow = RowOf<ReturnType<typeof summaryColumns>>;

/**
 * The organization's dashboard from the read model: one pass over the organization's rows for
 * the counts (mentees, funnel, levels, awaiting goals, as of, pending), the department heatmap and the missing
 * milestones from the rows summed per team (`readiness_team_cells`, kept by the refresh), and the
 * stale mentees from the index on the last shared feedback, decided now from today's setting.
 */
function summaryQuery(organizationId: string): RawBuilder<SummaryRow> {
  const org = inOrganization(organizationId);
  const cells = sql`p.organization_id = ${organizationId}`;
  return sql<SummaryRow>`
WITH counts AS (
  SELECT GROUPING(r.phase, r.track, r.level) AS grouping, r.phase, r.track, r.level, count(*)::int AS n,
         COALESCE(sum(r.awaiting_goals), 0)::int AS awaiting, min(r.as_of) AS as_of,
         count(*) FILTER (WHERE ${pendingRows(organizationId)})::int AS pending
    FROM mentee_readiness r WHERE ${org}
   GROUP BY GROUPING SETS ((r.phase, r.track), (r.level), ())
),
-- The team cells summed per department in one pass, for the heatmap and the missing milestones.
-- A team's cell exists while one of its rows carries the competency or lacks the milestone.
cells AS (
  SELECT p.kind, p.department, p.key, sum(p.mentees)::int AS mentees, sum(p.rated)::int AS rated,
         sum(p.total) AS total
    FROM readiness_team_cells p WHERE ${cells} AND p.mentees > 0
   GROUP BY p.kind, p.department, p.key
)
SELECT ${selectList(summaryColumns(organizationId))}
  FROM counts t WHERE t.grouping = 7`;
}

/** A manager heatmap row's columns over the page of managers (`page`), each with its type. */
function managerColumns(organizationId: string, inDepartment: RawBuilder<unknown>) {
  return {
    manager_id: sql<string>`page.id`,
    manager_name: sql<string>`page.name`,
    cells: sql<
      { competency: string; mean: number | null; rated_mentees: number }[]
    >`(SELECT json_agg(h ORDER BY h.competency) FROM (
          SELECT p.key AS competency, round(sum(p.total) / NULLIF(sum(p.rated), 0), 2)::float8 AS mean,
                 sum(p.rated)::int AS rated_mentees
            FROM readiness_team_cells p
           WHERE p.organization_id = ${organizationId} AND p.manager_id = page.id AND p.kind = 'mean' AND p.mentees > 0
                 ${inDepartment}
           GROUP BY p.key) h)`,
  };
}

/** A line manager with their teams' competency means. */
export type ManagerHeatmapRowData = RowOf<ReturnType<typeof managerColumns>>;

/**
 * A page of line managers by name with their teams' competency means, summed from the team cells:
 * the managers whose team has a rated or unrated competency row, of one department's mentees when
 * asked, after the manager the cursor names.
 */
function managerHeatmapQuery(
  organizationId: string,
  page: { department?: string; after?: string; limit: number },
): RawBuilder<ManagerHeatmapRowData> {
  const inDepartment =
    page.department === undefined ? sql`` : sql`AND ${sameDepartment(sql`p.department`, page.department)}`;
  const after =
    page.after === undefined
      ? sql``
      : sql`AND (u.name, u.id) > (SELECT c.name, c.id FROM users c WHERE c.organization_id = ${organizationId} AND c.id = ${page.after})`;
  return sql<ManagerHeatmapRowData>`
WITH page AS (
  SELECT u.id, u.name FROM users u
   WHERE u.organization_id = ${organizationId}
     AND u.id IN (SELECT p.manager_id FROM readiness_team_cells p
                   WHERE p.organization_id = ${organizationId} AND p.kind = 'mean' AND p.mentees > 0 ${inDepartment})
     ${after}
   ORDER BY u.name, u.id LIMIT ${page.limit + 1})
SELECT ${selectList(managerColumns(organizationId, inDepartment))}
  FROM page ORDER BY page.name, page.id`;
}

/** A pick list's worth: an organization with more departments than this has bigger problems. */
export const DEPARTMENTS_LIMIT = 1000;

/** What `departments` reads: a department per spelling the filters match alike, with its mentees. */
function departmentsQuery(organizationId: string) {
  if (!organizationId) throw new Error('departments without an organization id');
  const trimmed = sql<string>`btrim(r.department)`;
  const matched = sql`lower(${trimmed})`;
  return qb
    .selectFrom('mentee_readiness as r')
    .select([
      sql<string>`mode() WITHIN GROUP (ORDER BY ${trimmed})`.as('name'),
      sql<number>`count(*)::int`.as('mentees'),
    ])
    .where('r.organization_id', '=', organizationId)
    .where(trimmed, '<>', sql.lit(''))
    .groupBy(matched)
    .orderBy(matched)
    .limit(DEPARTMENTS_LIMIT);
}

export type DepartmentRow = InferResult<ReturnType<typeof departmentsQuery>>[number];

/** How many stale mentees the summary lists by name; the full list is `GET /mentees?stale=true`. */
export const SUMMARY_STALE_LIMIT = 100;

export interface ExportCursor {
  /** The rows in batches of `EXPORT_BATCH`, the next one read ahead. */
  rows: BatchStream<ExportRow>;
  /** Ends the export: cancels a running query when the reader went away, frees the slot and the connection. */
  finish(aborted: boolean): Promise<void>;
}

/** Rows per round trip of the export's cursor. */
const EXPORT_BATCH = 500;

/** Two export slots per organization, held as session advisory locks: shared by every API instance. */
export const EXPORT_SLOTS = 2;

/** The first key of an organization's export slot locks (the slot number is the second). */
const exportLock = (organizationId: string) => sql<number>`hashtext(${`leadpath:export:${organizationId}`}::text)`;

/** Runs a `sql` template straight on the export's connection, as the stream that shares it does. */
async function onClient<R>(client: PoolClient, query: RawBuilder<R>): Promise<R[]> {
  const compiled = query.compile(qb);
  return (await client.query<R & QueryResultRow>(compiled.sql, [...compiled.parameters])).rows;
}

@Injectable()
export class ReportsRepository {
  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The organization's and the line manager's names, for the PDF's heading. */
  pdfNames(organizationId: string, menteeId: string): Promise<{ organization: string; manager: string }[]> {
    return qb
      .selectFrom('mentees as m')
      .innerJoin('organizations as o', 'o.id', 'm.organization_id')
      .innerJoin('users as u', 'u.id', 'm.manager_id')
      .select(['o.name as organization', 'u.name as manager'])
      .where('m.organization_id', '=', organizationId)
      .where('m.id', '=', menteeId)
      .execute();
  }

  async summary(organizationId: string): Promise<SummaryRow> {
    const [row] = (await summaryQuery(organizationId).execute(qb)).rows;
    return row;
  }

  /**
   * The organization's departments as the filters match them (case and stray spaces aside), each
   * under its most common spelling, with its mentees in the read model the export reads.
   */
  async departments(organizationId: string): Promise<DepartmentRow[]> {
    return departmentsQuery(organizationId).execute();
  }

  /** `limit + 1` managers, so the caller can tell whether a next page exists. */
  async managerHeatmap(
    organizationId: string,
    page: { department?: string; after?: string; limit: number },
  ): Promise<ManagerHeatmapRowData[]> {
    return (await managerHeatmapQuery(organizationId, page).execute(qb)).rows;
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
      const [row] = await onClient(
        client,
        sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${exportLock(organizationId)}, ${candidate}) AS ok`,
      );
      if (row?.ok) slot = candidate;
    }
    if (slot === undefined) return undefined;
    // For this transaction only: an export reads a whole organization, so it gets a longer
    // statement timeout than a request; and the rows must come in index order, never from a sort
    // that holds the first row back until the last is read.
    await onClient(
      client,
      sql`SELECT set_config('statement_timeout', ${String(this.config.exportStatementTimeoutMs)}, true),
                 set_config('enable_sort', 'off', true)`,
    );
    const compiled = compileExport(organizationId, filter);
    const rows = new BatchStream(client.query(new Cursor<ExportRow>(compiled.sql, compiled.parameters)), EXPORT_BATCH);
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
        await onClient(client, sql`SELECT pg_advisory_unlock(${exportLock(organizationId)}, ${slot})`);
        await session.end(true);
      } catch {
        await session.end(false).catch(() => undefined);
      }
    };
    return { rows, finish };
  }
}
