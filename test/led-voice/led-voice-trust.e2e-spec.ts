import request from 'supertest';
import { FEEDBACK_MAIL_JOB, FeedbackLinks } from '@leadpath/led-voice';
import { Clock } from '@leadpath/platform/time';
import { tableChecksum } from '../support/checksum';
import { Factory, buildWorld, type TestUser, type World } from '../support/factories';
import { as } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;

/** A local part with a +tag, and a full-width, upper-case spelling of the same address. */
const tagged = (email: string, tag: string) => email.replace('@', `+${tag}@`);
const fullWidth = (email: string) =>
  email.toUpperCase().replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x41 + 0xff21));

describe('the voice of those led cannot be faked, read by difference, or used as a mail relay', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  let clock: Clock;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    w = await buildWorld(f);
    clock = t.app.get(Clock);
  });

  afterEach(() => {
    clock.set(undefined);
  });

  afterAll(async () => {
    await t.close();
  });

  const ask = (id: string, respondents: object[], token: string) =>
    as(t, token).post(`/api/v1/assignments/${id}/feedback-requests`, { respondents });
  const answer = (token: string, ratings: Record<string, number>) =>
    request(t.server)
      .post(`/api/v1/respond/${token}`)
      .send({ ratings: Object.entries(ratings).map(([competency, rating]) => ({ competency, rating })) });
  const results = async (id: string) =>
    (await as(t, w.manager.token).get(`/api/v1/assignments/${id}/results`).expect(200)).body;
  const summary = async (id: string) =>
    (await as(t, w.manager.token).get(`/api/v1/assignments/${id}`).expect(200)).body.feedback;
  const mailJobs = async (requestIds: string[]) =>
    (
      await t.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'requestId' = ANY($2::text[])`,
        [FEEDBACK_MAIL_JOB, requestIds],
      )
    ).rows[0].n;
  const linkOf = (requestId: string) => t.app.get(FeedbackLinks).token(requestId);

  describe('1. only distinct people other than the lead and the asker count', () => {
    it('the lead or the asker under any spelling of their address is refused with 400 naming the field', async () => {
      const id = await f.assignment(w.target, w.manager.id);
      const before = await tableChecksum(t.db.pool);
      const refused: [TestUser, object, string][] = [
        [w.target.user, { email: tagged(w.target.user.email, 'sock1'), name: 'Sock' }, 'respondents.0.email'],
        [w.target.user, { email: fullWidth(w.target.user.email), name: 'Sock' }, 'respondents.0.email'],
        [w.manager, { email: tagged(w.target.user.email, 'x').toUpperCase(), name: 'Lead' }, 'respondents.0.email'],
        [w.manager, { email: tagged(w.manager.email, 'me'), name: 'Me' }, 'respondents.0.email'],
        [w.manager, { userId: w.manager.id }, 'respondents.0.userId'],
        [w.target.user, { userId: w.target.userId }, 'respondents.0.userId'],
      ];
      for (const [asker, respondent, field] of refused) {
        const res = await ask(id, [respondent], asker.token).expect(400);
        expect(res.body.fields).toEqual([expect.objectContaining({ field })]);
      }
      expect(await tableChecksum(t.db.pool)).toBe(before);
    });

    it('an address that belongs to a colleague is that colleague: asked once, however spelled', async () => {
      const id = await f.assignment(w.target, w.manager.id);
      const colleague = await f.user(w.orgA.id, ['mentee']);
      // Both in one request: one person listed twice.
      await ask(
        id,
        [{ userId: colleague.id }, { email: tagged(colleague.email, 'again'), name: 'Again' }],
        w.target.user.token,
      )
        .expect(400)
        .expect((res) => expect(JSON.stringify(res.body)).toContain('respondents.1.email'));
      const first = await ask(
        id,
        [{ email: fullWidth(tagged(colleague.email, 'a')), name: 'Any' }],
        w.target.user.token,
      ).expect(201);
      // Resolved to the user: their own address and name, approved (a colleague needs no approval), on their list.
      expect(first.body.items[0]).toMatchObject({ userId: colleague.id, email: colleague.email, approval: 'approved' });
      await ask(id, [{ userId: colleague.id }], w.manager.token).expect(409);
      await ask(id, [{ email: tagged(colleague.email, 'b'), name: 'B' }], w.target.user.token).expect(409);
      expect((await summary(id)).requested).toBe(1);
    });

    it("the mentee's outside addresses wait for the line manager or HR: no mail, no working link, until approved (audited)", async () => {
      const id = await f.assignment(w.target, w.manager.id);
      const asked = await ask(
        id,
        [
          { email: 'lena.private@mailbox.test', name: 'Lena Private' },
          { email: 'lena.other@mailbox.test', name: 'Lena Other' },
          { email: 'Real.Peer@Partner.test', name: 'Real Peer' },
        ],
        w.target.user.token,
      ).expect(201);
      const byEmail = (email: string) =>
        (asked.body.items as { id: string; email: string }[]).find((r) => r.email === email)!;
      const [sock, other, peer] = [
        'lena.private@mailbox.test',
        'lena.other@mailbox.test',
        'real.peer@partner.test',
      ].map(byEmail);
      expect(asked.body.items.map((r: { approval: string }) => r.approval)).toEqual(['pending', 'pending', 'pending']);
      expect(await mailJobs([sock.id, other.id, peer.id])).toBe(0);
      for (const r of [sock, other, peer])
        await request(t.server)
          .get(`/api/v1/respond/${linkOf(r.id)}`)
          .expect(404);
      await answer(linkOf(sock.id), { communication: 5, delegation: 5 }).expect(404);
      expect(await summary(id)).toMatchObject({ requested: 3, awaitingApproval: 3 });

      const pending = await as(t, w.hr.token)
        .get(`/api/v1/assignments/${id}/feedback-requests?approval=pending`)
        .expect(200);
      expect(pending.body.items.map((r: { email: string }) => r.email).sort()).toEqual([
        'lena.other@mailbox.test',
        'lena.private@mailbox.test',
        'real.peer@partner.test',
      ]);
      // Nobody signs off their own respondents; the mentor and other managers cannot either.
      const decide = (token: string, requestIds: string[], decision: 'approve' | 'decline') =>
        as(t, token).post(`/api/v1/assignments/${id}/feedback-requests/decisions`, { requestIds, decision });
      await decide(w.target.user.token, [sock.id], 'approve').expect(403);
      await decide(w.mentor.token, [sock.id], 'approve').expect(403);
      await decide(w.otherManager.token, [sock.id], 'approve').expect(404);
      await decide(w.hrB.token, [sock.id], 'approve').expect(404);

      clock.set(new Date(Date.now() + 2 * DAY));
      const approved = await decide(w.manager.token, [peer.id], 'approve').expect(200);
      const peerRow = approved.body.items.find((r: { id: string }) => r.id === peer.id);
      expect(peerRow).toMatchObject({ approval: 'approved', decidedBy: w.manager.id });
      // The link is valid 14 days from the approval, and its invitation is owed now.
      expect(new Date(peerRow.expiresAt).getTime()).toBe(clock.now().getTime() + 14 * DAY);
      await decide(w.hr.token, [sock.id, other.id], 'decline').expect(200);
      await decide(w.hr.token, [sock.id], 'approve').expect(400); // decided already
      await decide(w.manager.token, [w.target.id], 'approve').expect(400); // not a request of this assignment
      expect(await mailJobs([peer.id])).toBe(1);
      expect(await mailJobs([sock.id, other.id])).toBe(0);
      await request(t.server)
        .get(`/api/v1/respond/${linkOf(peer.id)}`)
        .expect(200);
      await request(t.server)
        .get(`/api/v1/respond/${linkOf(sock.id)}`)
        .expect(404);
      expect(await summary(id)).toMatchObject({ requested: 1, awaitingApproval: 0 });

      const { rows } = await t.db.pool.query<{ action: string; actor_id: string }>(
        `SELECT action, actor_id FROM audit_events WHERE object_id = $1 AND action LIKE 'assignment.respondents_%'
          ORDER BY occurred_at, id`,
        [id],
      );
      expect(rows).toEqual([
        { action: 'assignment.respondents_approved', actor_id: w.manager.id },
        { action: 'assignment.respondents_declined', actor_id: w.hr.id },
      ]);
    });

    it("the line manager's outside addresses are approved by asking, and mailed at once", async () => {
      const id = await f.assignment(w.target, w.manager.id);
      const res = await ask(id, [{ email: 'contractor@partner.test', name: 'Con Tractor' }], w.manager.token).expect(
        201,
      );
      expect(res.body.items[0]).toMatchObject({ approval: 'approved' });
      expect(await mailJobs([res.body.items[0].id])).toBe(1);
    });

    it('the sock-puppet attack: aliases of the lead are refused, and two real people stay below the threshold', async () => {
      const id = await f.assignment(w.target, w.manager.id);
      const socks = ['sock1', 'sock2', 'sock3'].map((tag) => ({ email: tagged(w.target.user.email, tag), name: tag }));
      await ask(id, socks, w.target.user.token).expect(400);
      const peers = [await f.user(w.orgA.id, ['mentee']), await f.user(w.orgA.id, ['manager'])];
      await ask(
        id,
        peers.map((p) => ({ userId: p.id })),
        w.target.user.token,
      ).expect(201);
      for (const peer of peers) {
        const mine = await as(t, peer.token).get('/api/v1/me/feedback-requests').expect(200);
        const token = (mine.body.items[0].respondPath as string).split('/').pop()!;
        await answer(token, { communication: 2, delegation: 2 }).expect(204);
      }
      expect(await results(id)).toMatchObject({ responses: 0, competencies: null });
    });
  });

  describe('2. results change only by batches of at least the threshold', () => {
    it('before the threshold nothing tells when an answer arrived; after it, new answers wait for a batch of threshold', async () => {
      const id = await f.assignment(w.target, w.manager.id);
      const links = [];
      for (let i = 0; i < 6; i++) links.push(await f.feedbackLink(w.orgA.id, id));
      const closed = { responses: 0, pending: null, threshold: 3, competencies: null, comments: null };

      expect(await results(id)).toEqual(closed);
      const before = await summary(id);
      const asOf = async () =>
        (await as(t, w.target.user.token).get(`/api/v1/mentees/${w.target.id}`).expect(200)).body.readiness?.asOf;
      const refreshed = await asOf();
      await answer(links[0], { communication: 5, delegation: 1 }).expect(204);
      expect(await summary(id)).toEqual(before);
      await answer(links[1], { communication: 5, delegation: 1 }).expect(204);
      expect(await summary(id)).toEqual(before);
      expect(await results(id)).toEqual(closed);
      // Nor does the time the mentee's readiness was last computed move with a held answer.
      expect(await asOf()).toBe(refreshed);

      await answer(links[2], { communication: 2, delegation: 1 }).expect(204);
      const opened = await results(id);
      expect(opened).toMatchObject({ responses: 3, pending: 0 });
      expect(opened.competencies[0]).toEqual({ key: 'communication', mean: 4, distribution: [0, 1, 0, 0, 2] });

      // One more answer after the results opened: held, so two reads cannot be compared to find it.
      await answer(links[3], { communication: 1, delegation: 5 }).expect(204);
      const held = await results(id);
      expect(held).toMatchObject({ responses: 3, pending: 1, competencies: opened.competencies });
      expect(await summary(id)).toMatchObject({ responses: 3, pending: 1 });
      await answer(links[4], { communication: 1, delegation: 5 }).expect(204);
      expect(await results(id)).toMatchObject({ responses: 3, pending: 2, competencies: opened.competencies });

      // The third held answer completes a batch: all three are published together.
      await answer(links[5], { communication: 1, delegation: 5 }).expect(204);
      const next = await results(id);
      expect(next).toMatchObject({ responses: 6, pending: 0 });
      expect(next.competencies[0]).toEqual({ key: 'communication', mean: 2.5, distribution: [3, 1, 0, 0, 2] });
    });

    it('answers arriving together still publish one batch of at least the threshold', async () => {
      const id = await f.assignment(w.target, w.manager.id);
      const first = [];
      for (let i = 0; i < 3; i++) first.push(await f.feedbackLink(w.orgA.id, id));
      for (const token of first) await answer(token, { communication: 3, delegation: 3 }).expect(204);
      const more = [];
      for (let i = 0; i < 4; i++) more.push(await f.feedbackLink(w.orgA.id, id));
      await Promise.all(more.map((token) => answer(token, { communication: 4, delegation: 4 }).expect(204)));
      const { responses, pending } = await results(id);
      expect([responses, pending]).toEqual([6, 1]);
    });
  });

  describe('3. Leadpath is no mail relay', () => {
    it('requests per person and UTC day are limited by an organization setting (default 30)', async () => {
      const org = await f.organization();
      const hr = await f.user(org.id, ['hr_admin']);
      const manager = await f.user(org.id, ['manager']);
      const mentee = await f.mentee(org.id, { managerId: manager.id });
      const settings = await as(t, hr.token).get('/api/v1/framework').expect(200);
      expect(settings.body.settings.feedbackRequestsPerDay).toBe(30);
      await as(t, hr.token).patch('/api/v1/framework/settings', { feedbackRequestsPerDay: 0 }).expect(400);
      await as(t, hr.token).patch('/api/v1/framework/settings', { feedbackRequestsPerDay: 4 }).expect(200);

      clock.set(new Date('2026-12-08T23:00:00Z'));
      const one = await f.assignment(mentee, manager.id);
      const two = await f.assignment(mentee, manager.id);
      const outside = (n: number, from = 0) =>
        Array.from({ length: n }, (_, i) => ({ email: `p${from + i}@elsewhere.test`, name: `P${from + i}` }));
      await ask(one, outside(3), mentee.user.token).expect(201);
      // Over all assignments: the limit is the person's, not the assignment's.
      const before = await tableChecksum(t.db.pool);
      await ask(two, outside(2, 3), mentee.user.token).expect(429);
      expect(await tableChecksum(t.db.pool)).toBe(before);
      await ask(two, outside(1, 3), mentee.user.token).expect(201);
      await ask(two, outside(1, 4), mentee.user.token).expect(429);
      // Others have their own count; the next UTC day starts afresh.
      await ask(two, outside(1, 5), manager.token).expect(201);
      clock.set(new Date('2026-12-09T00:00:01Z'));
      await ask(two, outside(1, 6), mentee.user.token).expect(201);
    });

    it('at most 10 outside addresses per assignment, declined ones included', async () => {
      const id = await f.assignment(w.sibling, w.manager.id);
      const outside = (n: number, from = 0) =>
        Array.from({ length: n }, (_, i) => ({ email: `cap${from + i}@elsewhere.test`, name: `Cap ${from + i}` }));
      const asked = await ask(id, outside(10), w.sibling.user.token).expect(201);
      await as(t, w.manager.token)
        .post(`/api/v1/assignments/${id}/feedback-requests/decisions`, {
          requestIds: asked.body.items.map((r: { id: string }) => r.id),
          decision: 'decline',
        })
        .expect(200);
      await ask(id, outside(1, 10), w.sibling.user.token).expect(409);
      await ask(id, outside(1, 10), w.manager.token).expect(409);
      // People of the organization are not outside addresses.
      await ask(id, [{ userId: (await f.user(w.orgA.id, ['mentee'])).id }], w.sibling.user.token).expect(201);
    });
  });
});
