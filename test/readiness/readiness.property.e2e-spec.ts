import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Pool } from 'pg';
import { PHASES } from '@leadpath/mentees';
import { computeReadiness, compileReadiness, type ReadinessRow, type ReferenceInput } from '@leadpath/readiness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const RUNS = Number(process.env.READINESS_PROPERTY_RUNS ?? 2000);
const DAY = 86400000;
const KEYS = ['c0', 'c1', 'c2', 'c3', 'c4'];

/** A random history, in days before "now", for one mentee of a fresh organization. */
const history = fc.record({
  currentPhase: fc.constantFrom(...PHASES),
  phaseChanges: fc.array(
    fc.record({ toPhase: fc.constantFrom(...PHASES), daysAgo: fc.integer({ min: 0, max: 420 }) }),
    {
      maxLength: 3,
    },
  ),
  weights: fc
    .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }))
    .map(([a, b]) => (a + b <= 1000 ? [a, b, 1000 - a - b] : [1000 - a, 1000 - b, a + b - 1000]))
    .map(([m, c, g]) => ({ m: m / 1000, c: c / 1000, g: g / 1000 })),
  staleDays: fc.integer({ min: 1, max: 60 }),
  templates: fc.array(
    fc.record({
      phase: fc.constantFrom(...PHASES),
      required: fc.boolean(),
      retiredDaysAgo: fc.option(fc.integer({ min: 0, max: 420 })),
      record: fc.oneof(
        fc.constant('none' as const),
        fc.constant('unverified' as const),
        fc.integer({ min: 0, max: 420 }),
      ),
    }),
    { maxLength: 8 },
  ),
  competencies: fc
    .subarray(KEYS)
    .chain((keys) =>
      fc.tuple(
        ...keys.map((key) =>
          fc.record({ key: fc.constant(key), retiredDaysAgo: fc.option(fc.integer({ min: 0, max: 420 })) }),
        ),
      ),
    ),
  feedback: fc.array(
    fc.record({
      occurredDaysAgo: fc.integer({ min: -3, max: 420 }),
      createdDaysAgo: fc.integer({ min: 0, max: 420 }),
      visibility: fc.constantFrom<'shared' | 'private'>('shared', 'shared', 'private'),
      ratings: fc.dictionary(fc.constantFrom(...KEYS, 'retired_or_unknown'), fc.integer({ min: 1, max: 5 }), {
        maxKeys: 4,
      }),
    }),
    { maxLength: 14 },
  ),
  goals: fc.array(
    fc.record({
      status: fc.constantFrom<'open' | 'achieved' | 'dropped'>('open', 'achieved', 'dropped'),
      createdDaysAgo: fc.integer({ min: 0, max: 420 }),
      changedDaysAgo: fc.option(fc.integer({ min: 0, max: 420 })),
      // A confirmation (of an achievement) at some point, or none: the mentee's claim.
      confirmedDaysAgo: fc.option(fc.integer({ min: 0, max: 420 })),
      targetDaysAgo: fc.option(fc.integer({ min: -30, max: 420 })),
    }),
    { maxLength: 6 },
  ),
  // Half the histories leave the weight at its default 0, where the people led must change nothing.
  ledWeight: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 1000 }).map((w) => w / 1000),
  ),
  ledThreshold: fc.integer({ min: 3, max: 4 }),
  assignments: fc.array(
    fc.record({
      status: fc.constantFrom<'planned' | 'active' | 'completed'>('planned', 'active', 'completed', 'completed'),
      changedDaysAgo: fc.integer({ min: 0, max: 420 }),
      responses: fc.array(
        fc.dictionary(fc.constantFrom(...KEYS, 'retired_or_unknown'), fc.integer({ min: 1, max: 5 }), { maxKeys: 3 }),
        { maxLength: 5 },
      ),
    }),
    { maxLength: 3 },
  ),
  pastPointDaysAgo: fc.integer({ min: 1, max: 400 }),
});

type History = typeof history extends fc.Arbitrary<infer H> ? H : never;

const day = (base: number, daysAgo: number) => new Date(base - daysAgo * DAY).toISOString().slice(0, 10);
/** Timestamps land at a random minute of the day, so no two are likely to coincide. */
const stamp = (base: number, daysAgo: number, salt: number) => new Date(base - daysAgo * DAY - (salt % 1440) * 60000);

async function insert(
  pool: Pool,
  h: History,
  base: number,
): Promise<{ orgId: string; menteeId: string; input: Omit<ReferenceInput, 'at'> }> {
  const orgId = randomUUID();
  const managerId = randomUUID();
  const userId = randomUUID();
  const menteeId = randomUUID();
  await pool.query(
    `WITH o AS (INSERT INTO organizations (id, name) VALUES ($1, 'prop') RETURNING id),
          s AS (INSERT INTO organization_settings (organization_id, weight_milestones, weight_competencies, weight_goals,
                                                   stale_feedback_days, led_voice_weight, led_feedback_threshold)
                SELECT id, $4, $5, $6, $7, $8, $9 FROM o)
     INSERT INTO users (id, organization_id, email, name, roles, password_hash)
     SELECT * FROM (VALUES ($2::uuid, $1::uuid, $2::text || '@p.test', 'M', ARRAY['manager']::varchar[], 'x'),
                           ($3::uuid, $1::uuid, $3::text || '@p.test', 'E', ARRAY['mentee']::varchar[], 'x')) v`,
    [orgId, managerId, userId, h.weights.m, h.weights.c, h.weights.g, h.staleDays, h.ledWeight, h.ledThreshold],
  );
  await pool.query(
    `INSERT INTO mentees (id, organization_id, user_id, manager_id, phase) VALUES ($1, $2, $3, $4, $5)`,
    [menteeId, orgId, userId, managerId, h.currentPhase],
  );
  const phaseChanges = h.phaseChanges.map((c, i) => ({
    id: randomUUID(),
    toPhase: c.toPhase,
    changedAt: stamp(base, c.daysAgo, i * 97),
  }));
  for (const c of phaseChanges) {
    await pool.query(
      `INSERT INTO phase_changes (id, organization_id, mentee_id, to_phase, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.id, orgId, menteeId, c.toPhase, managerId, c.changedAt],
    );
  }
  const competencies = h.competencies.map((c, i) => ({
    key: c.key,
    retiredAt: c.retiredDaysAgo === null ? null : stamp(base, c.retiredDaysAgo, i * 31),
  }));
  for (const c of competencies) {
    await pool.query(`INSERT INTO competencies (organization_id, key, name, retired_at) VALUES ($1, $2, $2, $3)`, [
      orgId,
      c.key,
      c.retiredAt,
    ]);
  }
  const templates = h.templates.map((t, i) => ({
    id: randomUUID(),
    phase: t.phase,
    required: t.required,
    retiredAt: t.retiredDaysAgo === null ? null : stamp(base, t.retiredDaysAgo, i * 53),
    record: t.record,
  }));
  const milestones: ReferenceInput['milestones'] = [];
  for (const [i, t] of templates.entries()) {
    await pool.query(
      `INSERT INTO milestone_templates (id, organization_id, key, phase, title, required, retired_at) VALUES ($1, $2, $3, $4, 'T', $5, $6)`,
      [t.id, orgId, `t${i}`, t.phase, t.required, t.retiredAt],
    );
    if (t.record !== 'none') {
      const verifiedAt = t.record === 'unverified' ? null : stamp(base, t.record, i * 7);
      await pool.query(
        `INSERT INTO mentee_milestones (organization_id, mentee_id, template_id, status, recorded_by, verified_by, verified_at)
         VALUES ($1, $2, $3, 'completed', $4, $5, $6)`,
        [orgId, menteeId, t.id, userId, verifiedAt ? managerId : null, verifiedAt],
      );
      milestones.push({ templateId: t.id, verifiedAt });
    }
  }
  const feedback = h.feedback.map((x, i) => ({
    id: randomUUID(),
    occurredOn: day(base, x.occurredDaysAgo),
    createdAt: stamp(base, x.createdDaysAgo, i * 13 + 1),
    visibility: x.visibility,
    ratings: x.ratings,
  }));
  for (const x of feedback) {
    await pool.query(
      `INSERT INTO feedback (id, organization_id, mentee_id, author_id, author_role, occurred_on, visibility, created_at)
       VALUES ($1, $2, $3, $4, 'manager', $5, $6, $7)`,
      [x.id, orgId, menteeId, managerId, x.occurredOn, x.visibility, x.createdAt],
    );
    const entries = Object.entries(x.ratings);
    if (entries.length) {
      await pool.query(
        `INSERT INTO feedback_ratings (organization_id, feedback_id, competency_key, rating)
         SELECT $1, $2, k, r FROM unnest($3::varchar[], $4::smallint[]) AS t(k, r)`,
        [orgId, x.id, entries.map(([k]) => k), entries.map(([, r]) => r)],
      );
    }
  }
  const goals = h.goals.map((g, i) => ({
    id: randomUUID(),
    status: g.status,
    createdAt: stamp(base, g.createdDaysAgo, i * 17),
    statusChangedAt: g.changedDaysAgo === null ? null : stamp(base, g.changedDaysAgo, i * 19),
    confirmedAt: g.confirmedDaysAgo === null ? null : stamp(base, g.confirmedDaysAgo, i * 23),
    targetDate: g.targetDaysAgo === null ? null : day(base, g.targetDaysAgo),
  }));
  for (const g of goals) {
    await pool.query(
      `INSERT INTO goals (id, organization_id, mentee_id, title, competency_key, status, created_by, created_at, status_changed_at,
                          target_date, confirmed_at, confirmed_by)
       VALUES ($1, $2, $3, 'G', 'c0', $4, $5, $6, $7, $8, $9, CASE WHEN $9::timestamptz IS NOT NULL THEN $5::uuid END)`,
      [g.id, orgId, menteeId, g.status, managerId, g.createdAt, g.statusChangedAt, g.targetDate, g.confirmedAt],
    );
  }
  const assignments = h.assignments.map((a, i) => ({
    id: randomUUID(),
    status: a.status,
    statusChangedAt: a.status === 'planned' ? null : stamp(base, a.changedDaysAgo, i * 23),
    responses: a.responses,
  }));
  for (const a of assignments) {
    await pool.query(
      `INSERT INTO assignments (id, organization_id, mentee_id, title, kind, competency_keys, starts_on, status,
                                status_changed_at, created_by)
       VALUES ($1, $2, $3, 'A', 'lead_project', $4, '2025-01-01', $5, $6, $7)`,
      [a.id, orgId, menteeId, KEYS, a.status, a.statusChangedAt, managerId],
    );
    for (const ratings of a.responses) {
      await pool.query('INSERT INTO led_responses (organization_id, assignment_id, ratings) VALUES ($1, $2, $3)', [
        orgId,
        a.id,
        JSON.stringify(ratings),
      ]);
    }
  }
  return {
    orgId,
    menteeId,
    input: {
      currentPhase: h.currentPhase,
      phaseChanges,
      weights: h.weights,
      staleDays: h.staleDays,
      templates: templates.map(({ id, phase, required, retiredAt }) => ({ id, phase, required, retiredAt })),
      milestones,
      competencies,
      feedback,
      ledWeight: h.ledWeight,
      ledThreshold: h.ledThreshold,
      assignments: assignments.map(({ status, statusChangedAt, responses }) => ({
        status,
        statusChangedAt,
        responses,
      })),
      goals,
    },
  };
}

function fromSql(row: ReadinessRow) {
  return {
    phase: row.phase,
    m: Number(row.m),
    c: Number(row.c),
    g: Number(row.g),
    score: row.score,
    level: row.level,
    required: Number(row.required),
    verified: Number(row.verified),
    rated: Number(row.competencies_rated),
    achieved: Number(row.achieved),
    open: Number(row.open),
    awaiting: Number(row.awaiting),
    stale: row.stale,
    lastSharedOn: row.last_shared_on,
    unverifiedTemplateIds: row.unverified.map((u) => u.templateId).sort(),
    weakCompetencies: row.competencies
      .filter((c) => c.mean === null || Number(c.mean) < 3)
      .map((c) => c.key)
      .sort(),
    overdueGoalIds: row.overdue.map((o) => o.goalId).sort(),
    unconfirmedGoalIds: row.unconfirmed.map((o) => o.goalId).sort(),
    ledAssignments: Number(row.led_assignments),
  };
}

// Thousands of histories, each written to the database: minutes on a loaded two-core machine.
jest.setTimeout(600000);

describe('readiness SQL equals the TypeScript reference (property)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  it(`agrees on ${RUNS} random histories, now and at a past point`, async () => {
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        const base = Date.now();
        const { orgId, menteeId, input } = await insert(db.pool, h, base);
        const past = new Date(base - h.pastPointDaysAgo * DAY - 12345);
        const q = compileReadiness({ organizationId: orgId, filter: { menteeIds: [menteeId] }, earlier: [past] });
        const { rows } = await db.pool.query<ReadinessRow>(q.sql, q.parameters);
        expect(rows).toHaveLength(2);
        for (const row of rows) {
          const expected = computeReadiness({ ...input, at: new Date(row.at) });
          const actual = fromSql(row);
          expect({ ...actual, m: undefined, c: undefined, g: undefined }).toEqual({
            ...expected,
            m: undefined,
            c: undefined,
            g: undefined,
          });
          expect(actual.m).toBeCloseTo(expected.m, 9);
          expect(actual.c).toBeCloseTo(expected.c, 9);
          expect(actual.g).toBeCloseTo(expected.g, 9);
        }
      }),
      { numRuns: RUNS, seed: 424242, endOnFailure: true },
    );
  });
});
