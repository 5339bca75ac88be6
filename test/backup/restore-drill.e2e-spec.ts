import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { Verification } from '@leadpath/backups';
import { freePort, runMigrations } from '@leadpath/platform/database';
import { exitCode, startApi } from '../support/processes';

const CLI = resolve(__dirname, '../../dist/apps/cli/src/main.js');

/** Runs a CLI command as an operator would (no DATABASE_URL: the embedded server of `dataDir`). */
function cli(args: string[], dataDir: string): Promise<{ code: number | null; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LEADPATH_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return exitCode(child).then((code) => ({ code, out }));
}

/** The embedded server of a data folder, kept running by a process of its own (see pg-control.js). */
class Server {
  private out = '';
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (d: Buffer) => (this.out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (this.out += d.toString()));
  }

  static async start(dataDir: string): Promise<{ server: Server; url: string }> {
    const server = new Server(spawn(process.execPath, [resolve(__dirname, '../support/pg-control.js'), dataDir]));
    const deadline = Date.now() + 120000;
    while (!/ready (\S+)/.test(server.out)) {
      if (server.child.exitCode !== null || Date.now() > deadline) throw new Error(`pg-control: ${server.out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return { server, url: /ready (\S+)/.exec(server.out)![1] };
  }

  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.stdin.write('exit\n');
    await exitCode(this.child);
  }
}

async function query<R extends object>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const MARKER_BEFORE = 'Drill marker taken before the backup';
const MARKER_AFTER = 'Drill marker written after the backup';

describe('restore drill (embedded server, base backup)', () => {
  const root = mkdtempSync(join(tmpdir(), 'leadpath-drill-'));
  const live = join(root, 'live');
  const restored = join(root, 'restored');
  const running: Server[] = [];
  let backupFile: string;
  let backupOutput: string;
  let liveUrl: string;

  beforeAll(async () => {
    const { server, url } = await Server.start(live);
    running.push(server);
    liveUrl = url;
    await runMigrations(url);
    await query(url, 'INSERT INTO organizations (name) VALUES ($1), ($1)', [MARKER_BEFORE]);
    // The backup runs while the server serves, as `npm run backup` beside a running Leadpath does.
    const taken = await cli(['backup'], live);
    backupOutput = taken.out;
    expect({ code: taken.code, out: taken.out }).toMatchObject({ code: 0 });
    await query(url, 'INSERT INTO organizations (name) VALUES ($1)', [MARKER_AFTER]);
    const files = readdirSync(join(live, 'backups')).filter((n) => n.endsWith('.tar.gz'));
    expect(files).toHaveLength(1);
    backupFile = join(live, 'backups', files[0]);
  });

  afterAll(async () => {
    // Every server this file started stops, whatever failed.
    for (const server of running) await server.exit().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  it('verifies the backup by restoring it into a scratch cluster and records the result', async () => {
    expect(backupOutput).toMatch(/backup verified: restored into a scratch cluster, \d+ rows in \d+ tables/);
    const runs = await query<{
      trigger: string;
      kind: string;
      status: string;
      file: string;
      verification: Verification;
    }>(liveUrl, 'SELECT trigger, kind, status, file, verification FROM backup_runs');
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run).toMatchObject({
      trigger: 'command',
      kind: 'base',
      status: 'verified',
      file: backupFile.split('/').pop(),
    });
    expect(run.verification).toMatchObject({ ok: true, restoredInto: 'cluster', mismatches: [] });
    // Every table of the application was restored and counted, the marker rows among them.
    const [{ n }] = await query<{ n: string }>(
      liveUrl,
      `SELECT count(*) AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')`,
    );
    expect(run.verification.tables).toBe(Number(n));
    expect(run.verification.rows).toBeGreaterThanOrEqual(2);
  });

  it('restores into an empty data folder: the rows before the backup present, those after absent', async () => {
    const result = await cli(['restore', backupFile], restored);
    expect(result.out).toContain('No pending migrations.');
    expect(result.out).toContain('erased again after restore: 0 people');
    expect(result.out).toContain('After restore: erasure log re-applied');
    expect(result.code).toBe(0);

    const { server, url } = await Server.start(restored);
    running.push(server);
    try {
      const names = await query<{ name: string }>(
        url,
        'SELECT name FROM organizations WHERE name IN ($1, $2) ORDER BY name',
        [MARKER_BEFORE, MARKER_AFTER],
      );
      expect(names.map((r) => r.name)).toEqual([MARKER_BEFORE, MARKER_BEFORE]);
      // Every migration of this version is applied on the restored data.
      expect(await runMigrations(url)).toEqual([]);
    } finally {
      await server.exit();
    }
  });

  it('refuses to restore into a data folder that holds data, and changes nothing', async () => {
    const before = readdirSync(join(restored, 'pg')).sort();
    const refused = await cli(['restore', backupFile], restored);
    expect(refused.code).toBe(3);
    expect(refused.out).toContain('is not empty');
    expect(refused.out).toContain('--replace');
    expect(readdirSync(join(restored, 'pg')).sort()).toEqual(before);
    expect(readdirSync(restored).filter((n) => n.startsWith('pg.'))).toEqual([]);
  });

  it('the app starts on the restored data with every migration applied', async () => {
    const port = await freePort();
    const api = await startApi({ LEADPATH_DATA_DIR: restored, DEMO_DATA: 'false', PORT: String(port) });
    try {
      expect(api.output()).toContain('migrations applied now: 0');
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
    } finally {
      api.child.kill('SIGTERM');
      await exitCode(api.child);
    }
    expect(existsSync(join(restored, 'pg', 'postmaster.pid'))).toBe(false);
  });
});
