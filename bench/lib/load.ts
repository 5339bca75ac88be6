import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { RequestData } from 'autocannon';
import { cpuMs, databaseCpuBetween, databaseCpuSnapshot } from './cpu';
import { ROOT } from './dist';
import { requestJson } from './http';
import type { LoadJob, LoadReply, LoadResult } from './load-worker';
import { withTimeout, type Cleanup } from './processes';
import { TS_NODE, type Server } from './servers';
import { NO_TIMES, type StatementStats, type StatementTimes } from './statements';
import { fmt } from './stats';

/** The forked autocannon process (load-worker.ts), one job at a time. */
export class LoadGenerator {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<number, (reply: LoadReply) => void>();

  constructor(
    cleanup: Cleanup,
    private readonly connections: number,
  ) {
    this.child = fork(join(__dirname, 'load-worker.ts'), [], {
      cwd: ROOT,
      execArgv: TS_NODE,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: LoadReply) => this.pending.get(reply.id)?.(reply));
    cleanup.defer('stop the load generator', () => {
      this.child.kill();
    });
  }

  run(url: string, requests: RequestData[], durationSeconds: number): Promise<LoadResult> {
    const id = this.nextId++;
    const reply = new Promise<LoadResult>((resolve, reject) => {
      this.pending.set(id, (r) => {
        this.pending.delete(id);
        if ('error' in r) reject(new Error(r.error));
        else resolve(r.result);
      });
    });
    this.child.send({ id, url, connections: this.connections, durationSeconds, requests } satisfies LoadJob);
    return withTimeout(reply, (durationSeconds + 60) * 1000, `a ${durationSeconds} s load run`);
  }
}

export interface Scenario {
  name: string;
  expectStatus: number;
  /** Fields that legitimately differ between two answers (fresh ids, the time of computation). */
  volatile: string[];
  /** Built just before the scenario runs, so that its tokens are fresh. */
  requests(): RequestData[];
}

export interface RunSample extends LoadResult, StatementTimes {
  /** CPU time per successful request: the server process, and PostgreSQL (the server and its backends). */
  appCpuMs: number;
  dbCpuMs: number;
}

export type Runs = Map<string, RunSample[]>;

/** Paths where two JSON values differ, ignoring the named keys at any depth. */
function differences(a: unknown, b: unknown, ignore: Set<string>, path = '$'): string[] {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
  }
  if (Array.isArray(a) !== Array.isArray(b)) return [path];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter((k) => !ignore.has(k))
    .flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], ignore, `${path}.${k}`),
    );
}

/**
 * Before measuring: the first request of the scenario, sent to both servers, must succeed and
 * get the same answer from both, or the comparison would not be of the same work.
 */
async function checkSameWork(scenario: Scenario, servers: Server[]): Promise<void> {
  const [request] = scenario.requests();
  const replies = await Promise.all(
    servers.map((s) =>
      requestJson(`${s.url}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: typeof request.body === 'string' ? request.body : undefined,
      }),
    ),
  );
  replies.forEach((reply, i) => {
    if (reply.status !== scenario.expectStatus) {
      throw new Error(`${servers[i].name} answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 300)}`);
    }
  });
  const diff = differences(replies[0].body, replies[1].body, new Set(scenario.volatile));
  if (diff.length > 0) throw new Error(`the two servers answer differently at ${diff.slice(0, 5).join(', ')}`);
}

/**
 * One scenario: a check that both servers do the same work, a warm-up of each, then `rounds`
 * measured runs alternating between the servers (A B A B …).
 */
export async function measureScenario(
  scenario: Scenario,
  servers: Server[],
  load: LoadGenerator,
  timing: { warmupSeconds: number; durationSeconds: number; rounds: number },
  postmasterPid: number | undefined,
  stats: StatementStats | undefined,
  log: (line: string) => void,
): Promise<Runs> {
  const requests = scenario.requests();
  await checkSameWork(scenario, servers);
  for (const server of servers) await load.run(server.url, requests, timing.warmupSeconds);
  const runs: Runs = new Map(servers.map((s) => [s.name, []]));
  for (let round = 1; round <= timing.rounds; round++) {
    for (const server of servers) {
      const pid = server.child.process.pid ?? 0;
      await stats?.reset();
      const [app0, db0] = [cpuMs(pid), databaseCpuSnapshot(postmasterPid)];
      const result = await load.run(server.url, requests, timing.durationSeconds);
      const [app1, db1] = [cpuMs(pid), databaseCpuSnapshot(postmasterPid)];
      const times = stats ? await stats.read(result.ok) : NO_TIMES;
      const sample = {
        ...result,
        ...times,
        appCpuMs: (app1 - app0) / result.ok,
        dbCpuMs: databaseCpuBetween(db0, db1) / result.ok,
      };
      runs.get(server.name)!.push(sample);
      const failed = sample.failed + sample.errors;
      log(
        `  round ${round} ${server.name.padEnd(8)} ${fmt(sample.rps).padStart(6)} req/s  p50 ${fmt(sample.p50, 1)} ms` +
          `  p99 ${fmt(sample.p99, 1)} ms  CPU per request: app ${fmt(sample.appCpuMs, 2)} ms, db ${fmt(sample.dbCpuMs, 2)} ms` +
          `  (plan ${fmt(sample.planMs, 2)}, execute ${fmt(sample.execMs, 2)} ms; WAL flushes ${fmt(sample.flushes, 2)}, ` +
          `${fmt(sample.commitMs, 2)} ms)` +
          (failed > 0 ? `  FAILED ${failed} ${JSON.stringify(sample.statusCodes)}` : ''),
      );
    }
  }
  return runs;
}
