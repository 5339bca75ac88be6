import { Clock } from '@leadpath/platform/time';
import { tableChecksum } from '../support/checksum';
import { Factory, buildWorld, type World } from '../support/factories';
import { as } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('stretch assignments', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    w = await buildWorld(f);
  });

  afterEach(() => {
    t.app.get(Clock).set(undefined);
  });

  afterAll(async () => {
    await t.close();
  });

  it('the mentee plans an assignment, it moves planned → active → completed one step at a time, and each step is audited', async () => {
    const template = await f.templateId(w.orgA.id, 'lead_project_as_tech_lead');
    const created = await as(t, w.target.user.token)
      .post(`/api/v1/mentees/${w.target.id}/assignments`, {
        title: 'Lead the storage migration',
        kind: 'lead_project',
        competencies: ['communication', 'delegation'],
        milestoneTemplateId: template,
        startsOn: '2026-10-01',
      })
      .expect(201);
    const a = created.body;
    expect(a).toMatchObject({
      menteeId: w.target.id,
      status: 'planned',
      competencies: ['communication', 'delegation'],
      milestoneTemplateId: template,
      endsOn: null,
      feedback: { requested: 0, responses: 0, threshold: 3 },
    });
    const path = `/api/v1/assignments/${a.id}`;
    await as(t, w.manager.token).patch(path, { status: 'completed' }).expect(409);
    await as(t, w.manager.token).patch(path, { status: 'active' }).expect(200);
    await as(t, w.mentor.token).patch(path, { status: 'completed' }).expect(403);
    const done = await as(t, w.target.user.token)
      .patch(path, { status: 'completed', endsOn: '2026-11-20' })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'completed', endsOn: '2026-11-20' });
    await as(t, w.manager.token).patch(path, { status: 'active' }).expect(409);

    for (const token of [w.hr.token, w.mentor.token, w.target.user.token]) {
      const list = await as(t, token).get(`/api/v1/mentees/${w.target.id}/assignments?status=completed`).expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(a.id);
    }
    await as(t, w.otherManager.token).get(path).expect(404);
    await as(t, w.hrB.token).get(path).expect(404);

    const { rows } = await t.db.pool.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE object_id = $1 AND outcome = 'success' ORDER BY occurred_at, id`,
      [a.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['assignment.create', 'assignment.active', 'assignment.completed']);
  });

  it('bad input answers 400 naming the field, and nothing changes', async () => {
    const before = await tableChecksum(t.db.pool);
    const create = (body: object) =>
      as(t, w.manager.token).post(`/api/v1/mentees/${w.target.id}/assignments`, {
        title: 'Run the weekly planning',
        kind: 'run_meetings',
        competencies: ['communication'],
        startsOn: '2026-11-01',
        ...body,
      });
    const cases: [object, string][] = [
      [{ kind: 'take_over' }, 'kind'],
      [{ competencies: [] }, 'competencies'],
      [{ competencies: ['telepathy'] }, 'competencies'],
      [{ startsOn: '2026-02-30' }, 'startsOn'],
      [{ endsOn: '2026-10-01' }, 'endsOn'],
      [{ milestoneTemplateId: w.target.id }, 'milestoneTemplateId'],
      [{ status: 'active' }, 'status'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body).expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });
});
