import { compileReadiness, ReadModelService, type ReadinessRow } from '@leadpath/readiness';
import { ANSWERS, Factory, buildWorld, type TestMentee, type World } from '../support/factories';
import { as } from '../support/http';
import { teamCells } from '../support/team-cells';
import { withTestApp } from '../support/suite';
import { startTestApp, type TestApp } from '../support/test-app';

const today = () => new Date().toISOString().slice(0, 10);

interface Row {
  mentee_id: string;
  name: string;
  manager_id: string;
  department: string | null;
  phase: string;
  score: number;
  level: string;
  verified: number;
  required: number;
  competencies_total: number;
  achieved_goals: number;
  open_goals: number;
  awaiting_goals: number;
  means: Record<string, number | null>;
  last_shared_on: string | null;
  self_suggestion: string | null;
  generation: string;
}

/**
 * One test per write that changes a readiness input: after the request, the mentee's read-model
 * row already equals the definition (same transaction), and the field the write moves moved.
 * The background loop is off here: only the request itself can have refreshed the row.
 */
describe('readiness read model: every write that changes an input refreshes its mentee', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  let m: TestMentee;

  beforeAll(async () => {
    t = await startTestApp({ READINESS_RECOMPUTE_INTERVAL_MS: '0' });
    f = new Factory(t);
    w = await buildWorld(f);
  });

  beforeEach(async () => {
    m = await f.mentee(w.orgA.id, { managerId: w.manager.id, mentorId: w.mentor.id, phase: 'lead_without_title' });
  });

  afterAll(async () => {
    await t.close();
  });

  const row = async (menteeId: string): Promise<Row> =>
    (await t.db.pool.query<Row>('SELECT * FROM mentee_readiness WHERE mentee_id = $1', [menteeId])).rows[0];

  /** The row equals the definition computed now, field by field. */
  async function expectFresh(menteeId: string): Promise<Row> {
    const stored = await row(menteeId);
    const q = compileReadiness({ organizationId: w.orgA.id, filter: { menteeIds: [menteeId] } });
    const [fresh] = (await t.db.pool.query<ReadinessRow>(q.sql, q.parameters)).rows;
    expect({
      phase: stored.phase,
      score: stored.score,
      level: stored.level,
      verified: stored.verified,
      required: stored.required,
      achieved: stored.achieved_goals,
      open: stored.open_goals,
      awaiting: stored.awaiting_goals,
      lastShared: stored.last_shared_on,
      manager: stored.manager_id,
      department: stored.department,
    }).toEqual({
      phase: fresh.phase,
      score: fresh.score,
      level: fresh.level,
      verified: Number(fresh.verified),
      required: Number(fresh.required),
      achieved: Number(fresh.achieved),
      open: Number(fresh.open),
      awaiting: Number(fresh.awaiting),
      lastShared: fresh.last_shared_on,
      manager: fresh.manager_id,
      department: fresh.department,
    });
    return stored;
  }

  it('enrolment creates the row', async () => {
    const user = await f.user(w.orgA.id, ['mentee']);
    const res = await as(t, w.hr.token)
      .post('/api/v1/mentees', { userId: user.id, managerId: w.manager.id })
      .expect(201);
    const created = await expectFresh(res.body.id);
    expect(created.phase).toBe('build_credibility');
  });

  it('feedback create: a shared rating moves the mean and the last shared date', async () => {
    expect((await row(m.id)).means.communication).toBeNull();
    await as(t, w.manager.token)
      .post(`/api/v1/mentees/${m.id}/feedback`, {
        occurredOn: today(),
        visibility: 'shared',
        ratings: [{ competency: 'communication', rating: 5 }],
        strengths: 'x',
      })
      .expect(201);
    const after = await expectFresh(m.id);
    expect(Number(after.means.communication)).toBe(5);
    expect(after.last_shared_on).toBe(today());
  });

  it('feedback edit: ratings and visibility', async () => {
    const created = await as(t, w.manager.token)
      .post(`/api/v1/mentees/${m.id}/feedback`, {
        occurredOn: today(),
        visibility: 'shared',
        ratings: [{ competency: 'delegation', rating: 2 }],
      })
      .expect(201);
    await as(t, w.manager.token)
      .patch(`/api/v1/feedback/${created.body.id}`, { ratings: [{ competency: 'delegation', rating: 4 }] })
      .expect(200);
    expect(Number((await expectFresh(m.id)).means.delegation)).toBe(4);
    await as(t, w.manager.token).patch(`/api/v1/feedback/${created.body.id}`, { visibility: 'private' }).expect(200);
    const after = await expectFresh(m.id);
    expect(after.means.delegation).toBeNull();
    expect(after.last_shared_on).toBeNull();
  });

  it('milestone verify and revoke', async () => {
    const templateId = await f.templateId(w.orgA.id, 'mentor_junior');
    await as(t, m.user.token)
      .put(`/api/v1/mentees/${m.id}/milestones/${templateId}`, { status: 'completed' })
      .expect(200);
    await as(t, w.manager.token).post(`/api/v1/mentees/${m.id}/milestones/${templateId}/verify`).expect(200);
    expect((await expectFresh(m.id)).verified).toBe(1);
    await as(t, w.hr.token)
      .post(`/api/v1/mentees/${m.id}/milestones/${templateId}/revoke`, { reason: 'not really' })
      .expect(200);
    expect((await expectFresh(m.id)).verified).toBe(0);
  });

  it('goal create and status change', async () => {
    const goal = await as(t, w.manager.token)
      .post(`/api/v1/mentees/${m.id}/goals`, { title: 'Run the retro', competency: 'communication' })
      .expect(201);
    expect((await expectFresh(m.id)).open_goals).toBe(1);
    await as(t, w.manager.token).patch(`/api/v1/goals/${goal.body.id}`, { status: 'achieved' }).expect(200);
    const after = await expectFresh(m.id);
    expect([after.open_goals, after.achieved_goals, after.awaiting_goals]).toEqual([0, 1, 0]);
  });

  it('a goal the mentee marks achieved awaits confirmation until the line manager confirms it', async () => {
    const goal = await as(t, w.manager.token)
      .post(`/api/v1/mentees/${m.id}/goals`, { title: 'Lead the incident review', competency: 'communication' })
      .expect(201);
    await as(t, m.user.token).patch(`/api/v1/goals/${goal.body.id}`, { status: 'achieved' }).expect(200);
    const claimed = await expectFresh(m.id);
    expect([claimed.open_goals, claimed.achieved_goals, claimed.awaiting_goals]).toEqual([1, 0, 1]);
    await as(t, w.manager.token).post(`/api/v1/goals/${goal.body.id}/confirm`).expect(200);
    const confirmed = await expectFresh(m.id);
    expect([confirmed.open_goals, confirmed.achieved_goals, confirmed.awaiting_goals]).toEqual([0, 1, 0]);
    // Reopened and claimed again: the confirmation is withdrawn, and the claim awaits anew.
    await as(t, m.user.token).patch(`/api/v1/goals/${goal.body.id}`, { status: 'open' }).expect(200);
    expect((await expectFresh(m.id)).awaiting_goals).toBe(0);
    await as(t, m.user.token).patch(`/api/v1/goals/${goal.body.id}`, { status: 'achieved' }).expect(200);
    expect((await expectFresh(m.id)).awaiting_goals).toBe(1);
  });

  it('phase change and a move to another manager and department', async () => {
    await as(t, w.hr.token)
      .patch(`/api/v1/mentees/${m.id}`, { phase: 'growing_scope', managerId: w.otherManager.id, department: 'Data' })
      .expect(200);
    const after = await expectFresh(m.id);
    expect([after.phase, after.manager_id, after.department]).toEqual(['growing_scope', w.otherManager.id, 'Data']);
    // The summary's team cells moved with the mentee, from the old team to the new one.
    const cells = await teamCells(t.db.pool, w.orgA.id);
    expect(cells.kept).toEqual(cells.summed);
    expect(cells.kept.some((c) => c.manager_id === w.otherManager.id && c.department === 'Data')).toBe(true);
  });

  it('a team that loses its last mentee loses its cells', async () => {
    const solo = await f.user(w.orgA.id, ['manager']);
    const alone = await f.mentee(w.orgA.id, { managerId: solo.id, department: 'Solo' });
    const soloCells = async () => (await teamCells(t.db.pool, w.orgA.id)).kept.filter((c) => c.manager_id === solo.id);
    expect((await soloCells()).length).toBeGreaterThan(0);
    await as(t, w.hr.token).patch(`/api/v1/mentees/${alone.id}`, { managerId: w.otherManager.id }).expect(200);
    expect(await soloCells()).toEqual([]);
    const { rows } = await t.db.pool.query(
      'SELECT count(*)::int AS n FROM readiness_team_cells WHERE mentees = 0 AND rated = 0 AND total = 0',
    );
    expect(rows[0].n).toBe(0);
    const cells = await teamCells(t.db.pool, w.orgA.id);
    expect(cells.kept).toEqual(cells.summed);
  });

  it('a self-assessment sets the latest suggestion', async () => {
    await as(t, m.user.token)
      .post(`/api/v1/mentees/${m.id}/assessments`, { kind: 'self', answers: ANSWERS })
      .expect(201);
    expect((await row(m.id)).self_suggestion).not.toBeNull();
  });

  it('a renamed mentee is renamed in the read model', async () => {
    await as(t, w.hr.token).patch(`/api/v1/users/${m.userId}`, { name: 'Zelda Renamed' }).expect(200);
    expect((await row(m.id)).name).toBe('Zelda Renamed');
  });

  it('organization-wide changes leave rows pending until the recompute, which brings them to the definition', async () => {
    const drain = t.app.get(ReadModelService);
    await drain.drain();
    const pending = async () =>
      (
        await t.db.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM mentee_readiness r WHERE r.organization_id = $1
              AND r.generation < (SELECT generation FROM readiness_generations g WHERE g.organization_id = $1)`,
          [w.orgA.id],
        )
      ).rows[0].n;
    const mentees = (await t.db.pool.query('SELECT 1 FROM mentees WHERE organization_id = $1', [w.orgA.id])).rowCount;

    await as(t, w.hr.token)
      .patch('/api/v1/framework/settings', { weights: { milestones: 0.1, competencies: 0.1, goals: 0.8 } })
      .expect(200);
    expect(await pending()).toBe(mentees);
    expect(await drain.drain()).toBeGreaterThanOrEqual(mentees!);
    expect(await pending()).toBe(0);
    await expectFresh(m.id);

    const competency = await as(t, w.hr.token)
      .post('/api/v1/framework/competencies', { key: 'negotiation', name: 'Negotiation' })
      .expect(201);
    expect(await pending()).toBe(mentees);
    await drain.drain();
    expect((await expectFresh(m.id)).means).toHaveProperty('negotiation', null);

    await as(t, w.hr.token)
      .patch(`/api/v1/framework/competencies/${competency.body.id}`, { retired: true })
      .expect(200);
    expect(await pending()).toBe(mentees);
    await drain.drain();
    expect((await expectFresh(m.id)).means).not.toHaveProperty('negotiation');

    const template = await as(t, w.hr.token)
      .post('/api/v1/framework/milestones', { key: 'extra_step', phase: 'lead_without_title', title: 'Extra' })
      .expect(201);
    expect(await pending()).toBe(mentees);
    await drain.drain();
    const required = (await expectFresh(m.id)).required;
    await as(t, w.hr.token).patch(`/api/v1/framework/milestones/${template.body.id}`, { retired: true }).expect(200);
    expect(await pending()).toBe(mentees);
    await drain.drain();
    expect((await expectFresh(m.id)).required).toBe(required - 1);
  });

  it('the mentee list carries each mentee’s score, level and last one-on-one, and filters by level', async () => {
    await f.feedback(m, w.manager.id, { occurredOn: today(), ratings: { communication: 5, delegation: 5 } });
    const list = await as(t, w.manager.token).get('/api/v1/mentees?limit=200').expect(200);
    const item = list.body.items.find((x: { id: string }) => x.id === m.id);
    const readiness = (await as(t, w.manager.token).get(`/api/v1/mentees/${m.id}/readiness`).expect(200)).body;
    expect(item.readiness).toMatchObject({
      score: readiness.score,
      level: readiness.level,
      lastSharedFeedbackOn: today(),
      stale: false,
      recomputePending: false,
    });
    const byLevel = await as(t, w.manager.token).get(`/api/v1/mentees?level=${readiness.level}&limit=200`).expect(200);
    expect(byLevel.body.items.map((x: { id: string }) => x.id)).toContain(m.id);
    expect(
      byLevel.body.items.every((x: { readiness: { level: string } }) => x.readiness.level === readiness.level),
    ).toBe(true);
    await as(t, w.manager.token).get('/api/v1/mentees?level=superb').expect(400);
  });

  it('the summary says when a recompute is pending, and as of when', async () => {
    const drain = t.app.get(ReadModelService);
    await drain.drain();
    const before = (await as(t, w.hr.token).get('/api/v1/reports/summary').expect(200)).body;
    expect(before).toMatchObject({ recomputePending: false, pendingMentees: 0, asOf: expect.any(String) });
    await as(t, w.hr.token).patch('/api/v1/framework/settings', { staleFeedbackDays: 31 }).expect(200);
    const during = (await as(t, w.hr.token).get('/api/v1/reports/summary').expect(200)).body;
    expect(during).toMatchObject({ recomputePending: true, pendingMentees: before.mentees });
    const list = await as(t, w.hr.token).get('/api/v1/mentees?limit=200').expect(200);
    expect(
      list.body.items.every((x: { readiness: { recomputePending: boolean } }) => x.readiness.recomputePending),
    ).toBe(true);
    await drain.drain();
    const after = (await as(t, w.hr.token).get('/api/v1/reports/summary').expect(200)).body;
    expect(after).toMatchObject({ recomputePending: false, pendingMentees: 0 });
    expect(after.staleCount).toBe(after.staleMentees.length);
  });

  it('concurrent writers on one mentee and a recompute leave the row equal to the definition', async () => {
    const drain = t.app.get(ReadModelService);
    await as(t, w.hr.token).patch('/api/v1/framework/settings', { staleFeedbackDays: 20 }).expect(200);
    const writes = Array.from({ length: 16 }, (_, i) =>
      as(t, i % 2 ? w.manager.token : w.mentor.token)
        .post(`/api/v1/mentees/${m.id}/feedback`, {
          occurredOn: today(),
          visibility: 'shared',
          ratings: [{ competency: 'hiring', rating: 1 + (i % 5) }],
        })
        .expect(201),
    );
    await Promise.all([...writes, drain.drain()]);
    await drain.drain();
    const after = await expectFresh(m.id);
    expect(after.means.hiring).not.toBeNull();
  });
});

describe('readiness read model: the background recompute', () => {
  let t: TestApp;
  withTestApp((app) => (t = app), { READINESS_RECOMPUTE_INTERVAL_MS: '50', READINESS_RECOMPUTE_BATCH: '2' });

  it('runs by itself in the API process and brings every pending row back, in batches', async () => {
    const f = new Factory(t);
    const w = await buildWorld(f);
    await as(t, w.hr.token).patch('/api/v1/framework/settings', { staleFeedbackDays: 12 }).expect(200);
    const pending = async () =>
      (await as(t, w.hr.token).get('/api/v1/reports/summary').expect(200)).body.pendingMentees as number;
    // Bounded by a count of polls, not by a time the machine must meet.
    let left = await pending();
    for (let polls = 0; left > 0 && polls < 600; polls++) {
      await new Promise((r) => setTimeout(r, 100));
      left = await pending();
    }
    expect(left).toBe(0);
  });
});
