import { WeeklyDigest, DIGEST_HEADING, INBOX_KINDS, type InboxKind, type InboxResponse } from '@leadpath/inbox';
import { JobsService } from '@leadpath/jobs';
import { MAIL_JOB } from '@leadpath/mail';
import { Factory, type TestMentee, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the inbox', () => {
  let t: TestApp;
  let f: Factory;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://leadpath.test' });
    f = new Factory(t);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function inbox(user: TestUser): Promise<InboxResponse> {
    const res = await as(t, user.token).get('/api/v1/me/inbox').expect(200);
    const body = res.body as InboxResponse;
    // The counts are the items of each kind (all fit under the cap here), and the total their sum.
    for (const kind of INBOX_KINDS) {
      expect([kind, body.counts[kind]]).toEqual([kind, body.items.filter((i) => i.kind === kind).length]);
    }
    expect(body.total).toBe(body.items.length);
    return body;
  }

  /** The ids of one kind in the caller's inbox. */
  const ids = async (user: TestUser, kind: InboxKind) =>
    (await inbox(user)).items.filter((i) => i.kind === kind).map((i) => i.id);

  interface Team {
    orgId: string;
    hr: TestUser;
    manager: TestUser;
    mentor: TestUser;
    otherManager: TestUser;
    target: TestMentee;
    sibling: TestMentee;
    stranger: TestMentee;
  }

  /** `manager` manages `target` (mentored by `mentor`) and `sibling`; `otherManager` manages `stranger`. */
  async function team(name: string): Promise<Team> {
    const orgId = (await f.organization(name)).id;
    const hr = await f.user(orgId, ['hr_admin']);
    const manager = await f.user(orgId, ['manager'], { name: `${name} Manager` });
    const mentor = await f.user(orgId, ['manager']);
    const otherManager = await f.user(orgId, ['manager']);
    const target = await f.mentee(orgId, { managerId: manager.id, mentorId: mentor.id });
    const sibling = await f.mentee(orgId, { managerId: manager.id });
    const stranger = await f.mentee(orgId, { managerId: otherManager.id });
    // Recent shared feedback keeps target and stranger from being stale; sibling has none.
    const today = new Date().toISOString().slice(0, 10);
    await f.feedback(target, mentor.id, { authorRole: 'mentor', occurredOn: today });
    await f.feedback(stranger, otherManager.id, { occurredOn: today });
    await as(t, target.user.token)
      .post(`/api/v1/feedback/${(await feedbackOf(target))[0]}/acknowledge`)
      .expect(200);
    await as(t, stranger.user.token)
      .post(`/api/v1/feedback/${(await feedbackOf(stranger))[0]}/acknowledge`)
      .expect(200);
    return { orgId, hr, manager, mentor, otherManager, target, sibling, stranger };
  }

  async function feedbackOf(mentee: TestMentee): Promise<string[]> {
    const { rows } = await f.pool.query<{ id: string }>(
      'SELECT id FROM feedback WHERE mentee_id = $1 ORDER BY created_at',
      [mentee.id],
    );
    return rows.map((r) => r.id);
  }

  it('lists each kind for the person it waits on only, with its link, and drops it once done', async () => {
    const w = await team('Inbox A');
    const other = await team('Inbox B');
    const everyone = [w.hr, w.manager, w.mentor, w.otherManager, w.target.user, w.sibling.user, w.stranger.user];
    const whoHas = async (kind: InboxKind, id: string) => {
      const holders: string[] = [];
      for (const u of everyone) if ((await ids(u, kind)).includes(id)) holders.push(u.id);
      return holders.sort();
    };

    // A milestone the mentee completed: their line manager verifies (not the mentor, HR or themselves).
    const templateId = await f.milestone(w.target, 'completed');
    const { rows: mm } = await f.pool.query<{ id: string }>(
      'SELECT id FROM mentee_milestones WHERE mentee_id = $1 AND template_id = $2',
      [w.target.id, templateId],
    );
    expect(await whoHas('milestone_to_verify', mm[0].id)).toEqual([w.manager.id]);
    // An achievement the mentee claimed: the line manager confirms.
    const claimed = await f.goal(w.target, w.target.userId, { status: 'achieved' });
    expect(await whoHas('goal_to_confirm', claimed)).toEqual([w.manager.id]);
    // An open goal past its date: the mentee and their line manager.
    const overdue = await f.goal(w.target, w.manager.id, { targetDate: '2020-01-31' });
    expect(await whoHas('goal_overdue', overdue)).toEqual([w.manager.id, w.target.userId].sort());
    // Shared feedback: the mentee acknowledges; a private note waits on nobody.
    const shared = await f.feedback(w.target, w.manager.id, { occurredOn: '2026-11-02' });
    const note = await f.feedback(w.target, w.manager.id, { visibility: 'private' });
    expect(await whoHas('feedback_to_acknowledge', shared)).toEqual([w.target.userId]);
    expect(await whoHas('feedback_to_acknowledge', note)).toEqual([]);
    // The line manager asks a colleague about the mentee's assignment: that colleague answers.
    const assignment = await f.assignment(w.target, w.manager.id);
    const asked = await as(t, w.manager.token)
      .post(`/api/v1/assignments/${assignment}/feedback-requests`, { respondents: [{ userId: w.otherManager.id }] })
      .expect(201);
    const requestId = (asked.body as { items: { id: string }[] }).items[0].id;
    expect(await whoHas('feedback_request_to_answer', requestId)).toEqual([w.otherManager.id]);
    // The mentee asks an outside address: it waits for the line manager's approval.
    const outside = await as(t, w.target.user.token)
      .post(`/api/v1/assignments/${assignment}/feedback-requests`, {
        respondents: [{ email: 'client@outside.example', name: 'Client Person' }],
      })
      .expect(201);
    const pendingId = (outside.body as { items: { id: string }[] }).items[0].id;
    expect(await whoHas('respondent_to_approve', pendingId)).toEqual([w.manager.id]);
    // Sibling has had no one-on-one for 400 days: stale for the manager; target is not.
    expect(await whoHas('mentee_stale', w.sibling.id)).toEqual([w.manager.id]);
    expect(await whoHas('mentee_stale', w.target.id)).toEqual([]);

    // The manager's inbox: what the items say and where each is done.
    const mine = await inbox(w.manager);
    const item = (kind: InboxKind, id: string) => mine.items.find((i) => i.kind === kind && i.id === id)!;
    expect(item('milestone_to_verify', mm[0].id)).toMatchObject({
      title: 'Factory milestone',
      subject: { menteeId: w.target.id },
      link: `/mentees/${w.target.id}`,
    });
    expect(item('goal_overdue', overdue)).toMatchObject({ dueOn: '2020-01-31', link: `/mentees/${w.target.id}` });
    expect(item('mentee_stale', w.sibling.id)).toMatchObject({
      title: 'No shared one-on-one yet',
      link: `/mentees/${w.sibling.id}/one-on-one`,
    });
    expect(item('respondent_to_approve', pendingId).title).toContain('client@outside.example');
    const menteeView = await inbox(w.target.user);
    expect(menteeView.items.find((i) => i.id === overdue)?.link).toBe('/progress');
    expect(menteeView.items.find((i) => i.id === shared)).toMatchObject({
      title: expect.stringContaining('on 2026-11-02') as unknown,
      link: '/progress',
    });
    const answerLink = (await inbox(w.otherManager)).items.find((i) => i.id === requestId)!.link;
    expect(answerLink).toMatch(/^\/respond\/[A-Za-z0-9_-]{43}$/);

    // Another organization's inbox holds none of it, and this one none of theirs.
    await f.milestone(other.target, 'completed');
    const theirs = new Set((await inbox(other.manager)).items.map((i) => i.id));
    expect(theirs.size).toBeGreaterThan(0);
    for (const u of everyone) for (const i of (await inbox(u)).items) expect(theirs.has(i.id)).toBe(false);
    const ours = [mm[0].id, claimed, overdue, shared, requestId, pendingId, w.sibling.id];
    for (const u of [other.hr, other.manager, other.target.user]) {
      for (const i of (await inbox(u)).items) expect(ours).not.toContain(i.id);
    }

    // Done, each where the link says: the items disappear.
    await as(t, w.manager.token).post(`/api/v1/mentees/${w.target.id}/milestones/${templateId}/verify`).expect(200);
    await as(t, w.manager.token).post(`/api/v1/goals/${claimed}/confirm`).expect(200);
    await as(t, w.manager.token).patch(`/api/v1/goals/${overdue}`, { status: 'dropped' }).expect(200);
    await as(t, w.target.user.token).post(`/api/v1/feedback/${shared}/acknowledge`).expect(200);
    await as(t, w.manager.token)
      .post(`/api/v1/assignments/${assignment}/feedback-requests/decisions`, {
        requestIds: [pendingId],
        decision: 'approve',
      })
      .expect(200);
    await as(t, w.otherManager.token)
      .post(`/api/v1${answerLink}`, {
        ratings: [
          { competency: 'communication', rating: 4 },
          { competency: 'delegation', rating: 3 },
        ],
      })
      .expect(204);
    await as(t, w.manager.token)
      .post(`/api/v1/mentees/${w.sibling.id}/feedback`, {
        occurredOn: new Date().toISOString().slice(0, 10),
        visibility: 'shared',
        ratings: [{ competency: 'delegation', rating: 3 }],
      })
      .expect(201);
    for (const u of [w.manager, w.otherManager, w.target.user]) {
      const left = (await inbox(u)).items.filter((i) => ours.includes(i.id));
      expect(left).toEqual([]);
    }
    // The one-on-one just logged for sibling now waits for sibling's acknowledgement.
    expect(await ids(w.sibling.user, 'feedback_to_acknowledge')).toHaveLength(1);
    expect((await inbox(w.manager)).total).toBe(0);
  });

  it('waits on HR only where the line manager is gone, and never across organizations', async () => {
    const w = await team('Inbox HR');
    const other = await team('Inbox HR other');
    const templateId = await f.milestone(w.sibling, 'completed');
    const claimed = await f.goal(w.sibling, w.sibling.userId, { status: 'achieved' });
    // While the line manager is active, HR is not waited on.
    expect((await inbox(w.hr)).total).toBe(0);
    await f.pool.query('UPDATE users SET active = false WHERE id = $1', [w.manager.id]);
    const hr = await inbox(w.hr);
    expect(hr.counts.goal_to_confirm).toBe(1);
    expect(hr.counts.milestone_to_verify).toBe(1);
    expect(hr.items.find((i) => i.id === claimed)?.subject?.menteeId).toBe(w.sibling.id);
    // Stale mentees wait on whoever holds one-on-ones (the line manager or mentor), never on HR.
    expect(hr.counts.mentee_stale).toBe(0);
    expect((await inbox(other.hr)).total).toBe(0);
    // HR verifies and confirms: nothing is left.
    await as(t, w.hr.token).post(`/api/v1/mentees/${w.sibling.id}/milestones/${templateId}/verify`).expect(200);
    await as(t, w.hr.token).post(`/api/v1/goals/${claimed}/confirm`).expect(200);
    expect((await inbox(w.hr)).total).toBe(0);
  });

  it('answers an account without roles with its own requests only', async () => {
    const w = await team('Inbox roleless');
    const roleless = await f.user(w.orgId, []);
    const empty = await inbox(roleless);
    expect(empty).toEqual({ items: [], counts: Object.fromEntries(INBOX_KINDS.map((k) => [k, 0])), total: 0 });
  });

  it('sends the weekly digest with exactly what the inbox lists', async () => {
    const w = await team('Inbox digest');
    await f.milestone(w.target, 'completed');
    await f.goal(w.target, w.target.userId, { status: 'achieved' });
    await f.goal(w.sibling, w.manager.id, { targetDate: '2021-03-01' });
    const listed = await inbox(w.manager);
    expect(new Set(listed.items.map((i) => i.kind)).size).toBeGreaterThanOrEqual(4);

    const day = new Date().toISOString().slice(0, 10);
    await t.app.get(WeeklyDigest).weekly({ organizationId: w.orgId, day });
    await t.app.get(JobsService).runDue(MAIL_JOB);
    const mail = smtp.received.filter((m) => m.to[0] === w.manager.email);
    expect(mail).toHaveLength(1);
    const text = mail[0].parsed.text ?? '';
    for (const kind of INBOX_KINDS) {
      const line = text.split('\n').find((l) => l.startsWith(DIGEST_HEADING[kind]));
      if (!listed.counts[kind]) {
        expect([kind, line]).toEqual([kind, undefined]);
        continue;
      }
      expect(line).toContain(`(${listed.counts[kind]})`);
      for (const i of listed.items.filter((x) => x.kind === kind)) {
        expect(line).toContain(`${i.subject!.name}: ${i.title}`);
      }
    }
    expect(text).toContain('https://leadpath.test/inbox');
    // The mentor has nothing waiting: no digest.
    expect(smtp.received.filter((m) => m.to[0] === w.mentor.email)).toHaveLength(0);
  });
});
