import type { ClientBase } from 'pg';

export const ARCHIVE_FORMAT = 1;
export const MANIFEST_ENTRY = 'manifest.json';

/** What a backup holds, written into its archive and compared by the verification. */
export interface BackupManifest {
  format: typeof ARCHIVE_FORMAT;
  /** `base`: the embedded server's data folder (base backup + WAL); `dump`: `pg_dump -Fc` of the database. */
  kind: 'base' | 'dump';
  createdAt: string;
  serverVersion: string;
  serverVersionNum: number;
  database: string;
  /** The newest applied migration, and how many are applied. */
  migrationHead: string | null;
  migrations: number;
  /** Rows per table of the application's schema (`public`), when the backup was taken. */
  tables: Record<string, number>;
  /** Base backups: the WAL positions of the backup's start and end. */
  startLsn?: string;
  stopLsn?: string;
}

/** Every table of the `public` schema with its exact row count, as the connected role sees it. */
export async function countRows(client: ClientBase): Promise<Record<string, number>> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of rows) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const { rows: counted } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${quoted}`);
    counts[name] = Number(counted[0].n);
  }
  return counts;
}

export async function describeDatabase(
  client: ClientBase,
): Promise<Pick<BackupManifest, 'serverVersion' | 'serverVersionNum' | 'database' | 'migrationHead' | 'migrations'>> {
  const { rows } = await client.query<{ version: string; num: string; database: string; migrations: boolean }>(
    `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num,
            current_database() AS database, to_regclass('public.schema_migrations') IS NOT NULL AS migrations`,
  );
  const [{ version, num, database, migrations }] = rows;
  let head: string | null = null;
  let count = 0;
  if (migrations) {
    const { rows: applied } = await client.query<{ name: string; n: string }>(
      `SELECT (SELECT name FROM schema_migrations ORDER BY timestamp DESC, id DESC LIMIT 1) AS name,
              (SELECT count(*) FROM schema_migrations) AS n`,
    );
    head = applied[0].name;
    count = Number(applied[0].n);
  }
  return { serverVersion: version, serverVersionNum: Number(num), database, migrationHead: head, migrations: count };
}

/** Tables whose count differs between the manifest and what a restore holds. */
export function compareCounts(
  expected: Record<string, number>,
  actual: Record<string, number>,
): { table: string; expected: number | null; actual: number | null }[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names
    .filter((name) => expected[name] !== actual[name])
    .map((table) => ({ table, expected: expected[table] ?? null, actual: actual[table] ?? null }));
}

export function parseManifest(raw: Buffer | undefined, file: string): BackupManifest {
  if (!raw) throw new Error(`${file} is not a Leadpath backup: it has no ${MANIFEST_ENTRY}`);
  const manifest = JSON.parse(raw.toString('utf8')) as BackupManifest;
  if (manifest.format !== ARCHIVE_FORMAT || (manifest.kind !== 'base' && manifest.kind !== 'dump')) {
    throw new Error(`${file} is a backup of an unknown format (${String(manifest.format)}/${String(manifest.kind)})`);
  }
  return manifest;
}
