import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { ClientBase } from 'pg';
import { countRows, describeDatabase, type BackupManifest } from './manifest';
import { withOwnerConnection } from './owner-connection';

const run = promisify(execFile);

/** The major version of a PostgreSQL client program on PATH, or undefined when there is none. */
export async function clientMajor(program: 'pg_dump' | 'pg_restore'): Promise<number | undefined> {
  try {
    // The environment as it is now (its PATH chooses the program), not as the process began.
    const { stdout } = await run(program, ['--version'], { env: process.env });
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout) ?? /(\d+)\.\d+/.exec(stdout);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Refuses, naming what to install, unless `program` can work with a server of `serverMajor`: the
 * PostgreSQL client programs read and write servers of their own major version or older.
 */
export async function requireClient(program: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<void> {
  const major = await clientMajor(program);
  if (major !== undefined && major >= serverMajor) return;
  const found = major === undefined ? `no ${program} is on PATH` : `the ${program} on PATH is version ${major}`;
  throw new Error(
    `Backing up and restoring an external PostgreSQL ${serverMajor} needs ${program} ${serverMajor} or newer, but ${found}. ` +
      `Install the PostgreSQL ${serverMajor} client programs (Debian/Ubuntu: apt-get install postgresql-client-${serverMajor}; ` +
      `the official postgres:${serverMajor} image has them) and put them first on PATH.`,
  );
}

function runProgram(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err = `${err}${d.toString()}`.slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${program} failed (${code}): ${err.trim()}`)),
    );
  });
}

export async function serverMajor(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT current_setting('server_version_num') AS n`);
  return Math.floor(Number(rows[0].n) / 10000);
}

/**
 * `pg_dump -Fc` of the database at `url` into `file`, from the same snapshot the row counts of the
 * manifest are read in (exported by a repeatable-read transaction held open during the dump).
 */
export async function takeDump(url: string, file: string): Promise<BackupManifest> {
  return withOwnerConnection(url, async (client) => {
    await requireClient('pg_dump', await serverMajor(client));
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    const description = await describeDatabase(client);
    const tables = await countRows(client);
    await runProgram('pg_dump', [
      '--format=custom',
      `--snapshot=${rows[0].snapshot}`,
      `--file=${file}`,
      `--dbname=${url}`,
    ]);
    await client.query('COMMIT');
    return { format: 1, kind: 'dump', createdAt: new Date().toISOString(), ...description, tables };
  });
}

/** `pg_restore` of a `pg_dump -Fc` file into the database at `url` (which must be empty unless `clean`). */
export async function restoreDump(file: string, url: string, options: { clean: boolean }): Promise<void> {
  await withOwnerConnection(url, async (client) => requireClient('pg_restore', await serverMajor(client)));
  await runProgram('pg_restore', [
    '--exit-on-error',
    '--single-transaction',
    ...(options.clean ? ['--clean', '--if-exists'] : []),
    `--dbname=${url}`,
    file,
  ]);
}
