import { cpus, totalmem } from 'node:os';
import type { Runs, RunSample } from './load';
import type { FloorSample } from './floor';
import type { ExportRound, ReadinessScaling, Startup } from './measures';
import type { ArchiveRound } from './org-archive';
import type { OrgWide } from './org-wide';
import { IMPORT_ROWS, importMedians, type ImportRound } from './people-import';
import { fmt, median, megabytes, seconds } from './stats';

/** What each figure is held to (benchmarks report against these; no test asserts a timing). */
export const TARGET = {
  /** Of the baseline's throughput: the cheap requests (mentee list, log feedback)… */
  throughputRatio: 0.9,
  /** …and the database-bound ones (readiness, progress). */
  heavyThroughputRatio: 0.9,
  /** PostgreSQL CPU per request: the list and one mentee's readiness, then progress and the write. */
  dbCpuMs: 3,
  heavyDbCpuMs: 5,
  summaryMs: 300,
  listMs: 50,
  recomputeMs: 60_000,
  p99Ms: 25,
  exportRatio: 1.5,
  exportRssBytes: 64 * 1024 * 1024,
  exportFirstByteMs: 300,
  readinessRatio: 1.2,
  coldStartMs: 5_000,
  /** A 10,000-row people file, previewed and applied. */
  peopleImportMs: 30_000,
  /** The whole organization's archive (size L), and the API's memory growth meanwhile. */
  archiveMs: 600_000,
  archiveRssBytes: 64 * 1024 * 1024,
  warmStartMs: 2_000,
};

export type Outcome<T> = { value: T } | { error: string };

export interface ReportInput {
  size: string;
  mentees: number;
  referenceMentees: number;
  counts: Record<string, number>;
  database: string;
  connections: number;
  rounds: number;
  durationSeconds: number;
  /** The machine's 1-minute load average when the run began: other work skews every figure. */
  loadAverage: number;
  scenarios: {
    name: string;
    outcome: Outcome<Runs>;
    /** The same rows by one statement under the tenant role, no checks, no audit (floor.ts). */
    floor?: { what: string; outcome: Outcome<FloorSample[]> };
  }[];
  exports: Outcome<ExportRound[]>;
  /** Absent when the run skipped it (`--org-wide-only`). */
  readiness?: Outcome<ReadinessScaling>;
  orgWide: Outcome<OrgWide>;
  /** A 10,000-row people file through the API, against two INSERTs of the same rows. */
  peopleImport?: Outcome<ImportRound[]>;
  /** The whole organization as one archive through the API. */
  archive?: Outcome<ArchiveRound[]>;
  /** Absent when the run skipped it (`--org-wide-only`). */
  startup?: Outcome<Startup>;
}

/** ✓ or ✗ with the target, and a tally of both for the summary line. */
class Verdicts {
  met = 0;
  missed = 0;

  check(ok: boolean, target: string): string {
    if (ok) this.met++;
    else this.missed++;
    return `${ok ? '✓' : '✗'} (${target})`;
  }
}

const failed = (error: string) => `failed: ${error.replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, 160)}`;

const COLUMNS = 8;

/** Pads a row with empty cells to the table's width. */
function padded(row: string): string {
  const cells = row.split('|').length - 2;
  return cells >= COLUMNS ? row : `${row}${' |'.repeat(COLUMNS - cells)}`;
}

type Key = 'rps' | 'p50' | 'p99' | 'appCpuMs' | 'dbCpuMs' | 'planMs' | 'execMs' | 'commitMs' | 'flushes';
const med = <S extends Partial<Record<Key, number>>>(runs: S[], key: Key) => median(runs.map((r) => r[key] ?? NaN));
const pgTimes = (runs: Partial<Record<Key, number>>[]) =>
  Number.isNaN(med(runs, 'execMs'))
    ? 'n/a'
    : `${fmt(med(runs, 'planMs'), 2)} / ${fmt(med(runs, 'execMs'), 2)} / ${fmt(med(runs, 'commitMs'), 2)} ` +
      `(${fmt(med(runs, 'flushes'), 2)} flushes)`;

function loadRow(name: string, outcome: Outcome<Runs>, v: Verdicts): string {
  if ('error' in outcome) return `| ${name} | ${failed(outcome.error)} | | | | | |`;
  const [lp, base] = [outcome.value.get('Leadpath')!, outcome.value.get('baseline')!];
  const m = (runs: RunSample[], key: Key) => med(runs, key);
  const ratio = m(lp, 'rps') / m(base, 'rps');
  const heavy = /progress|write/.test(name);
  const target = /readiness|progress/.test(name) ? TARGET.heavyThroughputRatio : TARGET.throughputRatio;
  const dbTarget = heavy ? TARGET.heavyDbCpuMs : TARGET.dbCpuMs;
  const errors = lp.concat(base).reduce((n, r) => n + r.failed + r.errors, 0);
  return (
    `| ${name}${errors > 0 ? ` (${fmt(errors)} requests failed)` : ''} ` +
    `| ${fmt(m(lp, 'rps'))} req/s | ${fmt(m(base, 'rps'))} req/s ` +
    `| ${fmt(ratio, 2)} ${v.check(ratio >= target, `≥ ${target}`)} ` +
    `| ${fmt(m(lp, 'p50'), 1)} / ${fmt(m(lp, 'p99'), 1)} ms ${v.check(m(lp, 'p99') <= TARGET.p99Ms, `p99 ≤ ${TARGET.p99Ms} ms`)} ` +
    `| ${fmt(m(base, 'p50'), 1)} / ${fmt(m(base, 'p99'), 1)} ms ` +
    `| ${fmt(m(lp, 'appCpuMs'), 2)} + ${fmt(m(lp, 'dbCpuMs'), 2)} ${v.check(m(lp, 'dbCpuMs') <= dbTarget, `db ≤ ${dbTarget} ms`)} ` +
    `/ ${fmt(m(base, 'appCpuMs'), 2)} + ${fmt(m(base, 'dbCpuMs'), 2)} ` +
    `| ${pgTimes(lp)} / ${pgTimes(base)} |`
  );
}

/** The floor under a scenario, and Leadpath's distance from it in PostgreSQL CPU per request. */
function floorRow(scenario: ReportInput['scenarios'][number]): string[] {
  if (!scenario.floor) return [];
  const name = `↳ floor: ${scenario.floor.what}`;
  if ('error' in scenario.floor.outcome) return [`| ${name} | ${failed(scenario.floor.outcome.error)} | | | | | |`];
  const runs = scenario.floor.outcome.value;
  const floorDb = med(runs, 'dbCpuMs');
  const lp = 'error' in scenario.outcome ? undefined : scenario.outcome.value.get('Leadpath');
  const gap = lp
    ? `gap ${fmt(med(lp, 'dbCpuMs') - floorDb, 2)} ms of db CPU (${fmt(med(lp, 'dbCpuMs') / floorDb, 1)} × the floor)`
    : '';
  return [
    `| ${name} | ${fmt(med(runs, 'rps'))} statements/s | | ${gap} | | | 0 + ${fmt(floorDb, 2)} | ${pgTimes(runs)} |`,
  ];
}

function exportRow(input: ReportInput, v: Verdicts): string {
  const name = `export: readiness CSV of ${fmt(input.mentees)} mentees`;
  if ('error' in input.exports) return `| ${name} | ${failed(input.exports.error)} | | | | | |`;
  const rounds = input.exports.value;
  const copyMs = median(rounds.map((r) => r.copy.totalMs));
  const copy = `COPY ${seconds(copyMs)}, first byte ${fmt(median(rounds.map((r) => r.copy.firstByteMs)))} ms`;
  const api = rounds.flatMap((r) => (r.leadpath ? [r.leadpath] : []));
  if (api.length === 0) return `| ${name} | ${failed(rounds[0]?.error ?? 'no result')} | ${copy} | | | | |`;
  const totalMs = median(api.map((a) => a.totalMs));
  const firstByte = median(api.map((a) => a.firstByteMs));
  const rss = median(api.map((a) => a.rssGrowthBytes));
  const ratio = totalMs / copyMs;
  return (
    `| ${name} | ${seconds(totalMs)}; first byte ${fmt(firstByte)} ms ` +
    `${v.check(firstByte <= TARGET.exportFirstByteMs, `≤ ${TARGET.exportFirstByteMs} ms`)}; ` +
    `RSS +${megabytes(rss)} ${v.check(rss <= TARGET.exportRssBytes, '≤ 64 MB')} ` +
    `| ${copy} | ${fmt(ratio, 2)} ${v.check(ratio <= TARGET.exportRatio, `≤ ${TARGET.exportRatio}`)} | | | |`
  );
}

function readinessRow(input: ReportInput, v: Verdicts): string[] {
  if (!input.readiness) return [];
  const name = `readiness of one mentee, ${fmt(input.mentees)} vs ${fmt(input.referenceMentees)} mentees (sequential)`;
  if ('error' in input.readiness) return [`| ${name} | ${failed(input.readiness.error)} | | | | | |`];
  const { smallMs, largeMs } = input.readiness.value;
  const ratio = largeMs / smallMs;
  return [
    `| ${name} | ${fmt(largeMs, 1)} ms | ${fmt(smallMs, 1)} ms at ${fmt(input.referenceMentees)} ` +
      `| ${fmt(ratio, 2)} ${v.check(ratio <= TARGET.readinessRatio, `≤ ${TARGET.readinessRatio}`)} | | | |`,
  ];
}

function orgWideRows(input: ReportInput, v: Verdicts): string[] {
  if ('error' in input.orgWide) return [`| organization-wide requests | ${failed(input.orgWide.error)} | | | | | |`];
  const o = input.orgWide.value;
  const row = (name: string, ms: number, target: number) =>
    `| ${name} | ${fmt(ms, 1)} ms ${v.check(ms <= target, `≤ ${fmt(target)} ms`)} | | | | | |`;
  return [
    row('HR: summary (one request at a time)', o.summaryMs, TARGET.summaryMs),
    row('HR: heatmap by manager, page of 50 managers (one at a time)', o.managerHeatmapMs, TARGET.summaryMs),
    row('HR: stale mentees, page of 50 (one at a time)', o.staleListMs, TARGET.listMs),
    row('manager: mentee list with readiness, page of 50 (one at a time)', o.managerListMs, TARGET.listMs),
    row('manager: inbox, every kind (one at a time)', o.managerInboxMs, TARGET.listMs),
    `| recompute of ${fmt(o.recompute.mentees)} mentees after a weight change | ${seconds(o.recompute.ms)} ` +
      `${v.check(o.recompute.ms <= TARGET.recomputeMs, '≤ 60 s')}; meanwhile ${fmt(o.recompute.served)} requests, ` +
      `median ${fmt(o.recompute.servedMedianMs, 1)} ms, slowest ${fmt(o.recompute.servedMaxMs, 1)} ms | | | | | |`,
  ];
}

function peopleImportRow(input: ReportInput, v: Verdicts): string[] {
  const name = `people import: ${fmt(IMPORT_ROWS)} new rows previewed, then applied (HR, one request each)`;
  if (!input.peopleImport) return [];
  if ('error' in input.peopleImport) return [`| ${name} | ${failed(input.peopleImport.error)} | | | | | |`];
  const m = importMedians(input.peopleImport.value);
  return [
    `| ${name} | ${seconds(m.totalMs)} (preview ${seconds(m.previewMs)}, apply ${seconds(m.applyMs)}) ` +
      `${v.check(m.totalMs <= TARGET.peopleImportMs, '≤ 30 s')} | floor: the same rows by two INSERTs ${fmt(m.floorMs)} ms ` +
      `| ${fmt(m.totalMs / m.floorMs, 1)} | | | |`,
  ];
}

function archiveRow(input: ReportInput, v: Verdicts): string[] {
  const name = 'organization archive: every table of the organization as a zip (HR, GET /organization/export)';
  if (!input.archive) return [];
  if ('error' in input.archive) return [`| ${name} | ${failed(input.archive.error)} | | | | | |`];
  const rounds = input.archive.value;
  const totalMs = median(rounds.map((r) => r.totalMs));
  const growth = Math.max(...rounds.map((r) => r.rssGrowthBytes));
  return [
    `| ${name} | ${seconds(totalMs)} ${v.check(totalMs <= TARGET.archiveMs, '≤ 10 min at L')}, ` +
      `${megabytes(rounds[0].bytes)} | peak RSS growth ${megabytes(growth)} ` +
      `${v.check(growth <= TARGET.archiveRssBytes, '≤ 64 MB')} | | | | |`,
  ];
}

function startupRows(input: ReportInput, v: Verdicts): string[] {
  const cold = 'cold start, embedded PostgreSQL, fresh data folder';
  const warm = 'warm start, same data folder';
  if (!input.startup) return [];
  if ('error' in input.startup) return [`| ${cold} | ${failed(input.startup.error)} | | | | | |`];
  const coldMs = median(input.startup.value.cold.map((s) => s.readyMs));
  const warmMs = median(input.startup.value.warm.map((s) => s.readyMs));
  return [
    `| ${cold} | ${seconds(coldMs)} ${v.check(coldMs <= TARGET.coldStartMs, '≤ 5 s')} | | | | | |`,
    `| ${warm} | ${seconds(warmMs)} ${v.check(warmMs <= TARGET.warmStartMs, '≤ 2 s')} | | | | | |`,
  ];
}

/** The one table of the run, in Markdown so that it can go straight into docs/BENCHMARKS.md. */
export function formatReport(input: ReportInput): string {
  const v = new Verdicts();
  const rows = [
    ...input.scenarios.flatMap((s) => [loadRow(s.name, s.outcome, v), ...floorRow(s)]),
    exportRow(input, v),
    ...readinessRow(input, v),
    ...orgWideRows(input, v),
    ...peopleImportRow(input, v),
    ...archiveRow(input, v),
    ...startupRows(input, v),
  ];
  return [
    '',
    `### Size ${input.size}: ${fmt(input.mentees)} mentees, ${fmt(input.counts.feedback)} feedback entries, ` +
      `${fmt(input.counts.feedback_ratings)} ratings`,
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpus().length} CPUs, ` +
      `${fmt(totalmem() / 1024 ** 3, 1)} GiB RAM, load average ${fmt(input.loadAverage, 1)} at start · ` +
      `Node ${process.version} · ${input.database} · ${input.connections} connections, ` +
      `${input.rounds} × ${input.durationSeconds} s per server and scenario, medians`,
    '',
    '| Scenario | Leadpath | Baseline | Ratio (target) | Leadpath p50 / p99 (target) | Baseline p50 / p99 | CPU ms per request, app + db: Leadpath / baseline | PostgreSQL ms per request, plan / execute / WAL flush: Leadpath / baseline |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(padded),
    '',
    `Targets met: ${v.met} of ${v.met + v.missed}.`,
    '',
  ].join('\n');
}
