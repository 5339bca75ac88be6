import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const MAIN = resolve(__dirname, '../../dist/apps/api/src/main.js');

export interface Started {
  child: ChildProcess;
  output: () => string;
}

/** Starts the built API exactly as `npm start` does; with no DATABASE_URL it runs the embedded server. */
export async function startApi(env: Record<string, string | undefined>): Promise<Started> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    // Load and outage suites send more than a person would; the limits have a suite of their own.
    RATE_LIMIT_PER_ADDRESS: '1000000000',
    RATE_LIMIT_PER_USER: '1000000000',
  };
  for (const name of ['DATABASE_URL', 'NODE_ENV', 'JWT_SECRET', 'DEMO_DATA']) delete childEnv[name];
  Object.assign(childEnv, env);
  const child = spawn(process.execPath, [MAIN], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  // Embedded PostgreSQL, migrations and demo data: seconds when quiet, minutes on a loaded machine.
  const deadline = Date.now() + 180000;
  while (!out.includes('Leadpath listening')) {
    if (child.exitCode !== null) throw new Error(`exited early:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out };
}

export function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.once('exit', (code) => done(code));
  });
}

export function postgresPid(dataDir: string): number | undefined {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
