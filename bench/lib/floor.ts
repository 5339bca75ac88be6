import { Client } from 'pg';
import { databaseCpuBetween, databaseCpuSnapshot } from './cpu';
import { fromDist } from './dist';
import type { Pair } from './scenarios';
import type { StatementStats, StatementTimes } from './statements';
import { NO_TIMES } from './statements';

type ReadinessSqlModule = typeof import('../../libs/readiness/src/readiness.sql');
type TrendPointsModule = typeof import('../../libs/readiness/src/trend-points');

/**
 * The floor of a scenario: the same rows read (or written) by the simplest correct statement,
 * one statement per request, under the same tenant role and organization (row-level security
 * applies), with no token check, no access check, no audit row and no HTTP. It is prepared once
 * per connection and planned once (a generic plan), as the API's statements are. What Leadpath
 * costs PostgreSQL beyond this is the price of its checks and its audit.
 */
export interface Floor {
  /** What the statement does, for the report. */
  what: string;
  text: string;
  values(pair: Pair, i: number): unknown[];
}

export interface FloorSample extends StatementTimes {
  rps: number;
  /** CPU time of the PostgreSQL server per statement. */
  dbCpuMs: number;
}

const COMPETENCIES = ['communication', 'delegation', 'hiring', 'budgeting', 'managing_up', 'giving_feedback'];

/** The floors of the load scenarios, by the scenario's name (scenarios.ts). */
export function floors(organizationId: string): Record<string, Floor> {
  const { compileReadiness } = fromDist<ReadinessSqlModule>('libs/readiness/src/readiness.sql');
  const { trendPoints } = fromDist<TrendPointsModule>('libs/readiness/src/trend-points');
  const readiness = (earlier?: Date[]) => (pair: Pair) =>
    compileReadiness({ organizationId, filter: { menteeIds: [pair.menteeId] }, earlier }).parameters;
  const sample = '00000000-0000-4000-8000-000000000000';
  const today = new Date().toISOString().slice(0, 10);
  return {
    'read: mentee list (manager, limit 20)': {
      what: 'mentees ⋈ users ⋈ stored readiness, 21 rows',
      text: `SELECT m.*, u.name, u.email, r.score, r.level, r.last_shared_on, r.stale_since, r.as_of
               FROM mentees m JOIN users u ON u.id = m.user_id LEFT JOIN mentee_readiness r ON r.mentee_id = m.id
              WHERE m.organization_id = $1 AND (m.manager_id = $2 OR m.mentor_id = $2)
              ORDER BY m.created_at, m.id LIMIT 21`,
      values: (p) => [organizationId, p.managerId],
    },
    'read: readiness of one mentee': {
      what: 'the readiness definition for one mentee, now',
      text: compileReadiness({ organizationId, filter: { menteeIds: [sample] } }).sql,
      values: readiness(),
    },
    'read: progress (readiness, 12-point trend, journey)': {
      what: 'the readiness definition at the 12 trend points',
      text: compileReadiness({ organizationId, filter: { menteeIds: [sample] }, earlier: trendPoints() }).sql,
      values: readiness(trendPoints()),
    },
    'write: log feedback (manager)': {
      what: 'one statement inserting the entry and its ratings, committed synchronously',
      text: `WITH f AS (
               INSERT INTO feedback (organization_id, mentee_id, author_id, author_role, occurred_on, visibility, strengths)
               VALUES ($1, $2, $3, 'manager', $4, 'shared', $5) RETURNING id)
             INSERT INTO feedback_ratings (organization_id, feedback_id, competency_key, rating)
             SELECT $1, f.id, k, r FROM f, unnest($6::varchar[], $7::smallint[]) AS t(k, r)`,
      values: (p, i) => [
        organizationId,
        p.menteeId,
        p.managerId,
        today,
        'Ran the incident review calmly and followed up on every action.',
        [COMPETENCIES[i % 6], COMPETENCIES[(i + 3) % 6]],
        [1 + (i % 5), 1 + ((i + 2) % 5)],
      ],
    },
  };
}

/**
 * Runs the floor statement over `connections` connections of the runner for `seconds`, rotating
 * over the scenario's pairs. Each connection takes the tenant role and the organization for its
 * session once (these connections serve nothing else).
 */
export async function measureFloor(
  url: string,
  organizationId: string,
  role: string | undefined,
  floor: Floor,
  pairs: Pair[],
  options: { connections: number; seconds: number },
  postmasterPid: number | undefined,
  stats: StatementStats | undefined,
): Promise<FloorSample> {
  const clients = await Promise.all(
    Array.from({ length: options.connections }, async () => {
      // As the API's connections (pool.ts): no JIT, and a prepared statement keeps its generic plan.
      const client = new Client({ connectionString: url, options: '-c jit=off -c plan_cache_mode=force_generic_plan' });
      await client.connect();
      if (role) await client.query(`SET ROLE ${role}`);
      await client.query(`SELECT set_config('app.organization_id', $1, false)`, [organizationId]);
      return client;
    }),
  );
  try {
    let next = 0;
    const once = (client: Client) => {
      const i = next++;
      return client.query({ name: 'floor', text: floor.text, values: floor.values(pairs[i % pairs.length], i) });
    };
    // Warm-up: every connection prepares the statement and reaches a steady plan.
    await Promise.all(
      clients.map(async (c) => {
        for (let k = 0; k < 8; k++) await once(c);
      }),
    );
    await stats?.reset();
    const db0 = databaseCpuSnapshot(postmasterPid);
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    let done = 0;
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() < deadline) {
          await once(c);
          done++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const db1 = databaseCpuSnapshot(postmasterPid);
    const times = stats ? await stats.read(done) : NO_TIMES;
    return { ...times, rps: done / elapsed, dbCpuMs: databaseCpuBetween(db0, db1) / done };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
