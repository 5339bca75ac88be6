import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@leadpath/platform/database';
import { exitCode, startApi, type Started } from '../support/processes';

/** A PostgreSQL the test can stop and start (see pg-control.js). */
class ControlledPostgres {
  private out = '';
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (d: Buffer) => (this.out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (this.out += d.toString()));
  }

  static async start(dataDir: string): Promise<{ pg: ControlledPostgres; url: string }> {
    const child = spawn(process.execPath, [resolve(__dirname, '../support/pg-control.js'), dataDir]);
    const pg = new ControlledPostgres(child);
    await pg.waitFor(/ready (\S+)/);
    return { pg, url: /ready (\S+)/.exec(pg.out)![1] };
  }

  async command(line: 'stop' | 'start' | 'exit', done: RegExp): Promise<void> {
    const before = this.out.length;
    this.child.stdin.write(`${line}\n`);
    await this.waitFor(done, before);
  }

  private async waitFor(pattern: RegExp, from = 0): Promise<void> {
    const deadline = Date.now() + 60000;
    while (!pattern.test(this.out.slice(from))) {
      if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`pg-control: ${this.out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async exit(): Promise<void> {
    this.child.stdin.write('exit\n');
    await exitCode(this.child);
  }
}

describe('database outage', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadpath-outage-'));
  let pg: ControlledPostgres;
  let url: string;
  let api: Started;
  let base: string;

  beforeAll(async () => {
    ({ pg, url } = await ControlledPostgres.start(dataDir));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = await startApi({
      DATABASE_URL: url,
      DEMO_DATA: 'true',
      PORT: String(port),
      DB_POOL_SIZE: '4',
      JWT_SECRET: 'outage-test-secret-outage-test-secret-0123',
    });
  });

  afterAll(async () => {
    api?.child.kill('SIGTERM');
    if (api) await exitCode(api.child);
    await pg?.exit();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails fast with 503 while PostgreSQL is down, recovers by itself, and loses or doubles no acknowledged write', async () => {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'maya.okafor@demo.leadpath.test', password: 'demo-leadpath-2026' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const mentees = ((await (await fetch(`${base}/api/v1/mentees`, { headers })).json()) as { items: { id: string }[] })
      .items;

    const acknowledged: string[] = [];
    const failures: { status: number; ms: number }[] = [];
    const readinessDuringOutage: number[] = [];
    let outageEndedAt = 0;
    let firstSuccessAfterOutage = 0;
    let stopWriters = false;

    // Each writer logs entries, retrying one entry with its Idempotency-Key until it is acknowledged.
    const writer = async (n: number) => {
      for (let i = 0; !stopWriters; i++) {
        const marker = `outage-${n}-${i}`;
        for (let attempt = 0; attempt < 200 && !stopWriters; attempt++) {
          const started = Date.now();
          let status = 0;
          try {
            const res = await fetch(`${base}/api/v1/mentees/${mentees[n % mentees.length].id}/feedback`, {
              method: 'POST',
              headers: { ...headers, 'idempotency-key': marker },
              body: JSON.stringify({
                occurredOn: new Date().toISOString().slice(0, 10),
                visibility: 'shared',
                ratings: [],
                strengths: marker,
              }),
              signal: AbortSignal.timeout(10000),
            });
            status = res.status;
          } catch {
            status = -1;
          }
          if (status === 201) {
            acknowledged.push(marker);
            if (outageEndedAt && !firstSuccessAfterOutage) firstSuccessAfterOutage = Date.now();
            break;
          }
          failures.push({ status, ms: Date.now() - started });
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const writers = Array.from({ length: 6 }, (_, n) => writer(n));

    await new Promise((r) => setTimeout(r, 1500));
    await pg.command('stop', /stopped/);
    const outageStartedAt = Date.now();
    while (Date.now() - outageStartedAt < 5000) {
      readinessDuringOutage.push((await fetch(`${base}/health/ready`)).status);
      await new Promise((r) => setTimeout(r, 500));
    }
    await pg.command('start', /started/);
    outageEndedAt = Date.now();
    const deadline = Date.now() + 15000;
    while (!firstSuccessAfterOutage && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    stopWriters = true;
    await Promise.all(writers);

    expect(readinessDuringOutage.length).toBeGreaterThan(3);
    expect(readinessDuringOutage.every((s) => s === 503)).toBe(true);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    // Requests failed fast and as 503, never as a 500 or a dropped connection. A hang would run into
    // the pool's 10 s connect timeout or the client's 10 s abort; the bound stays well below both
    // and far above what a loaded machine needs (about 2 s at a load average of 11), so the
    // machine's speed cannot decide the outcome.
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.filter((f) => f.status !== 503)).toEqual([]);
    expect(Math.max(...failures.map((f) => f.ms))).toBeLessThan(8000);
    // Recovered by itself within 5 s of the database.
    expect(firstSuccessAfterOutage).toBeGreaterThan(0);
    expect(firstSuccessAfterOutage - outageEndedAt).toBeLessThan(5000);
    // Every acknowledged write is there exactly once.
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ strengths: string; n: number }>(
        `SELECT strengths, count(*)::int AS n FROM feedback WHERE strengths LIKE 'outage-%' GROUP BY strengths`,
      );
      const counts = new Map(rows.map((r) => [r.strengths, r.n]));
      expect(acknowledged.length).toBeGreaterThan(10);
      expect(acknowledged.filter((m) => counts.get(m) !== 1)).toEqual([]);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await client.end();
    }
  });
});
