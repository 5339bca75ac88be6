import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { fromDist, ROOT } from './dist';
import { start, stop, withTimeout, type Cleanup } from './processes';

type EmbeddedModule = typeof import('../../libs/platform/src/database/embedded-postgres');

export interface BenchServer {
  /** Where the server comes from, for the report. */
  description: string;
  /** A fresh, empty database on this server; returns its URL. Dropped (or discarded) afterwards. */
  createDatabase(): Promise<string>;
}

/** The same server, another database. */
function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function execute(url: string, sql: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, string>>(sql);
    return Object.values(rows[0] ?? {})[0] ?? '';
  } finally {
    await client.end();
  }
}

function databases(cleanup: Cleanup, adminUrl: string, dropAfterwards: boolean): () => Promise<string> {
  return async () => {
    const name = `leadpath_bench_${randomBytes(4).toString('hex')}`;
    await execute(adminUrl, `CREATE DATABASE ${name}`);
    if (dropAfterwards) {
      cleanup.defer(`drop ${name}`, async () => {
        await execute(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    }
    return withDatabase(adminUrl, name);
  };
}

/**
 * The PostgreSQL server of the run: the one DATABASE_URL names (its databases are created for
 * the run and dropped afterwards), or else an embedded one in a temporary folder (stopped and
 * removed afterwards), so that a machine with nothing but Node.js can run the benchmark.
 */
export async function openServer(cleanup: Cleanup, log: (line: string) => void): Promise<BenchServer> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const version = await execute(external, `SELECT current_setting('server_version')`);
    return {
      description: `external PostgreSQL ${version.split(' ')[0]} (DATABASE_URL)`,
      createDatabase: databases(cleanup, external, true),
    };
  }
  const { startEmbeddedPostgres } = fromDist<EmbeddedModule>('libs/platform/src/database/embedded-postgres');
  const dataDir = mkdtempSync(join(tmpdir(), 'leadpath-bench-'));
  cleanup.defer('remove the embedded data folder', () => rmSync(dataDir, { recursive: true, force: true }));
  const started = performance.now();
  let handle = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  cleanup.defer('stop the embedded PostgreSQL', () => handle.stop());
  // PostgreSQL's own time per statement (planning, execution) comes from pg_stat_statements,
  // which the server loads only at start: set it, then start again.
  await execute(handle.url, `ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
  await handle.stop();
  handle = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  // Its own settings exist only once it is loaded.
  await execute(handle.url, `ALTER SYSTEM SET pg_stat_statements.track_planning = on`);
  // The time of WAL flushes, which a synchronous commit waits for (pg_stat_wal.wal_sync_time).
  await execute(handle.url, `ALTER SYSTEM SET track_wal_io_timing = on`);
  await execute(handle.url, `SELECT pg_reload_conf()`);
  const version = await execute(handle.url, `SELECT current_setting('server_version')`);
  log(`embedded PostgreSQL ${version} ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return {
    description: `embedded PostgreSQL ${version.split(' ')[0]}`,
    createDatabase: databases(cleanup, handle.url, false),
  };
}

/** Applies the migrations with the project's own CLI, as an operator would. */
export async function migrate(url: string): Promise<void> {
  const child = start(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), 'migrate'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
  });
  const code = await withTimeout(child.exited, 120_000, 'migrate').catch(async (error: unknown) => {
    await stop(child);
    throw error;
  });
  if (code !== 0) throw new Error(`migrate failed (exit ${code}):\n${child.output()}`);
}
