import type { Pool } from 'pg';

/** Tables whose rows a rejected request must never change (the audit trail records denials). */
const IGNORED = new Set(['audit_events', 'login_throttle', 'schema_migrations']);

/** One digest over every row of every other table: equal digests mean nothing changed. */
export async function tableChecksum(pool: Pool): Promise<string> {
  const { rows: tables } = await pool.query<{ relname: string }>(
    `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY relname`,
  );
  const parts = tables
    .map((t) => t.relname)
    .filter((name) => !IGNORED.has(name))
    .map(
      (name) => `(SELECT '${name}:' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ${name} t)`,
    );
  const { rows } = await pool.query<{ digest: string }>(`SELECT md5(concat_ws(',', ${parts.join(', ')})) AS digest`);
  return rows[0].digest;
}
