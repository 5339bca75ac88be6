import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@leadpath/platform';

const MAIN = resolve(__dirname, '../../dist/apps/api/src/main.js');

interface Started {
  child: ChildProcess;
  output: () => string;
}

/** Starts the built API exactly as `npm start` does, with no DATABASE_URL: the embedded path. */
async function start(dataDir: string, port: number): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, LEADPATH_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  delete env.JWT_SECRET;
  delete env.DEMO_DATA;
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60000;
  while (!out.includes('Leadpath listening')) {
    if (child.exitCode !== null) throw new Error(`exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    child.once('exit', (code) => done(code));
    child.kill('SIGTERM');
  });
}

function postgresPid(dataDir: string): number | undefined {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start with no DATABASE_URL (embedded PostgreSQL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadpath-start-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves readiness and docs, exits 0 on SIGTERM leaving no server, and reuses its data', async () => {
    expect(existsSync(MAIN)).toBe(true);
    const port = await freePort();
    const first = await start(dataDir, port);
    const pid = postgresPid(dataDir);
    expect(pid).toBeDefined();
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/docs`)).status).toBe(200);
    expect(first.output()).toMatch(/migrations applied now: [1-9]/);
    expect(await stop(first.child)).toBe(0);
    expect(alive(pid!)).toBe(false);
    expect(postgresPid(dataDir)).toBeUndefined();

    const second = await start(dataDir, port);
    expect(second.output()).toMatch(/migrations applied now: 0/);
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    expect(await stop(second.child)).toBe(0);
  });
});
