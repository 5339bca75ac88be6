import request from 'supertest';
import { Clock } from '@leadpath/platform/time';
import { tableChecksum } from '../support/checksum';
import { Factory, buildWorld, type World } from '../support/factories';
import { as } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

describe('the voices of those led about a stretch assignment', () => {
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

  const answer = (
    token: string,
    ratings: Record<string, number>,
    text: { wentWell?: string; couldHelp?: string } = {},
  ) =>
    request(t.server)
      .post(`/api/v1/respond/${token}`)
      .send({ ratings: Object.entries(ratings).map(([competency, rating]) => ({ competency, rating })), ...text });

  const results = async (assignmentId: string, token = w.manager.token) =>
    (await as(t, token).get(`/api/v1/assignments/${assignmentId}/results`).expect(200)).body;

  it('asking for feedback: only on an active or completed assignment, at most 30, never the same address twice, never the lead', async () => {
    const planned = await f.assignment(w.target, w.manager.id, { status: 'planned' });
    const ask = (id: string, respondents: object[], token = w.manager.token) =>
      as(t, token).post(`/api/v1/assignments/${id}/feedback-requests`, { respondents });
    await ask(planned, [{ email: 'ana@example.test', name: 'Ana' }]).expect(409);

    const id = await f.assignment(w.target, w.manager.id);
    const colleague = await f.user(w.orgA.id, ['mentee']);
    const created = await ask(id, [{ userId: colleague.id }, { email: 'Ana@Example.test', name: 'Ana' }]).expect(201);
    expect(created.body.items).toHaveLength(2);
    expect(created.body.items[0]).toMatchObject({ userId: colleague.id, email: colleague.email });
    expect(new Date(created.body.items[0].expiresAt).getTime() - Date.now()).toBeGreaterThan(13.9 * DAY);

    const before = await tableChecksum(t.db.pool);
    await ask(id, [{ email: 'ana@example.test', name: 'Ana again' }]).expect(409);
    await ask(id, [{ userId: colleague.id }]).expect(409);
    await ask(id, [
      { email: 'bo@example.test', name: 'Bo' },
      { email: 'BO@example.test', name: 'Bo' },
    ]).expect(400);
    await ask(id, [{ userId: w.target.userId }]).expect(400);
    await ask(id, [{ email: w.target.user.email, name: 'Me' }]).expect(400);
    await ask(id, [{ userId: w.managerB.id }]).expect(400);
    await ask(id, [{ email: 'no-name@example.test' }]).expect(400);
    await ask(id, [{ email: 'not an address', name: 'X' }]).expect(400);
    await ask(id, []).expect(400);
    const many = Array.from({ length: 31 }, (_, i) => ({ email: `p${i}@example.test`, name: `P${i}` }));
    await ask(id, many).expect(400);
    await ask(id, many.slice(0, 29)).expect(409); // 2 asked already: 31 in all
    await ask(id, [{ email: 'mentor-says@example.test', name: 'X' }], w.mentor.token).expect(403);
    expect(await tableChecksum(t.db.pool)).toBe(before);

    const asked = await as(t, w.manager.token).get(`/api/v1/assignments/${id}`).expect(200);
    expect(asked.body.feedback).toEqual({
      requested: 2,
      responses: 0,
      pending: null,
      threshold: 3,
      awaitingApproval: 0,
    });
  });

  it('whom to ask: active people of the organization, not the lead, not those already asked, found by name or address', async () => {
    const id = await f.assignment(w.target, w.manager.id);
    const tag = `cand${Date.now().toString(36)}`;
    const asked = await f.user(w.orgA.id, ['mentee'], { name: `Asked ${tag}`, email: `asked-${tag}@example.test` });
    const fresh = await f.user(w.orgA.id, ['mentee'], { name: `Fresh ${tag}`, email: `fresh-${tag}@example.test` });
    const gone = await f.user(w.orgA.id, ['mentee'], { name: `Gone ${tag}`, email: `gone-${tag}@example.test` });
    await as(t, w.hr.token).patch(`/api/v1/users/${gone.id}`, { active: false }).expect(200);
    await as(t, w.manager.token)
      .post(`/api/v1/assignments/${id}/feedback-requests`, { respondents: [{ userId: asked.id }] })
      .expect(201);
    const find = (search: string, token = w.target.user.token) =>
      as(t, token).get(`/api/v1/assignments/${id}/respondent-candidates?search=${encodeURIComponent(search)}`);
    expect((await find(tag).expect(200)).body.items).toEqual([
      { id: fresh.id, name: `Fresh ${tag}`, email: `fresh-${tag}@example.test` },
    ]);
    expect((await find(`FRESH-${tag}@`, w.manager.token).expect(200)).body.items).toHaveLength(1);
    // The lead is never offered, and a wildcard is a character like any other.
    const all = (
      await as(t, w.manager.token).get(`/api/v1/assignments/${id}/respondent-candidates?limit=200`).expect(200)
    ).body.items.map((c: { id: string }) => c.id);
    expect(all).toContain(fresh.id);
    expect(all).not.toContain(w.target.user.id);
    expect((await find('%').expect(200)).body.items).toEqual([]);
    // Paged: one at a time reaches the same people.
    const first = await as(t, w.manager.token)
      .get(`/api/v1/assignments/${id}/respondent-candidates?limit=1`)
      .expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    await find(tag, w.mentor.token).expect(403);
    await find(tag, w.hrB.token).expect(403);
    await find(tag, w.otherManager.token).expect(404);
    await find('x'.repeat(101)).expect(400);
  });

  it('an organization user sees their own open requests with the link, and nobody else’s', async () => {
    const id = await f.assignment(w.target, w.manager.id);
    const led = await f.user(w.orgA.id, ['mentee']);
    const other = await f.user(w.orgA.id, ['manager']);
    await as(t, w.target.user.token)
      .post(`/api/v1/assignments/${id}/feedback-requests`, { respondents: [{ userId: led.id }] })
      .expect(201);

    const mine = await as(t, led.token).get('/api/v1/me/feedback-requests').expect(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ leadName: expect.any(String), assignmentTitle: expect.any(String) });
    const link: string = mine.body.items[0].respondPath;
    expect(link).toMatch(/^\/respond\/[A-Za-z0-9_-]{43}$/);
    for (const token of [other.token, w.manager.token, w.target.user.token, w.hr.token, w.hrB.token]) {
      const theirs = await as(t, token).get('/api/v1/me/feedback-requests').expect(200);
      expect(theirs.body.items.map((r: { id: string }) => r.id)).not.toContain(mine.body.items[0].id);
    }

    const form = await request(t.server).get(`/api/v1${link}`).expect(200);
    expect(form.body.questions.map((q: { competency: string }) => q.competency)).toEqual([
      'communication',
      'delegation',
    ]);
    expect(form.body.questions[1].question).toMatch(/delegated the outcome, not just tasks/i);

    await answer(link.slice('/respond/'.length), { communication: 5, delegation: 4 }).expect(204);
    expect((await as(t, led.token).get('/api/v1/me/feedback-requests').expect(200)).body.items).toEqual([]);
  });

  it('a link answers once, expires after 14 days, and an unknown link is not found', async () => {
    const id = await f.assignment(w.target, w.manager.id);
    const token = await f.feedbackLink(w.orgA.id, id);
    await answer(token, { communication: 4 }).expect(400); // delegation is missing
    await answer(token, { communication: 4, delegation: 3, hiring: 2 }).expect(400);
    await answer(token, { communication: 4, delegation: 3 }).expect(204);
    await answer(token, { communication: 1, delegation: 1 }).expect(409);
    await request(t.server).get(`/api/v1/respond/${token}`).expect(409);

    const res = await as(t, w.manager.token)
      .post(`/api/v1/assignments/${id}/feedback-requests`, {
        respondents: [{ email: 'late@example.test', name: 'Late' }],
      })
      .expect(201);
    const expiresAt = new Date(res.body.items[0].expiresAt);
    const late = await f.feedbackLink(w.orgA.id, id, { expiresAt });
    const clock = t.app.get(Clock);
    clock.set(new Date(expiresAt.getTime() - 1000));
    await request(t.server).get(`/api/v1/respond/${late}`).expect(200);
    clock.set(new Date(expiresAt.getTime() + 1000));
    await request(t.server).get(`/api/v1/respond/${late}`).expect(410);
    await answer(late, { communication: 4, delegation: 3 }).expect(410);

    await request(t.server)
      .get(`/api/v1/respond/${'A'.repeat(43)}`)
      .expect(404);
    await request(t.server).get('/api/v1/respond/short').expect(404);
    await answer('x'.repeat(43), { communication: 4 }).expect(404);
  });

  it('results stay hidden below the threshold: 2 answers show nothing (not even that there are 2), 3 show the aggregate', async () => {
    const id = await f.assignment(w.target, w.manager.id);
    const tokens = [
      await f.feedbackLink(w.orgA.id, id),
      await f.feedbackLink(w.orgA.id, id),
      await f.feedbackLink(w.orgA.id, id),
    ];
    await answer(
      tokens[0],
      { communication: 5, delegation: 2 },
      { wentWell: 'Clear goals', couldHelp: 'Listen more' },
    ).expect(204);
    await answer(tokens[1], { communication: 4, delegation: 3 }, { wentWell: 'Calm in the outage' }).expect(204);
    expect(await results(id)).toEqual({
      responses: 0,
      pending: null,
      threshold: 3,
      competencies: null,
      comments: null,
    });

    await answer(tokens[2], { communication: 3, delegation: 3 }, { couldHelp: 'Hand over more' }).expect(204);
    const shown = await results(id, w.hr.token);
    expect(shown).toMatchObject({ responses: 3, pending: 0 });
    expect(shown.competencies).toEqual([
      { key: 'communication', mean: 4, distribution: [0, 0, 1, 1, 1] },
      { key: 'delegation', mean: 2.67, distribution: [0, 1, 2, 0, 0] },
    ]);
    expect(shown.comments.wentWell.sort()).toEqual(['Calm in the outage', 'Clear goals']);
    expect(shown.comments.couldHelp.sort()).toEqual(['Hand over more', 'Listen more']);
    await as(t, w.otherManager.token).get(`/api/v1/assignments/${id}/results`).expect(404);
  });

  it('HR may raise the threshold but never below 3', async () => {
    const id = await f.assignment(w.target, w.manager.id);
    for (const token of [
      await f.feedbackLink(w.orgA.id, id),
      await f.feedbackLink(w.orgA.id, id),
      await f.feedbackLink(w.orgA.id, id),
    ]) {
      await answer(token, { communication: 4, delegation: 4 }).expect(204);
    }
    await as(t, w.hr.token).patch('/api/v1/framework/settings', { ledFeedbackThreshold: 2 }).expect(400);
    await as(t, w.hr.token).patch('/api/v1/framework/settings', { ledFeedbackThreshold: 4 }).expect(200);
    try {
      expect(await results(id)).toEqual({
        responses: 3,
        pending: null,
        threshold: 4,
        competencies: null,
        comments: null,
      });
    } finally {
      await as(t, w.hr.token).patch('/api/v1/framework/settings', { ledFeedbackThreshold: 3 }).expect(200);
    }
    expect((await results(id)).competencies).not.toBeNull();
  });

  it('unlinkable: no table or audit event joins a response to its respondent, request or link', async () => {
    const id = await f.assignment(w.target, w.manager.id);
    const led = await f.user(w.orgA.id, ['mentee']);
    await as(t, w.manager.token)
      .post(`/api/v1/assignments/${id}/feedback-requests`, { respondents: [{ userId: led.id }] })
      .expect(201);
    const mine = await as(t, led.token).get('/api/v1/me/feedback-requests').expect(200);
    const requestId: string = mine.body.items[0].id;
    const token = (mine.body.items[0].respondPath as string).split('/').pop()!;
    await answer(token, { communication: 2, delegation: 5 }, { wentWell: 'Unique phrase 7f3a' }).expect(204);

    // The response row holds what was said, about which assignment, and whether it is shown yet: nothing else.
    const { rows: columns } = await t.db.pool.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'led_responses' ORDER BY column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'assignment_id',
      'could_help',
      'id',
      'organization_id',
      'published',
      'ratings',
      'went_well',
    ]);
    // No foreign key leads from a response anywhere but its assignment and organization, and none leads to it.
    const { rows: keys } = await t.db.pool.query<{ source: string; target: string }>(
      `SELECT conrelid::regclass::text AS source, confrelid::regclass::text AS target FROM pg_constraint
        WHERE contype = 'f' AND (conrelid = 'led_responses'::regclass OR confrelid = 'led_responses'::regclass)
        ORDER BY 2`,
    );
    expect(keys).toEqual([
      { source: 'led_responses', target: 'assignments' },
      { source: 'led_responses', target: 'organizations' },
    ]);
    // The request records only that it was answered.
    const { rows: req } = await t.db.pool.query('SELECT * FROM feedback_requests WHERE id = $1', [requestId]);
    expect(req[0].answered).toBe(true);
    expect(Object.keys(req[0]).filter((k) => /response|answered_at|rating|went|help/.test(k))).toEqual([]);
    // The audit trail says an answer arrived, about which assignment, from nobody in particular.
    const { rows: events } = await t.db.pool.query(
      `SELECT actor_id, object_type, object_id, request_id FROM audit_events WHERE action = 'assignment.feedback_received'
         AND object_id = $1`,
      [id],
    );
    expect(events).toEqual([{ actor_id: null, object_type: 'assignment', object_id: id, request_id: null }]);
    const { rows: leaks } = await t.db.pool.query(
      `SELECT id FROM audit_events WHERE actor_id = $1 OR object_id = $2 OR row_to_json(audit_events)::text LIKE $3`,
      [led.id, requestId, `%${token}%`],
    );
    expect(leaks).toEqual([]);
  });
});
