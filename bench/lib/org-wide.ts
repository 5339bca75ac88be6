import { requestJson } from './http';
import { tokenFor, type Actors } from './scenarios';
import type { Server } from './servers';
import { fmt, median, seconds } from './stats';

export interface OrgWide {
  /** Medians of sequential requests, in milliseconds. */
  summaryMs: number;
  /** The first page (50 managers by name) of the by-manager heatmap, the dashboard's other half. */
  managerHeatmapMs: number;
  staleListMs: number;
  managerListMs: number;
  /** A manager's inbox (`GET /me/inbox`), every kind for their mentees; managers in turn. */
  managerInboxMs: number;
  /** After an organization-wide weight change: until no mentee is pending. */
  recompute: { ms: number; mentees: number; servedMedianMs: number; servedMaxMs: number; served: number };
}

/**
 * The organization-wide requests of HR and the manager's home pages (mentee list and inbox), one request at a time (the
 * targets are for a single caller), then the background recompute after HR changes the weights,
 * timed until the summary no longer reports pending mentees, while a manager keeps reading.
 */
export async function measureOrgWide(
  leadpath: Server,
  actors: Actors,
  secret: string,
  samples: number,
  log: (line: string) => void,
): Promise<OrgWide> {
  const hr = { authorization: `Bearer ${tokenFor(secret, actors.organizationId, actors.hrAdminId)}` };
  const managers = [...new Set(actors.pairs.map((p) => p.managerId))].map((id) => ({
    authorization: `Bearer ${tokenFor(secret, actors.organizationId, id)}`,
  }));
  const timed = async (
    path: string,
    headers: Record<string, string>,
    options: { method?: string; body?: string } = {},
  ) => {
    const started = performance.now();
    const reply = await requestJson(`${leadpath.url}${path}`, {
      method: options.method,
      headers: options.body ? { ...headers, 'content-type': 'application/json' } : headers,
      body: options.body,
    });
    if (reply.status !== 200) {
      const detail = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      throw new Error(
        `${path} answered ${reply.status} after ${seconds(performance.now() - started)}: ${detail.slice(0, 200)}`,
      );
    }
    return { ms: performance.now() - started, body: reply.body as Record<string, unknown> };
  };
  const series = async (count: number, next: (i: number) => Promise<{ ms: number }>) => {
    for (let i = 0; i < 3; i++) await next(i);
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push((await next(i)).ms);
    return median(times);
  };
  const summaryMs = await series(samples, () => timed('/api/v1/reports/summary', hr));
  log(`  summary ${fmt(summaryMs, 1)} ms`);
  const managerHeatmapMs = await series(samples, () => timed('/api/v1/reports/heatmap/managers?limit=50', hr));
  log(`  heatmap by manager (50 managers) ${fmt(managerHeatmapMs, 1)} ms`);
  const staleListMs = await series(samples, () => timed('/api/v1/mentees?stale=true&limit=50', hr));
  log(`  stale list (HR, 50) ${fmt(staleListMs, 1)} ms`);
  const managerListMs = await series(samples, (i) => timed('/api/v1/mentees?limit=50', managers[i % managers.length]));
  log(`  manager list with readiness (50) ${fmt(managerListMs, 1)} ms`);
  let items = 0;
  const managerInboxMs = await series(samples, async (i) => {
    const reply = await timed('/api/v1/me/inbox', managers[i % managers.length]);
    items += Number(reply.body.total);
    return reply;
  });
  log(`  manager inbox ${fmt(managerInboxMs, 1)} ms (${fmt(items / (samples + 3), 1)} items waiting on average)`);

  const started = performance.now();
  await timed('/api/v1/framework/settings', hr, {
    method: 'PATCH',
    body: JSON.stringify({ weights: { milestones: 0.35, competencies: 0.45, goals: 0.2 } }),
  });
  const served: number[] = [];
  let pending = Number.POSITIVE_INFINITY;
  let mentees = 0;
  const deadline = started + 15 * 60_000;
  while (pending > 0 && performance.now() < deadline) {
    // The API keeps serving meanwhile: a manager's home page, then HR's view of the progress.
    served.push((await timed('/api/v1/mentees?limit=50', managers[served.length % managers.length])).ms);
    const summary = await timed('/api/v1/reports/summary', hr);
    served.push(summary.ms);
    pending = Number(summary.body.pendingMentees);
    mentees = Number(summary.body.mentees);
    await new Promise((r) => setTimeout(r, 250));
  }
  if (pending > 0) throw new Error(`still ${pending} mentees pending after 15 minutes`);
  const ms = performance.now() - started;
  const recompute = {
    ms,
    mentees,
    servedMedianMs: median(served),
    servedMaxMs: Math.max(...served),
    served: served.length,
  };
  log(
    `  recompute after a weight change: ${seconds(ms)} for ${fmt(mentees)} mentees; meanwhile ${served.length} requests ` +
      `answered, median ${fmt(recompute.servedMedianMs, 1)} ms, slowest ${fmt(recompute.servedMaxMs, 1)} ms`,
  );
  return { summaryMs, managerHeatmapMs, staleListMs, managerListMs, managerInboxMs, recompute };
}
