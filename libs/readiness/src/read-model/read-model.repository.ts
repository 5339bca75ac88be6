import { Injectable } from '@nestjs/common';
import { sql, type RawBuilder, type Selectable } from 'kysely';
import { anyOf, qb, staleFeedbackDays, staleToday, type DB } from '@leadpath/platform/database';
import { readinessColumnsQuery } from '../readiness.sql';

/** The read model's columns a refresh writes, in the order REFRESH_SQL selects them. */
const COLUMNS = [
  'mentee_id',
  'organization_id',
  'name',
  'user_id',
  'manager_id',
  'mentor_id',
  'department',
  'track',
  'phase',
  'score',
  'level',
  'm',
  'c',
  'g',
  'verified',
  'required',
  'competencies_rated',
  'competencies_total',
  'achieved_goals',
  'open_goals',
  'overdue_goals',
  'awaiting_goals',
  'means',
  'unverified',
  'last_shared_on',
  'stale_since',
  'stale',
  'self_suggestion',
  'generation',
  'as_of',
  'valid_until',
] satisfies (keyof DB['mentee_readiness'])[];

/**
 * Writes the one definition's value for the given mentees into the read model. The generation is
 * read in the same statement, so it names exactly the framework the value was computed under: a
 * change committed after this statement's snapshot leaves the row pending. `at` stands for the
 * clock in tests.
 *
 * The same statement keeps `readiness_team_cells` (the rows summed per team) in step: it takes away
 * what the rows held before the statement and adds what they hold after it. The caller holds the
 * rows' locks (a writer locks them first, the recompute claims them), so "before" is what is
 * stored; the cells are written in key order, so two statements lock shared cells in one order.
 */
export function refreshQuery(organizationId: string, menteeIds: string[], at?: Date): RawBuilder<RefreshedRow> {
  const updates = sql.raw(
    COLUMNS.slice(1)
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', '),
  );
  // The name by primary key, row by row: a join lets the planner hash the organization's whole
  // user table for every batch.
  return sql`
WITH before AS (
  SELECT b.mentee_id, b.manager_id, b.department, b.means, b.unverified FROM mentee_readiness b
   WHERE b.organization_id = ${organizationId} AND b.mentee_id = ANY(${menteeIds}::uuid[])
),
after AS (
INSERT INTO mentee_readiness (${sql.raw(COLUMNS.join(', '))})
SELECT r.mentee_id, ${organizationId}::uuid, (SELECT u.name FROM users u WHERE u.id = r.user_id), r.user_id, r.manager_id, r.mentor_id,
       r.department, r.track, r.phase, r.score, r.level,
       r.m, r.c, r.g, r.verified, r.required, r.competencies_rated, r.competencies_total, r.achieved, r.open,
       r.overdue, r.awaiting, r.means, r.unverified, r.last_shared_on, r.stale_since, r.stale,
       (SELECT a.suggestion FROM assessments a WHERE a.organization_id = ${organizationId} AND a.mentee_id = r.mentee_id AND a.kind = 'self'
         ORDER BY a.created_at DESC, a.id DESC LIMIT 1),
       COALESCE((SELECT g.generation FROM readiness_generations g WHERE g.organization_id = ${organizationId}), 0),
       r.at, r.valid_until
  FROM (${readinessColumnsQuery({ organizationId, filter: { menteeIds }, at })}) r
ON CONFLICT (mentee_id) DO UPDATE SET ${updates}
RETURNING mentee_id, level, score, manager_id, department, means, unverified
),
-- Only the rows whose team, means or unverified milestones moved: a recompute after a weight
-- change moves none of them.
moved AS (
  SELECT b.mentee_id FROM before b JOIN after a USING (mentee_id)
   WHERE a.manager_id <> b.manager_id OR a.department IS DISTINCT FROM b.department
      OR a.means <> b.means OR a.unverified <> b.unverified
),
change AS (
  SELECT -1 AS sign, b.manager_id, b.department, b.means, b.unverified FROM before b
   WHERE b.mentee_id IN (SELECT mentee_id FROM moved)
  UNION ALL
  SELECT 1, a.manager_id, a.department, a.means, a.unverified FROM after a
   WHERE a.mentee_id IN (SELECT mentee_id FROM moved) OR a.mentee_id NOT IN (SELECT mentee_id FROM before)
),
delta AS (
  SELECT c.manager_id, c.department, 'mean' AS kind, e.key, sum(c.sign)::int AS mentees,
         COALESCE(sum(c.sign) FILTER (WHERE e.value IS NOT NULL), 0)::int AS rated,
         COALESCE(sum(c.sign * e.value::numeric), 0) AS total
    FROM change c, jsonb_each_text(c.means) e
   GROUP BY c.manager_id, c.department, e.key
  UNION ALL
  SELECT c.manager_id, c.department, 'missing', u::text, sum(c.sign)::int, 0, 0
    FROM change c, unnest(c.unverified) u
   GROUP BY c.manager_id, c.department, u
),
cells AS (
  INSERT INTO readiness_team_cells AS t (organization_id, manager_id, department_key, kind, key, department, mentees, rated, total)
  SELECT ${organizationId}::uuid, d.manager_id, CASE WHEN d.department IS NULL THEN '' ELSE '=' || d.department END,
         d.kind, d.key, d.department, d.mentees, d.rated, d.total
    FROM delta d
   WHERE d.mentees <> 0 OR d.rated <> 0 OR d.total <> 0
   ORDER BY 2, 3, 4, 5
  ON CONFLICT (organization_id, manager_id, department_key, kind, key) DO UPDATE
     SET mentees = t.mentees + EXCLUDED.mentees, rated = t.rated + EXCLUDED.rated, total = t.total + EXCLUDED.total
  RETURNING t.manager_id, t.department_key, t.kind, t.key, t.mentees, t.rated, t.total
)
SELECT a.mentee_id, a.level, a.score,
       (SELECT json_agg(json_build_object('manager_id', c.manager_id, 'department_key', c.department_key,
                                          'kind', c.kind, 'key', c.key))
          FROM cells c WHERE c.mentees = 0 AND c.rated = 0 AND c.total = 0) AS emptied
  FROM after a`;
}

/** A team cell, by its key within the organization. */
export type TeamCellKey = Pick<
  Selectable<DB['readiness_team_cells']>,
  'manager_id' | 'department_key' | 'kind' | 'key'
>;

/** A read-model row's level before a refresh. */
type LevelBefore = Pick<Selectable<DB['mentee_readiness']>, 'mentee_id' | 'level'>;

/** What a refresh wrote for one mentee. */
export type RefreshedRow = Pick<Selectable<DB['mentee_readiness']>, 'mentee_id' | 'level' | 'score'> & {
  /** The team cells this refresh brought to zero (a team that lost its last mentee with a key); the same on every row. */
  emptied: TeamCellKey[] | null;
};

/**
 * Deletes the team cells a refresh emptied, in the same transaction: the refresh holds their row
 * locks, so nothing can add to them in between; the zero test is repeated all the same.
 */
async function dropEmptiedCells(organizationId: string, refreshed: RefreshedRow[]): Promise<void> {
  const emptied = refreshed[0]?.emptied;
  if (!emptied || emptied.length === 0) return;
  await sql`DELETE FROM readiness_team_cells t
         USING jsonb_to_recordset(${JSON.stringify(emptied)}::jsonb)
               AS e(manager_id uuid, department_key varchar, kind varchar, key varchar)
         WHERE t.organization_id = ${organizationId} AND t.manager_id = e.manager_id
           AND t.department_key = e.department_key AND t.kind = e.kind AND t.key = e.key
           AND t.mentees = 0 AND t.rated = 0 AND t.total = 0`.execute(qb);
}

/** Runs the refresh statement and then drops the team cells it emptied. */
async function runRefresh(organizationId: string, menteeIds: string[], at?: Date): Promise<RefreshedRow[]> {
  const refreshed = (await refreshQuery(organizationId, menteeIds, at).execute(qb)).rows;
  await dropEmptiedCells(organizationId, refreshed);
  return refreshed;
}

/** A mentee whose readiness level moved in a refresh (a first computation is no move). */
export interface LevelChange {
  menteeId: string;
  from: string;
  to: string;
  score: number;
}

function levelChanges(before: LevelBefore[], after: RefreshedRow[]): LevelChange[] {
  const previous = new Map(before.map((r) => [r.mentee_id, r.level]));
  return after
    .filter((r) => previous.has(r.mentee_id) && previous.get(r.mentee_id) !== r.level)
    .map((r) => ({ menteeId: r.mentee_id, from: previous.get(r.mentee_id)!, to: r.level, score: r.score }));
}

/** The refresh compiled to text and values, for callers holding a plain connection (benchmarks). */
export function compileRefresh(organizationId: string, menteeIds: string[]): { sql: string; parameters: unknown[] } {
  const compiled = refreshQuery(organizationId, menteeIds).compile(qb);
  return { sql: compiled.sql, parameters: [...compiled.parameters] };
}

/**
 * Over the read model aliased `r`: no shared feedback within the organization's stale window and
 * enrolled before it, decided now from the row's `stale_since` (the later of the last shared
 * feedback and enrolment) and today's setting, so it holds even before an expired row is recomputed.
 */
export const staleRows = (organizationId: string) => staleToday(sql.ref('r.stale_since'), sql.val(organizationId));

/** The day from which shared feedback counts as recent, today, from the organization's setting. */
export const staleBefore = (organizationId: string) =>
  sql<string>`(leadpath_today() - ${staleFeedbackDays(sql.val(organizationId))})`;

/** Over the read model aliased `r`: rows waiting for the background recompute, now. */
export const pendingRows = (organizationId: string) => pending(organizationId);

/** Rows whose value may differ from the definition at `at` (now by default): computed under an older framework, or expired. */
const pending = (organizationId: string, at?: Date) =>
  sql<boolean>`(r.generation < COALESCE((SELECT g.generation FROM readiness_generations g WHERE g.organization_id = ${organizationId}), 0)
    OR r.valid_until <= COALESCE(${at?.toISOString() ?? null}::timestamptz, leadpath_clock()))`;

/**
 * Brings these mentees' rows to the definition, in the caller's transaction. Each row is locked
 * (in id order, so two writers cannot deadlock) before the value is computed, so the computing
 * statement sees every earlier writer's commit. `at` stands for the clock in tests.
 */
export async function refreshReadiness(organizationId: string, menteeIds: string[], at?: Date): Promise<LevelChange[]> {
  if (menteeIds.length === 0) return [];
  const ids = [...new Set(menteeIds)].sort();
  const before = await qb
    .selectFrom('mentee_readiness')
    .select(['mentee_id', 'level'])
    .where('organization_id', '=', organizationId)
    .where(anyOf('mentee_id', ids, 'uuid'))
    .orderBy('mentee_id')
    .forUpdate()
    .execute();
  return levelChanges(before, await runRefresh(organizationId, ids, at));
}

/**
 * The readiness read model's SQL: refresh some mentees in the caller's transaction, invalidate
 * a whole organization, and claim and recompute pending rows in batches.
 *
 * Per mentee, refreshes are serialised by the read-model row's lock: a writer locks the row
 * before computing, so its statement sees every earlier writer's commit; the recompute claims
 * rows with SKIP LOCKED, so it never waits for (nor overwrites) a writer that holds one.
 */
@Injectable()
export class ReadModelRepository {
  refresh(organizationId: string, menteeIds: string[], at?: Date): Promise<LevelChange[]> {
    return refreshReadiness(organizationId, menteeIds, at);
  }

  /** Refreshes the rows of the mentees who are this user (a renamed person). */
  async refreshUser(organizationId: string, userId: string): Promise<LevelChange[]> {
    const rows = await qb
      .selectFrom('mentees')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .execute();
    return this.refresh(
      organizationId,
      rows.map((r) => r.id),
    );
  }

  /** Marks every row of the organization pending: the background recompute brings them back. */
  async invalidate(organizationId: string): Promise<void> {
    await qb
      .insertInto('readiness_generations')
      .values({ organization_id: organizationId, generation: '1', changed_at: sql`now()` })
      .onConflict((conflict) =>
        conflict
          .column('organization_id')
          .doUpdateSet({ generation: sql`readiness_generations.generation + 1`, changed_at: sql`now()` }),
      )
      .execute();
  }

  /**
   * Claims up to `limit` pending rows of the organization after the mentee `after` (rows a writer
   * holds are skipped: the writer refreshes them) and recomputes them in the caller's transaction.
   * Returns the mentees recomputed, in mentee order. A drain passes each batch's
   * last mentee to the next, so it walks the primary key once instead of skipping the rows it has
   * already done on every batch.
   */
  async recomputeBatch(
    organizationId: string,
    limit: number,
    at?: Date,
    after?: string,
  ): Promise<{ menteeIds: string[]; changes: LevelChange[] }> {
    const claimed = (
      await sql<LevelBefore>`SELECT r.mentee_id, r.level FROM mentee_readiness r
        WHERE r.organization_id = ${organizationId} ${after === undefined ? sql`` : sql`AND r.mentee_id > ${after}::uuid`}
          AND ${pending(organizationId, at)}
        ORDER BY r.mentee_id LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(qb)
    ).rows;
    const menteeIds = claimed.map((r) => r.mentee_id);
    if (menteeIds.length === 0) return { menteeIds, changes: [] };
    const refreshed = await runRefresh(organizationId, menteeIds, at);
    return { menteeIds, changes: levelChanges(claimed, refreshed) };
  }
}
