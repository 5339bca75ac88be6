import type { Pool } from 'pg';

/** A comparable description of the public schema: columns, constraints, indexes, triggers, functions. */
export async function describeSchema(pool: Pool): Promise<string[]> {
  const queries = [
    `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    `SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migrations'`,
    `SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
    `SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname || ' ' || pg_get_triggerdef(oid)
       FROM pg_trigger WHERE NOT tgisinternal`,
    `SELECT 'function ' || proname || ' ' || md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace`,
    `SELECT 'policy ' || tablename || ' ' || policyname || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '')
       FROM pg_policies WHERE schemaname = 'public'`,
    `SELECT 'rls ' || relname || ' ' || relrowsecurity || ' ' || relforcerowsecurity
       FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> 'schema_migrations'`,
  ];
  const lines: string[] = [];
  for (const sql of queries) {
    const { rows } = await pool.query<{ '?column?': string }>(sql);
    lines.push(...rows.map((r) => r['?column?']));
  }
  return lines.sort();
}
