import { tableChecksum } from '../support/checksum';
import { ANSWERS, type Factory, type TestMentee, type TestUser, type World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

/**
 * The readiness signal stays evidence-backed (issue 12, items 1–4): each test replays an attack
 * a hostile tester made and pins the rule that now stops it.
 */
describe('the signal stays honest', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  withWorld((s) => ({ t, f, w } = s));

  const readiness = async (mentee: TestMentee, token = w.hr.token) =>
    (await as(t, token).get(`/api/v1/mentees/${mentee.id}/readiness`).expect(200)).body as {
      score: number;
      components: { goals: { value: number; achieved: number; open: number; awaitingConfirmation: number } };
      gaps: { type: string; goalId?: string; awaitingConfirmation?: boolean; message: string }[];
    };

  /** Fails the test if the request changed any row. */
  async function unchanged(run: () => Promise<unknown>): Promise<void> {
    const before = await tableChecksum(t.db.pool);
    await run();
    expect(await tableChecksum(t.db.pool)).toBe(before);
  }

  describe('1. claims and confirmations', () => {
    it("a mentee's own `achieved` does not move the score until the line manager confirms it", async () => {
      const mentee = await f.mentee(w.orgA.id, { managerId: w.manager.id });
      const me = mentee.user.token;
      expect((await readiness(mentee)).components.goals.value).toBe(0);
      const before = (await readiness(mentee)).score;

      const created = await as(t, me)
        .post(`/api/v1/mentees/${mentee.id}/goals`, { title: 'Run the retro', competency: 'communication' })
        .expect(201);
      const claimed = await as(t, me).patch(`/api/v1/goals/${created.body.id}`, { status: 'achieved' }).expect(200);
      expect(claimed.body).toMatchObject({ status: 'achieved', confirmedAt: null, confirmedBy: null });

      const claim = await readiness(mentee);
      expect(claim.score).toBe(before);
      expect(claim.components.goals).toMatchObject({ value: 0, achieved: 0, open: 1, awaitingConfirmation: 1 });
      const { rows: cachedClaim } = await t.db.pool.query<{ awaiting_goals: number }>(
        'SELECT awaiting_goals FROM mentee_readiness WHERE mentee_id = $1',
        [mentee.id],
      );
      expect(cachedClaim).toEqual([{ awaiting_goals: 1 }]);
      expect(claim.gaps).toContainEqual(
        expect.objectContaining({ type: 'goal', goalId: created.body.id, awaitingConfirmation: true }),
      );

      await unchanged(() => as(t, me).post(`/api/v1/goals/${created.body.id}/confirm`).expect(403));
      await unchanged(() => as(t, w.otherManager.token).post(`/api/v1/goals/${created.body.id}/confirm`).expect(404));
      const confirmed = await as(t, w.manager.token).post(`/api/v1/goals/${created.body.id}/confirm`).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'achieved', confirmedBy: w.manager.id });
      expect(typeof confirmed.body.confirmedAt).toBe('string');

      const counted = await readiness(mentee);
      expect(counted.components.goals).toMatchObject({ value: 1, achieved: 1, open: 0, awaitingConfirmation: 0 });
      // The confirmation refreshed the read model (the organization-wide views) in its transaction.
      const { rows: cached } = await t.db.pool.query<{ score: number; achieved_goals: number; awaiting_goals: number }>(
        'SELECT score, achieved_goals, awaiting_goals FROM mentee_readiness WHERE mentee_id = $1',
        [mentee.id],
      );
      expect(cached).toEqual([{ score: counted.score, achieved_goals: 1, awaiting_goals: 0 }]);
      expect(counted.score).toBe(before + 20);
      expect(counted.gaps.some((g) => g.awaitingConfirmation)).toBe(false);

      // Confirming twice changes nothing; reopening withdraws the confirmation, so a new claim waits again.
      await unchanged(() => as(t, w.hr.token).post(`/api/v1/goals/${created.body.id}/confirm`).expect(200));
      await as(t, me).patch(`/api/v1/goals/${created.body.id}`, { status: 'open' }).expect(200);
      const reclaimed = await as(t, me).patch(`/api/v1/goals/${created.body.id}`, { status: 'achieved' }).expect(200);
      expect(reclaimed.body.confirmedAt).toBeNull();
      expect((await readiness(mentee)).score).toBe(before);
    });

    it('an achievement set by the line manager or HR is confirmed at once; an open goal cannot be confirmed', async () => {
      const mentee = await f.mentee(w.orgA.id, { managerId: w.manager.id });
      const byManager = await f.goal(mentee, w.manager.id);
      const byHr = await f.goal(mentee, w.manager.id);
      const open = await f.goal(mentee, w.manager.id);
      const set = await as(t, w.manager.token).patch(`/api/v1/goals/${byManager}`, { status: 'achieved' }).expect(200);
      expect(set.body).toMatchObject({ status: 'achieved', confirmedBy: w.manager.id });
      const setByHr = await as(t, w.hr.token).patch(`/api/v1/goals/${byHr}`, { status: 'achieved' }).expect(200);
      expect(setByHr.body).toMatchObject({ confirmedBy: w.hr.id });
      await unchanged(() => as(t, w.manager.token).post(`/api/v1/goals/${open}/confirm`).expect(409));
      expect((await readiness(mentee)).components.goals).toMatchObject({ achieved: 2, open: 1 });
    });

    it('a mentee cannot drop a goal someone else set (403), and drops their own', async () => {
      const mentee = await f.mentee(w.orgA.id, { managerId: w.manager.id });
      const overdue = await f.goal(mentee, w.manager.id, { targetDate: '2026-01-01' });
      const before = await readiness(mentee);
      expect(before.gaps).toContainEqual(expect.objectContaining({ type: 'goal', goalId: overdue }));
      await unchanged(() =>
        as(t, mentee.user.token).patch(`/api/v1/goals/${overdue}`, { status: 'dropped' }).expect(403),
      );
      expect((await readiness(mentee)).score).toBe(before.score);

      const own = await as(t, mentee.user.token)
        .post(`/api/v1/mentees/${mentee.id}/goals`, { title: 'Read a book on hiring', competency: 'hiring' })
        .expect(201);
      await as(t, mentee.user.token).patch(`/api/v1/goals/${own.body.id}`, { status: 'dropped' }).expect(200);
      await as(t, w.manager.token).patch(`/api/v1/goals/${overdue}`, { status: 'dropped' }).expect(200);
    });
  });

  describe('2. nobody signs off their own work, whatever their roles', () => {
    let boss: TestUser;
    let self: TestMentee;

    beforeAll(async () => {
      // An HR admin who is also a manager and a mentee (managed by someone else).
      boss = await f.user(w.orgA.id, ['hr_admin', 'manager', 'mentee']);
      self = await f.mentee(w.orgA.id, { managerId: w.manager.id, user: boss });
    });

    it('refuses verifying and revoking their own milestones', async () => {
      const completed = await f.milestone(self, 'completed');
      const verified = await f.milestone(self, 'verified');
      await unchanged(() =>
        as(t, boss.token).post(`/api/v1/mentees/${self.id}/milestones/${completed}/verify`).expect(403),
      );
      await unchanged(() =>
        as(t, boss.token)
          .post(`/api/v1/mentees/${self.id}/milestones/${verified}/revoke`, { reason: 'Changed my mind' })
          .expect(403),
      );
      // The same person verifies someone else's milestone as HR.
      const other = await f.milestone(w.sibling, 'completed');
      const ok = await as(t, boss.token).post(`/api/v1/mentees/${w.sibling.id}/milestones/${other}/verify`).expect(200);
      expect(ok.body.verifiedBy).toBe(boss.id);
    });

    it('refuses confirming their own goal; their own `achieved` stays a claim', async () => {
      const goal = await f.goal(self, w.manager.id);
      const claimed = await as(t, boss.token).patch(`/api/v1/goals/${goal}`, { status: 'achieved' }).expect(200);
      expect(claimed.body.confirmedAt).toBeNull();
      await unchanged(() => as(t, boss.token).post(`/api/v1/goals/${goal}/confirm`).expect(403));
      const again = await as(t, boss.token).patch(`/api/v1/goals/${goal}`, { status: 'achieved' }).expect(200);
      expect(again.body.confirmedAt).toBeNull();
    });

    it('refuses changing their own phase, manager or mentor, and enrolling themselves', async () => {
      const path = `/api/v1/mentees/${self.id}`;
      await unchanged(() => as(t, boss.token).patch(path, { phase: 'first_management_role' }).expect(403));
      await unchanged(() => as(t, boss.token).patch(path, { managerId: w.otherManager.id }).expect(403));
      await unchanged(() => as(t, boss.token).patch(path, { mentorId: w.mentor.id }).expect(403));
      // What is not a sign-off stays theirs to edit as HR.
      await as(t, boss.token).patch(path, { department: 'Data' }).expect(200);

      const lone = await f.user(w.orgA.id, ['hr_admin', 'mentee']);
      await unchanged(() =>
        as(t, lone.token).post('/api/v1/mentees', { userId: lone.id, managerId: w.manager.id }).expect(403),
      );
    });

    it('refuses filing the manager assessment about themselves', async () => {
      await unchanged(() =>
        as(t, boss.token)
          .post(`/api/v1/mentees/${self.id}/assessments`, { kind: 'manager', answers: ANSWERS })
          .expect(403),
      );
      await as(t, boss.token)
        .post(`/api/v1/mentees/${self.id}/assessments`, { kind: 'self', answers: ANSWERS })
        .expect(201);
    });

    it('audits each refusal', async () => {
      const { rows } = await t.db.pool.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE actor_id = $1 AND outcome = 'denied'`,
        [boss.id],
      );
      expect(rows.map((r) => r.action)).toEqual(
        expect.arrayContaining(['milestone:verify', 'milestone:revoke', 'goal:confirm', 'mentee:update']),
      );
    });
  });

  describe('3. rights last as long as the relation', () => {
    it('a former line manager gets 404 on the entries they wrote: read, edit, hide, revisions', async () => {
      const former = await f.user(w.orgA.id, ['manager']);
      const mentee = await f.mentee(w.orgA.id, { managerId: former.id });
      const shared = await f.feedback(mentee, former.id, { visibility: 'shared', ratings: { communication: 3 } });
      const note = await f.feedback(mentee, former.id, { visibility: 'private' });
      await as(t, former.token).patch(`/api/v1/feedback/${shared}`, { nextSteps: 'Before the move' }).expect(200);

      await as(t, w.hr.token).patch(`/api/v1/mentees/${mentee.id}`, { managerId: w.otherManager.id }).expect(200);
      const score = (await readiness(mentee)).score;

      for (const id of [shared, note]) {
        await unchanged(() => as(t, former.token).get(`/api/v1/feedback/${id}`).expect(404));
        await unchanged(() =>
          as(t, former.token)
            .patch(`/api/v1/feedback/${id}`, { ratings: [{ competency: 'communication', rating: 5 }] })
            .expect(404),
        );
        await unchanged(() =>
          as(t, former.token).patch(`/api/v1/feedback/${id}`, { visibility: 'private' }).expect(404),
        );
        await unchanged(() => as(t, former.token).get(`/api/v1/feedback/${id}/revisions`).expect(404));
      }
      await as(t, former.token).get(`/api/v1/mentees/${mentee.id}/feedback`).expect(404);
      expect((await readiness(mentee)).score).toBe(score);

      // The entry stays, visible to those who may see the mentee; the private note to nobody.
      for (const token of [w.otherManager.token, mentee.user.token, w.hr.token]) {
        await as(t, token).get(`/api/v1/feedback/${shared}`).expect(200);
        await as(t, token).get(`/api/v1/feedback/${note}`).expect(404);
      }
    });

    it('the same after losing the manager role, and for a former mentor', async () => {
      const demoted = await f.user(w.orgA.id, ['manager']);
      const mentor = await f.user(w.orgA.id, ['manager']);
      const mentee = await f.mentee(w.orgA.id, { managerId: demoted.id, mentorId: mentor.id });
      const byDemoted = await f.feedback(mentee, demoted.id, { visibility: 'shared' });
      const byMentor = await f.feedback(mentee, mentor.id, { visibility: 'shared', authorRole: 'mentor' });

      await as(t, w.hr.token).patch(`/api/v1/mentees/${mentee.id}`, { mentorId: null }).expect(200);
      await unchanged(() =>
        as(t, mentor.token).patch(`/api/v1/feedback/${byMentor}`, { nextSteps: 'Rewritten' }).expect(404),
      );
      await unchanged(() => as(t, mentor.token).get(`/api/v1/feedback/${byMentor}/revisions`).expect(404));

      // Demoting keeps the mentee row pointing at them until HR reassigns: the role is the relation.
      await t.db.pool.query(`UPDATE users SET roles = '{mentee}' WHERE id = $1`, [demoted.id]);
      const token = f.token(demoted.id, w.orgA.id);
      await unchanged(() => as(t, token).get(`/api/v1/feedback/${byDemoted}`).expect(404));
      await unchanged(() => as(t, token).patch(`/api/v1/feedback/${byDemoted}`, { visibility: 'private' }).expect(404));
    });

    it('an author who manages or mentors the mentee still edits, hides and reads revisions', async () => {
      const id = await f.feedback(w.target, w.mentor.id, { visibility: 'shared', authorRole: 'mentor' });
      await as(t, w.mentor.token).patch(`/api/v1/feedback/${id}`, { nextSteps: 'Still mentoring' }).expect(200);
      await as(t, w.mentor.token).get(`/api/v1/feedback/${id}/revisions`).expect(200);
    });
  });

  describe('4. an acknowledgement is of one version', () => {
    it('an edit after acknowledgement shows, and the mentee acknowledges again', async () => {
      const id = await f.feedback(w.target, w.manager.id, { visibility: 'shared' });
      const acked = await as(t, w.target.user.token).post(`/api/v1/feedback/${id}/acknowledge`).expect(200);
      expect(acked.body).toMatchObject({ version: 1, acknowledgedVersion: 1 });
      await unchanged(() => as(t, w.target.user.token).post(`/api/v1/feedback/${id}/acknowledge`).expect(200));

      const edited = await as(t, w.manager.token)
        .patch(`/api/v1/feedback/${id}`, { strengths: 'Rewritten after the talk' })
        .expect(200);
      expect(edited.body).toMatchObject({ version: 2, acknowledgedVersion: 1 });
      const seen = await as(t, w.target.user.token).get(`/api/v1/feedback/${id}`).expect(200);
      expect(seen.body.acknowledgedVersion).toBeLessThan(seen.body.version);

      const again = await as(t, w.target.user.token).post(`/api/v1/feedback/${id}/acknowledge`).expect(200);
      expect(again.body).toMatchObject({ version: 2, acknowledgedVersion: 2 });
    });
  });
});
