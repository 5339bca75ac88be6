import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromDist, ROOT } from './dist';
import { start, stop, waitForHttpOk, waitForOutput, sleep, type Child, type Cleanup } from './processes';

type EmbeddedModule = typeof import('../../libs/platform/src/database/embedded-postgres');
const { freePort } = fromDist<EmbeddedModule>('libs/platform/src/database/embedded-postgres');

/** How a TypeScript entry point of the benchmark is started (transpile only: the typecheck is `npm run typecheck`'s job). */
export const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

export const API_ENTRY = join(ROOT, 'dist/apps/api/src/main.js');

export interface Server {
  name: string;
  url: string;
  child: Child;
}

/** The environment every Leadpath start gets: production mode, quiet logs, loopback only, no demo data. */
export function leadpathEnv(port: number, jwtSecret: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    HOST: '127.0.0.1',
    PORT: String(port),
    JWT_SECRET: jwtSecret,
    // The limits stay on (their counting is measured) but never refuse the load generator.
    RATE_LIMIT_PER_ADDRESS: '1000000000',
    RATE_LIMIT_PER_USER: '1000000000',
    // The writes enqueue their nudges and webhook events (as the baseline does); nobody sends them
    // during the measurement, so neither side pays for the other's mail.
    JOBS_IN_PROCESS: 'false',
    ...extra,
  };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

/** The built API against the bench database, as `npm run start:prod` would run it. */
export async function startLeadpath(cleanup: Cleanup, databaseUrl: string, jwtSecret: string): Promise<Server> {
  const port = await freePort();
  const child = start(process.execPath, [API_ENTRY], {
    cwd: ROOT,
    env: leadpathEnv(port, jwtSecret, { DATABASE_URL: databaseUrl }),
  });
  cleanup.defer('stop Leadpath', () => stop(child));
  const url = `http://127.0.0.1:${port}`;
  await waitForOutput(child, /Leadpath listening/, 60_000);
  await waitForHttpOk(`${url}/health/ready`, child, performance.now(), 30_000);
  return { name: 'Leadpath', url, child };
}

/** The raw node:http + pg server doing the same work (bench/baseline/server.ts). */
export async function startBaseline(cleanup: Cleanup, databaseUrl: string, jwtSecret: string): Promise<Server> {
  const port = await freePort();
  const child = start(process.execPath, [...TS_NODE, join(ROOT, 'bench/baseline/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), JWT_SECRET: jwtSecret },
  });
  cleanup.defer('stop the baseline', () => stop(child));
  const url = `http://127.0.0.1:${port}`;
  await waitForOutput(child, /baseline listening/, 60_000);
  await waitForHttpOk(`${url}/health/ready`, child, performance.now(), 30_000);
  return { name: 'baseline', url, child };
}

export interface StartTiming {
  /** From spawning the process to the first 200 of /health/ready. */
  readyMs: number;
  /** What the API itself reports ("started in N ms"), from its first line of code to listening. */
  reportedMs: number;
}

/**
 * Starts the API with its embedded PostgreSQL in `dataDir` and times it; then stops it cleanly.
 * A fresh folder is a cold start (initdb, migrations); a second start in the same folder is warm.
 */
export async function timeStart(cleanup: Cleanup, dataDir: string, jwtSecret: string): Promise<StartTiming> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = start(process.execPath, [API_ENTRY], {
    cwd: ROOT,
    env: leadpathEnv(port, jwtSecret, { LEADPATH_DATA_DIR: dataDir }),
  });
  cleanup.defer('stop the timed API start', async () => {
    await stop(child);
    await stopOrphanedPostgres(dataDir);
  });
  try {
    const readyMs = await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`, child, spawnedAt, 60_000);
    const line = await waitForOutput(child, /started in \d+ ms/, 5_000).catch(() => child.output());
    const reportedMs = Number(/started in (\d+) ms/.exec(line)?.[1] ?? NaN);
    return { readyMs, reportedMs };
  } finally {
    await stop(child);
    await stopOrphanedPostgres(dataDir);
  }
}

/** If the API was killed rather than stopped, its embedded server may outlive it: stop that too. */
async function stopOrphanedPostgres(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, i === 0 ? 'SIGINT' : 0);
    } catch {
      return;
    }
    await sleep(100);
  }
}
