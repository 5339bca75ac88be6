import type { Factory, World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

describe('milestones', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  withWorld((s) => ({ t, f, w } = s));

  it('lists every template of the current phase with its status, or of another phase on request', async () => {
    const res = await as(t, w.target.user.token).get(`/api/v1/mentees/${w.target.id}/milestones`).expect(200);
    expect(res.body.phase).toBe('lead_without_title');
    expect(res.body.items.length).toBeGreaterThanOrEqual(9);
    expect(res.body.items.every((m: { status: string }) => m.status === 'not_started')).toBe(true);
    const p1 = await as(t, w.target.user.token)
      .get(`/api/v1/mentees/${w.target.id}/milestones?phase=build_credibility`)
      .expect(200);
    expect(p1.body.items.map((m: { key: string }) => m.key)).toEqual([
      'volunteer_cross_team_project',
      'document_work_for_others',
      'build_relationships_outside_team',
    ]);
    await as(t, w.target.user.token).get(`/api/v1/mentees/${w.target.id}/milestones?phase=ceo`).expect(400);
  });

  it('the mentee records evidence; the manager verifies only a completed milestone; a verified one is locked; HR revokes', async () => {
    const template = await f.templateId(w.orgA.id, 'mentor_junior');
    const path = `/api/v1/mentees/${w.target.id}/milestones/${template}`;
    const started = await as(t, w.target.user.token)
      .put(path, {
        status: 'in_progress',
        evidence: { text: 'Pairing weekly with Sam', links: ['https://wiki.example.com/sam'] },
      })
      .expect(200);
    expect(started.body).toMatchObject({
      status: 'in_progress',
      verified: false,
      evidence: { links: ['https://wiki.example.com/sam'] },
    });
    await as(t, w.manager.token).post(`${path}/verify`).expect(409);
    await as(t, w.target.user.token).post(`${path}/verify`).expect(403);
    await as(t, w.target.user.token)
      .put(path, { status: 'completed', evidence: { text: 'Sam ran his first on-call' } })
      .expect(200);
    const verified = await as(t, w.manager.token).post(`${path}/verify`).expect(200);
    expect(verified.body).toMatchObject({ status: 'completed', verified: true, verifiedBy: w.manager.id });
    await as(t, w.manager.token).post(`${path}/verify`).expect(409);
    await as(t, w.target.user.token).put(path, { status: 'in_progress' }).expect(409);
    await as(t, w.mentor.token).post(`${path}/verify`).expect(403);
    await as(t, w.manager.token).post(`${path}/revoke`, { reason: 'Wrong person' }).expect(403);
    await as(t, w.hr.token).post(`${path}/revoke`, {}).expect(400);
    const revoked = await as(t, w.hr.token)
      .post(`${path}/revoke`, { reason: 'Evidence pointed at another project' })
      .expect(200);
    expect(revoked.body).toMatchObject({ verified: false, revokeReason: 'Evidence pointed at another project' });
    await as(t, w.hr.token).post(`${path}/revoke`, { reason: 'again' }).expect(409);
    await as(t, w.hr.token).post(`${path}/verify`).expect(200);
    const { rows } = await t.db.pool.query(
      `SELECT a.action FROM audit_events a JOIN mentee_milestones m ON m.id = a.object_id WHERE m.template_id = $1 ORDER BY a.occurred_at`,
      [template],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'milestone.record',
      'milestone.record',
      'milestone.verify',
      'milestone.revoke',
      'milestone.verify',
    ]);
  });

  it('validates evidence links and the template', async () => {
    const template = await f.templateId(w.orgA.id, 'own_initiative_beyond_remit');
    const path = `/api/v1/mentees/${w.target.id}/milestones/${template}`;
    for (const links of [
      ['javascript:alert(1)'],
      ['ftp://x.example.com'],
      Array(11).fill('https://a.example.com'),
      'https://a.example.com',
    ]) {
      const res = await as(t, w.target.user.token).put(path, { status: 'completed', evidence: { links } }).expect(400);
      expect(res.body.fields[0].field).toMatch(/^evidence\.links/);
    }
    await as(t, w.target.user.token).put(path, { status: 'verified' }).expect(400);
    const otherOrgTemplate = await f.templateId(w.orgB.id, 'mentor_junior');
    await as(t, w.target.user.token)
      .put(`/api/v1/mentees/${w.target.id}/milestones/${otherOrgTemplate}`, { status: 'completed' })
      .expect(404);
  });

  it('parallel verifications of one milestone: exactly one succeeds', async () => {
    const template = await f.milestone(w.target, 'completed');
    const results = await Promise.all(
      [w.manager.token, w.hr.token, w.manager.token, w.hr.token].map((token) =>
        as(t, token).post(`/api/v1/mentees/${w.target.id}/milestones/${template}/verify`),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
  });
});

describe('goals', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  withWorld((s) => ({ t, f, w } = s));

  it('the mentee sets a goal on an active competency; check-ins record progress; status moves', async () => {
    const created = await as(t, w.target.user.token)
      .post(`/api/v1/mentees/${w.target.id}/goals`, {
        title: 'Run the planning session',
        competency: 'communication',
        targetDate: '2027-01-31',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      status: 'open',
      overdue: false,
      latestProgress: null,
      createdBy: w.target.userId,
    });
    const bad = await as(t, w.target.user.token)
      .post(`/api/v1/mentees/${w.target.id}/goals`, { title: 'X', competency: 'juggling' })
      .expect(400);
    expect(bad.body.fields[0].field).toBe('competency');
    await as(t, w.manager.token)
      .post(`/api/v1/goals/${created.body.id}/check-ins`, { progress: 30, note: 'Agenda drafted' })
      .expect(201);
    await as(t, w.target.user.token).post(`/api/v1/goals/${created.body.id}/check-ins`, { progress: 101 }).expect(400);
    await as(t, w.target.user.token).post(`/api/v1/goals/${created.body.id}/check-ins`, { progress: 80 }).expect(201);
    const read = await as(t, w.mentor.token).get(`/api/v1/goals/${created.body.id}`).expect(200);
    expect(read.body.latestProgress).toBe(80);
    const checkIns = await as(t, w.mentor.token).get(`/api/v1/goals/${created.body.id}/check-ins`).expect(200);
    expect(checkIns.body.items.map((c: { progress: number }) => c.progress)).toEqual([30, 80]);
    const achieved = await as(t, w.manager.token)
      .patch(`/api/v1/goals/${created.body.id}`, { status: 'achieved' })
      .expect(200);
    expect(achieved.body.status).toBe('achieved');
    expect(achieved.body.statusChangedAt).not.toBeNull();
    await as(t, w.target.user.token).post(`/api/v1/goals/${created.body.id}/check-ins`, { progress: 90 }).expect(409);
    await as(t, w.target.user.token).patch(`/api/v1/goals/${created.body.id}`, { status: 'finished' }).expect(400);
  });

  it('flags open goals past their target date as overdue and filters by status', async () => {
    const overdue = await f.goal(w.target, w.manager.id, { targetDate: '2020-01-01' });
    await f.goal(w.target, w.manager.id, { status: 'dropped', targetDate: '2020-01-01' });
    const res = await as(t, w.manager.token).get(`/api/v1/mentees/${w.target.id}/goals?status=open`).expect(200);
    const item = res.body.items.find((g: { id: string }) => g.id === overdue);
    expect(item.overdue).toBe(true);
    const dropped = await as(t, w.manager.token).get(`/api/v1/mentees/${w.target.id}/goals?status=dropped`).expect(200);
    expect(
      dropped.body.items.every((g: { status: string; overdue: boolean }) => g.status === 'dropped' && !g.overdue),
    ).toBe(true);
  });

  it('concurrent check-ins and a status change keep the invariant: no check-in lands after the goal closed', async () => {
    const goal = await f.goal(w.target, w.manager.id);
    const requests = [
      ...Array.from({ length: 8 }, (_, i) =>
        as(t, w.target.user.token).post(`/api/v1/goals/${goal}/check-ins`, { progress: i * 10 }),
      ),
      as(t, w.manager.token).patch(`/api/v1/goals/${goal}`, { status: 'dropped' }),
    ];
    const results = await Promise.all(requests);
    expect(results.every((r) => [200, 201, 409].includes(r.status))).toBe(true);
    const { rows } = await t.db.pool.query(
      `SELECT count(*)::int AS late FROM goal_check_ins c JOIN goals g ON g.id = c.goal_id
        WHERE g.id = $1 AND c.created_at > g.status_changed_at`,
      [goal],
    );
    expect(rows[0].late).toBe(0);
    const accepted = results.filter((r) => r.status === 201).length;
    const { rows: count } = await t.db.pool.query('SELECT count(*)::int AS n FROM goal_check_ins WHERE goal_id = $1', [
      goal,
    ]);
    expect(count[0].n).toBe(accepted);
  });
});
