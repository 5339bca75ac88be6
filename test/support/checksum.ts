import type { Pool } from 'pg';

/** Tables whose rows a rejected request may change (the audit trail records denials). */
const IGNORED = new Set(['audit_events', 'login_throttle', 'schema_migrations', 'test_row_changes']);

const counting = new WeakMap<Pool, Promise<void>>();

/**
 * Makes the test database count every committed row change: a row trigger on every other table
 * appends a line to `test_row_changes` for each inserted or deleted row and for each updated row
 * whose text changed, and a statement trigger for each TRUNCATE. The line is written in the
 * changing transaction, so a rolled-back change leaves none. Appending never waits on a lock, so
 * concurrent writers are not serialized. Each test file has its own database, so only files that
 * ask for the count carry the triggers.
 */
function countChanges(pool: Pool): Promise<void> {
  let ready = counting.get(pool);
  if (!ready) {
    ready = (async () => {
      const { rows: tables } = await pool.query<{ relname: string }>(
        `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY relname`,
      );
      const triggers = tables
        .map((t) => t.relname)
        .filter((name) => !IGNORED.has(name))
        .map(
          (name) =>
            `CREATE TRIGGER test_row_changes AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION test_count_row_change();
             CREATE TRIGGER test_truncates AFTER TRUNCATE ON "${name}" FOR EACH STATEMENT EXECUTE FUNCTION test_count_row_change();`,
        );
      await pool.query(`
        CREATE TABLE test_row_changes (at timestamptz NOT NULL DEFAULT clock_timestamp());
        CREATE FUNCTION test_count_row_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
          SET search_path = public AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND OLD::text IS NOT DISTINCT FROM NEW::text THEN RETURN NULL; END IF;
          INSERT INTO test_row_changes DEFAULT VALUES;
          RETURN NULL;
        END $$;
        ${triggers.join('\n')}`);
    })();
    counting.set(pool, ready);
  }
  return ready;
}

/**
 * How many row changes the database has committed (outside the ignored tables) since the first
 * call: equal numbers mean nothing changed in between. It answers with one count instead of a
 * digest of every row of every table, so a test can check it around each of hundreds of requests.
 */
export async function tableChecksum(pool: Pool): Promise<string> {
  await countChanges(pool);
  const { rows } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM test_row_changes');
  return rows[0].n;
}
