import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Pool } from 'pg';
import { PHASES } from '@leadpath/mentees';
import { GAP_BELOW_MEAN } from '@leadpath/platform/domain';
import { compileReadiness, type ReadinessRow } from '@leadpath/readiness';
import { computeReadiness, type ReferenceInput } from './reference';
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
  // Enrolled long ago for most histories, recently for some: the stale clock starts at enrolment.
  enrolledDaysAgo: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.constant(1000)),
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

/**
 * One statement per history: each table's rows travel as one JSON array and are inserted through
 * the table's own row type, so a case costs one round trip instead of dozens (foreign keys are
 * checked at the end of the statement, so the order of the parts does not matter).
 */
async function insertAll(pool: Pool, tables: [table: string, rows: Record<string, unknown>[]][]): Promise<void> {
  const filled = tables.filter(([, rows]) => rows.length > 0);
  const ctes = filled.map(([table, rows]) => {
    const columns = Object.keys(rows[0]).join(', ');
    return `${table}_rows AS (INSERT INTO ${table} (${columns})
      SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb -> '${table}'))`;
  });
  await pool.query(`WITH ${ctes.join(',\n')} SELECT 1`, [JSON.stringify(Object.fromEntries(filled))]);
}

async function insert(
  pool: Pool,
  h: History,
  base: number,
): Promise<{ orgId: string; menteeId: string; input: Omit<ReferenceInput, 'at'> }> {
  const orgId = randomUUID();
  const managerId = randomUUID();
  const userId = randomUUID();
  const menteeId = randomUUID();
  const own = { organization_id: orgId };
  const enrolledAt = stamp(base, h.enrolledDaysAgo, 41);
  const phaseChanges = h.phaseChanges.map((c, i) => ({
    id: randomUUID(),
    toPhase: c.toPhase,
    changedAt: stamp(base, c.daysAgo, i * 97),
  }));
  const competencies = h.competencies.map((c, i) => ({
    key: c.key,
    retiredAt: c.retiredDaysAgo === null ? null : stamp(base, c.retiredDaysAgo, i * 31),
  }));
  const templates = h.templates.map((t, i) => ({
    id: randomUUID(),
    phase: t.phase,
    required: t.required,
    retiredAt: t.retiredDaysAgo === null ? null : stamp(base, t.retiredDaysAgo, i * 53),
    record: t.record,
  }));
  const recorded = templates.flatMap((t, i) =>
    t.record === 'none'
      ? []
      : [{ templateId: t.id, verifiedAt: t.record === 'unverified' ? null : stamp(base, t.record, i * 7) }],
  );
  const milestones: ReferenceInput['milestones'] = recorded;
  const feedback = h.feedback.map((x, i) => ({
    id: randomUUID(),
    occurredOn: day(base, x.occurredDaysAgo),
    createdAt: stamp(base, x.createdDaysAgo, i * 13 + 1),
    visibility: x.visibility,
    ratings: x.ratings,
  }));
  const goals = h.goals.map((g, i) => ({
    id: randomUUID(),
    status: g.status,
    createdAt: stamp(base, g.createdDaysAgo, i * 17),
    statusChangedAt: g.changedDaysAgo === null ? null : stamp(base, g.changedDaysAgo, i * 19),
    confirmedAt: g.confirmedDaysAgo === null ? null : stamp(base, g.confirmedDaysAgo, i * 23),
    targetDate: g.targetDaysAgo === null ? null : day(base, g.targetDaysAgo),
  }));
  const assignments = h.assignments.map((a, i) => ({
    id: randomUUID(),
    status: a.status,
    statusChangedAt: a.status === 'planned' ? null : stamp(base, a.changedDaysAgo, i * 23),
    responses: a.responses,
  }));
  await insertAll(pool, [
    ['organizations', [{ id: orgId, name: 'prop' }]],
    [
      'organization_settings',
      [
        {
          ...own,
          weight_milestones: h.weights.m,
          weight_competencies: h.weights.c,
          weight_goals: h.weights.g,
          stale_feedback_days: h.staleDays,
          led_voice_weight: h.ledWeight,
          led_feedback_threshold: h.ledThreshold,
        },
      ],
    ],
    [
      'users',
      [
        { id: managerId, ...own, email: `${managerId}@p.test`, name: 'M', roles: ['manager'], password_hash: 'x' },
        { id: userId, ...own, email: `${userId}@p.test`, name: 'E', roles: ['mentee'], password_hash: 'x' },
      ],
    ],
    [
      'mentees',
      [{ id: menteeId, ...own, user_id: userId, manager_id: managerId, phase: h.currentPhase, created_at: enrolledAt }],
    ],
    [
      'phase_changes',
      phaseChanges.map((c) => ({
        id: c.id,
        ...own,
        mentee_id: menteeId,
        to_phase: c.toPhase,
        changed_by: managerId,
        changed_at: c.changedAt,
      })),
    ],
    ['competencies', competencies.map((c) => ({ ...own, key: c.key, name: c.key, retired_at: c.retiredAt }))],
    [
      'milestone_templates',
      templates.map((t, i) => ({
        id: t.id,
        ...own,
        key: `t${i}`,
        phase: t.phase,
        title: 'T',
        required: t.required,
        retired_at: t.retiredAt,
      })),
    ],
    [
      'mentee_milestones',
      recorded.map((m) => ({
        ...own,
        mentee_id: menteeId,
        template_id: m.templateId,
        status: 'completed',
        recorded_by: userId,
        verified_by: m.verifiedAt ? managerId : null,
        verified_at: m.verifiedAt,
      })),
    ],
    [
      'feedback',
      feedback.map((x) => ({
        id: x.id,
        ...own,
        mentee_id: menteeId,
        author_id: managerId,
        author_role: 'manager',
        occurred_on: x.occurredOn,
        visibility: x.visibility,
        created_at: x.createdAt,
      })),
    ],
    [
      'feedback_ratings',
      feedback.flatMap((x) =>
        Object.entries(x.ratings).map(([key, rating]) => ({
          ...own,
          feedback_id: x.id,
          competency_key: key,
          rating,
        })),
      ),
    ],
    [
      'goals',
      goals.map((g) => ({
        id: g.id,
        ...own,
        mentee_id: menteeId,
        title: 'G',
        competency_key: 'c0',
        status: g.status,
        created_by: managerId,
        created_at: g.createdAt,
        status_changed_at: g.statusChangedAt,
        target_date: g.targetDate,
        confirmed_at: g.confirmedAt,
        confirmed_by: g.confirmedAt ? managerId : null,
      })),
    ],
    [
      'assignments',
      assignments.map((a) => ({
        id: a.id,
        ...own,
        mentee_id: menteeId,
        title: 'A',
        kind: 'lead_project',
        competency_keys: KEYS,
        starts_on: '2025-01-01',
        status: a.status,
        status_changed_at: a.statusChangedAt,
        created_by: managerId,
      })),
    ],
    [
      'led_responses',
      // Published answers: those held for the next batch count nowhere (see LedVoiceService.respond).
      assignments.flatMap((a) =>
        a.responses.map((ratings) => ({ ...own, assignment_id: a.id, ratings, published: true })),
      ),
    ],
  ]);
  return {
    orgId,
    menteeId,
    input: {
      currentPhase: h.currentPhase,
      phaseChanges,
      weights: h.weights,
      staleDays: h.staleDays,
      enrolledAt,
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
    pastDue: Number(row.past_due),
    awaiting: Number(row.awaiting),
    stale: row.stale,
    lastSharedOn: row.last_shared_on,
    unverifiedTemplateIds: row.unverified.map((u) => u.templateId).sort(),
    weakCompetencies: row.competencies
      .filter((c) => c.mean === null || Number(c.mean) < GAP_BELOW_MEAN)
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
