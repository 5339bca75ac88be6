import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second; 100 on every mainstream Linux. */
const TICKS_PER_SECOND = 100;

function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may contain spaces, so split after the last ')'.
    return [
      stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      ...stat.slice(stat.lastIndexOf(')') + 2).split(' '),
    ];
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used so far, in ms; NaN where /proc is missing. */
export function cpuMs(pid: number): number {
  const f = statFields(pid);
  return f ? ((Number(f[12]) + Number(f[13])) * 1000) / TICKS_PER_SECOND : NaN;
}

/** The parent of a process (for a PostgreSQL backend: its server, the postmaster). */
export function parentPid(pid: number): number | undefined {
  const f = statFields(pid);
  return f ? Number(f[2]) : undefined;
}

/**
 * CPU time used so far by each process of one PostgreSQL server (the postmaster and every process
 * it started: backends, writers, autovacuum workers), in ms by pid. Empty where /proc is missing.
 */
export function databaseCpuSnapshot(postmasterPid: number | undefined): Map<number, number> {
  const snapshot = new Map<number, number>();
  if (postmasterPid === undefined) return snapshot;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return snapshot;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(entry);
    if (!f || (Number(entry) !== postmasterPid && Number(f[2]) !== postmasterPid)) continue;
    snapshot.set(Number(entry), ((Number(f[12]) + Number(f[13])) * 1000) / TICKS_PER_SECOND);
  }
  return snapshot;
}

/**
 * CPU time the server spent between two snapshots. Backends come and go (pools close idle
 * connections), so the difference is taken per process: one that started in between counts in
 * full; one that ended in between is missing, which can only make the figure smaller. NaN
 * without /proc.
 */
export function databaseCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  if (after.size === 0) return NaN;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
