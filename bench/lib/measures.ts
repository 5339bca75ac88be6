import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { copyOut, inlineParameters, type CopyStats } from './copy-out';
import { fromDist } from './dist';
import { download, requestJson, type Download } from './http';
import { rssBytes, type Cleanup } from './processes';
import { tokenFor, type Actors } from './scenarios';
import { timeStart, type Server, type StartTiming } from './servers';
import { fmt, median, megabytes, seconds } from './stats';
import { tenantTransaction } from './tenant';

type ReportsRepositoryModule = typeof import('../../libs/reports/src/reports.repository');

// ---- export --------------------------------------------------------------------------------------

export interface ExportRound {
  /** Undefined when the API's export failed (the reason is in `error`). */
  leadpath?: Download & { rssGrowthBytes: number };
  error?: string;
  copy: CopyStats;
}

/** Peak resident memory of a process while `work` runs, polled every 10 ms from /proc. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = rssBytes(pid) ?? NaN;
  let peak = before;
  const sample = () => (peak = Math.max(peak, rssBytes(pid) ?? NaN));
  const timer = setInterval(sample, 10);
  try {
    const result = await work();
    sample();
    return { result, growth: peak - before };
  } finally {
    clearInterval(timer);
  }
}

/** The API's CSV export of a whole organization, with its peak memory growth; throws unless complete. */
async function exportThroughApi(leadpath: Server, token: string, stallSeconds: number) {
  const { result, growth } = await peakRss(leadpath.child.process.pid ?? 0, () =>
    download(`${leadpath.url}/api/v1/reports/readiness.csv`, { authorization: `Bearer ${token}` }, stallSeconds * 1000),
  );
  if (result.status !== 200) throw new Error(`answered ${result.status}`);
  if (!result.complete) throw new Error('the stream ended before the last row');
  return { ...result, rssGrowthBytes: growth };
}

/**
 * The CSV export of the whole organization through the API, against PostgreSQL producing the same
 * rows with COPY … TO STDOUT over one connection: the least any exporter can do. A failed API
 * export is recorded, not retried (a stuck one would only stall again), and COPY is still measured.
 */
export async function measureExport(
  leadpath: Server,
  databaseUrl: string,
  actors: Actors,
  secret: string,
  options: { rounds: number; stallSeconds: number },
  log: (line: string) => void,
): Promise<ExportRound[]> {
  const { compileExport } = fromDist<ReportsRepositoryModule>('libs/reports/src/reports.repository');
  const exportSql = compileExport(actors.organizationId, {});
  const copySql = inlineParameters(exportSql.sql, exportSql.parameters);
  // Without JIT, as the API's connections (data-source-options.ts): the same work.
  const client = new Client({ connectionString: databaseUrl, options: '-c jit=off' });
  await client.connect();
  // Under row-level security the API's export runs in a tenant transaction; so does the reference.
  const begin = await tenantTransaction(client);
  const copy = async () => {
    if (begin) await client.query(begin(actors.organizationId));
    try {
      return await copyOut(client, copySql);
    } finally {
      if (begin) await client.query('COMMIT');
    }
  };
  try {
    await copy(); // warm-up: the first pass reads the tables into the caches
    const rounds: ExportRound[] = [];
    let failure: string | undefined;
    for (let round = 1; round <= options.rounds; round++) {
      let leadpathResult: ExportRound['leadpath'];
      if (!failure) {
        const token = tokenFor(secret, actors.organizationId, actors.hrAdminId);
        leadpathResult = await exportThroughApi(leadpath, token, options.stallSeconds).catch((error: unknown) => {
          failure = error instanceof Error ? error.message : String(error);
          return undefined;
        });
      }
      const reference = await copy();
      rounds.push({ leadpath: leadpathResult, error: failure, copy: reference });
      const api = leadpathResult
        ? `${seconds(leadpathResult.totalMs)} (first byte ${fmt(leadpathResult.firstByteMs)} ms, ` +
          `${megabytes(leadpathResult.bytes)}, RSS +${megabytes(leadpathResult.rssGrowthBytes)})`
        : `FAILED: ${failure}`;
      log(
        `  round ${round} Leadpath ${api}  COPY ${seconds(reference.totalMs)} ` +
          `(first byte ${fmt(reference.firstByteMs)} ms, ${megabytes(reference.bytes)})`,
      );
    }
    return rounds;
  } finally {
    await client.end();
  }
}

// ---- readiness scaling -----------------------------------------------------------------------------

export interface ReadinessScaling {
  smallMs: number;
  largeMs: number;
}

/**
 * Readiness of one typical mentee of the large organization and of the small reference one (each
 * in its own database, served by its own API process), one request at a time and alternately so
 * that drift hits both alike. Bounded in count and in time (two minutes).
 */
export async function measureReadinessScaling(
  largeApi: Server,
  smallApi: Server,
  secret: string,
  small: Actors,
  large: Actors,
  samples: number,
): Promise<ReadinessScaling> {
  const targets = [
    { api: smallApi, actors: small },
    { api: largeApi, actors: large },
  ].map(({ api, actors: a }) => ({
    url: `${api.url}/api/v1/mentees/${a.typical.menteeId}/readiness`,
    headers: { authorization: `Bearer ${tokenFor(secret, a.organizationId, a.typical.managerId)}` },
    times: [] as number[],
  }));
  const once = async (t: (typeof targets)[number]) => {
    const started = performance.now();
    const reply = await requestJson(t.url, { headers: t.headers });
    if (reply.status !== 200) throw new Error(`readiness answered ${reply.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) for (const t of targets) await once(t);
  const deadline = performance.now() + 120_000;
  for (let i = 0; i < samples && performance.now() < deadline; i++) {
    for (const t of targets) t.times.push(await once(t));
  }
  return { smallMs: median(targets[0].times), largeMs: median(targets[1].times) };
}

// ---- start-up --------------------------------------------------------------------------------------

export interface Startup {
  cold: StartTiming[];
  warm: StartTiming[];
}

/** Pairs of a cold start (fresh data folder: initdb, migrations) and a warm one (the same folder again). */
export async function measureStartup(
  cleanup: Cleanup,
  repeats: number,
  secret: string,
  log: (line: string) => void,
): Promise<Startup> {
  const result: Startup = { cold: [], warm: [] };
  for (let i = 0; i < repeats; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'leadpath-bench-start-'));
    cleanup.defer('remove the start-up data folder', () => rmSync(dataDir, { recursive: true, force: true }));
    try {
      const cold = await timeStart(cleanup, dataDir, secret);
      const warm = await timeStart(cleanup, dataDir, secret);
      result.cold.push(cold);
      result.warm.push(warm);
      log(
        `  start ${i + 1}: cold ${seconds(cold.readyMs)} (the API reports ${fmt(cold.reportedMs)} ms), ` +
          `warm ${seconds(warm.readyMs)} (reports ${fmt(warm.reportedMs)} ms)`,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return result;
}
