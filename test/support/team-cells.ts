import type { Pool } from 'pg';

const round9 = (v: unknown) => (v === null ? null : Math.round(Number(v) * 1e9) / 1e9);

export interface TeamCell {
  manager_id: string;
  department_key: string;
  kind: string;
  key: string;
  department: string | null;
  mentees: number;
  rated: number;
  /** Rounded to 9 decimals: the kept sum and a fresh one may differ in trailing zeros only. */
  total: number | null;
}

/**
 * The organization's readiness team cells as kept by the read model's refresh, and the same cells
 * summed afresh from its read-model rows. A cell a refresh empties is deleted with it, so none is left at zero.
 */
export async function teamCells(pool: Pool, organizationId: string): Promise<{ kept: TeamCell[]; summed: TeamCell[] }> {
  const cell = (r: Omit<TeamCell, 'total'> & { total: string }): TeamCell => ({ ...r, total: round9(r.total) });
  const [kept, summed] = await Promise.all([
    pool.query<Omit<TeamCell, 'total'> & { total: string }>(
      `SELECT manager_id, department_key, kind, key, department, mentees, rated, total FROM readiness_team_cells
        WHERE organization_id = $1
        ORDER BY manager_id, department_key, kind, key`,
      [organizationId],
    ),
    pool.query<Omit<TeamCell, 'total'> & { total: string }>(
      `SELECT * FROM (
         SELECT r.manager_id, CASE WHEN r.department IS NULL THEN '' ELSE '=' || r.department END AS department_key,
                'mean' AS kind, e.key, r.department, count(*)::int AS mentees, count(e.value)::int AS rated,
                COALESCE(sum(e.value::numeric), 0) AS total
           FROM mentee_readiness r, jsonb_each_text(r.means) e WHERE r.organization_id = $1
          GROUP BY r.manager_id, r.department, e.key
         UNION ALL
         SELECT r.manager_id, CASE WHEN r.department IS NULL THEN '' ELSE '=' || r.department END, 'missing', u::text,
                r.department, count(*)::int, 0, 0
           FROM mentee_readiness r, unnest(r.unverified) u WHERE r.organization_id = $1
          GROUP BY r.manager_id, r.department, u) x
        ORDER BY manager_id, department_key, kind, key`,
      [organizationId],
    ),
  ]);
  return { kept: kept.rows.map(cell), summed: summed.rows.map(cell) };
}
