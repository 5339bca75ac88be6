import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

/**
 * Everything the run must undo, undone in reverse order exactly once: on success, on error and
 * on Ctrl-C. Each step is bounded in time so that a stuck process cannot hang the cleanup. Steps
 * deferred after a run are undone by the next one.
 */
export class Cleanup {
  private readonly steps: { name: string; fn: () => Promise<void> | void }[] = [];
  private running: Promise<void> = Promise.resolve();

  defer(name: string, fn: () => Promise<void> | void): void {
    this.steps.push({ name, fn });
  }

  run(): Promise<void> {
    this.running = this.running.then(async () => {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        try {
          await withTimeout(Promise.resolve().then(step.fn), 30_000, step.name);
        } catch (error) {
          process.stderr.write(`cleanup: ${step.name}: ${String(error)}\n`);
        }
      }
    });
    return this.running;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A child process whose output is kept (the tail of it) to explain a failure. */
export interface Child {
  process: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export function start(command: string, args: string[], options: SpawnOptions): Child {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  return { process: child, output: () => output, exited };
}

/** SIGTERM, then SIGKILL if the process has not left within `graceMs`. */
export async function stop(child: Child, graceMs = 15_000): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const left = await Promise.race([child.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!left) {
    child.process.kill('SIGKILL');
    await child.exited;
  }
}

/** Resolves with the first line of output matching `pattern`; rejects if the process exits first. */
export function waitForOutput(child: Child, pattern: RegExp, timeoutMs: number): Promise<string> {
  const printed = child
    .output()
    .split('\n')
    .find((l) => pattern.test(l));
  if (printed !== undefined) return Promise.resolve(printed);
  return withTimeout(
    new Promise<string>((resolve, reject) => {
      let buffered = '';
      const onData = (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const line = buffered.split('\n').find((l) => pattern.test(l));
        if (line !== undefined) {
          child.process.stdout?.off('data', onData);
          resolve(line);
        }
      };
      child.process.stdout?.on('data', onData);
      void child.exited.then((code) =>
        reject(new Error(`exited (code ${code}) before printing ${pattern}:\n${child.output()}`)),
      );
    }),
    timeoutMs,
    `waiting for ${pattern}`,
  );
}

/** One GET over loopback; resolves with the status code (0 when nothing answers). */
export function probe(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Polls `url` every 20 ms until it answers 200; returns the elapsed time from `since` in ms. */
export async function waitForHttpOk(url: string, child: Child, since: number, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`exited before ${url} answered:\n${child.output()}`);
    if ((await probe(url)) === 200) return performance.now() - since;
    await sleep(20);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${child.output()}`);
}

/** Resident set size of a process in bytes, from /proc (Linux); undefined elsewhere. */
export function rssBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
