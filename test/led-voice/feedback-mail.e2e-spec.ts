import request from 'supertest';
import { FEEDBACK_MAIL_JOB, FEEDBACK_SUBJECT, FeedbackMail } from '@leadpath/led-voice';
import { AuditService } from '@leadpath/audit';
import { JobsService } from '@leadpath/jobs';
import { Clock } from '@leadpath/platform/time';
import { Factory, buildWorld, type World } from '../support/factories';
import { as } from '../support/http';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;
const MINUTE = 60 * 1000;

describe('feedback requests by e-mail: the link, and reminders after 5 and 10 days, through a real SMTP server', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let f: Factory;
  let w: World;
  let jobs: JobsService;
  let clock: Clock;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://leadpath.test' });
    f = new Factory(t);
    w = await buildWorld(f);
    jobs = t.app.get(JobsService);
    clock = t.app.get(Clock);
  });

  afterEach(async () => {
    clock.set(undefined);
    jest.restoreAllMocks();
    // Each test's reminders are its own: what a test left open expires, and its jobs are done.
    await t.db.pool.query(`UPDATE feedback_requests SET expires_at = now() - interval '1 day' WHERE NOT answered`);
    await runMail();
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const runMail = () => jobs.runDue(FEEDBACK_MAIL_JOB);
  const remind = (at: Date) => {
    clock.set(at);
    return t.app.get(FeedbackMail).remind();
  };
  /** Messages received since `from`, by recipient. */
  const since = (from: number) => smtp.received.slice(from);
  const linkOf = (mail: ReceivedMail): string => {
    const match = /https:\/\/leadpath\.test\/respond\/([A-Za-z0-9_-]{43})\b/.exec(mail.parsed.text ?? '');
    if (!match) throw new Error(`no link in:\n${mail.parsed.text}`);
    return match[1];
  };
  const answer = (token: string) =>
    request(t.server)
      .post(`/api/v1/respond/${token}`)
      .send({
        ratings: [
          { competency: 'communication', rating: 4 },
          { competency: 'delegation', rating: 3 },
        ],
      });
  const jobCount = async () =>
    (
      await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1', [
        FEEDBACK_MAIL_JOB,
      ])
    ).rows[0].n;
  const ask = async (assignmentId: string, respondents: object[]) =>
    (
      await as(t, w.manager.token)
        .post(`/api/v1/assignments/${assignmentId}/feedback-requests`, { respondents })
        .expect(201)
    ).body.items as { id: string; email: string; expiresAt: string }[];

  it('each respondent gets the link once, in a text and an HTML part; the link is stored nowhere, only its hash', async () => {
    const id = await f.assignment(w.target, w.manager.id);
    const colleague = await f.user(w.orgA.id, ['mentee'], { email: 'colleague@example.test', name: 'Cole League' });
    const before = smtp.received.length;
    const asked = await ask(id, [{ userId: colleague.id }, { email: 'Ana@Example.test', name: 'Ana Outside' }]);
    // Nothing leaves before a worker takes the jobs.
    expect(smtp.received).toHaveLength(before);
    expect(await runMail()).toBe(2);
    await smtp.waitFor(before + 2);
    const mails = since(before).sort((a, b) => a.to[0].localeCompare(b.to[0]));
    expect(mails.map((m) => m.to.map((to) => to.toLowerCase()))).toEqual([
      ['ana@example.test'],
      ['colleague@example.test'],
    ]);
    const [ana, cole] = mails;
    // Leadpath's own words only; the title is in the body, quoted.
    expect(ana.parsed.subject).toBe(FEEDBACK_SUBJECT);
    expect(ana.parsed.text).toMatch(/led “Assignment \d+”/);
    expect(ana.parsed.text).toContain('Hello Ana Outside,');
    expect(ana.parsed.text).toMatch(/anonymous/);
    expect(ana.parsed.html).toContain(`<a href="https://leadpath.test/respond/${linkOf(ana)}">Answer now</a>`);
    expect(ana.parsed.headers.has('list-unsubscribe')).toBe(false);
    expect(linkOf(ana)).not.toBe(linkOf(cole));

    // The colleague's mailed link is the one their own list shows.
    const mine = await as(t, colleague.token).get('/api/v1/me/feedback-requests').expect(200);
    expect(mine.body.items.map((r: { respondPath: string }) => r.respondPath)).toEqual([`/respond/${linkOf(cole)}`]);

    // Neither the requests nor the queue hold a usable link: the jobs name the request and the message.
    for (const mail of mails) {
      const token = linkOf(mail);
      const { rows } = await t.db.pool.query(
        `SELECT 1 FROM feedback_requests q WHERE row_to_json(q)::text LIKE $1
          UNION ALL SELECT 1 FROM pgboss.job j WHERE j.data::text LIKE $1`,
        [`%${token}%`],
      );
      expect(rows).toEqual([]);
    }
    const { rows: data } = await t.db.pool.query<{ data: object }>(
      `SELECT data FROM pgboss.job WHERE name = $1 AND data->>'requestId' = ANY($2::text[])`,
      [FEEDBACK_MAIL_JOB, asked.map((r) => r.id)],
    );
    expect(data.map((d) => Object.keys(d.data).sort())).toEqual([
      ['deliveryId', 'organizationId', 'requestId', 'sequence'],
      ['deliveryId', 'organizationId', 'requestId', 'sequence'],
    ]);

    // HR's list of e-mail deliveries shows both messages, the outside address by the name it was given.
    const listed = (await as(t, w.hr.token).get('/api/v1/mail-deliveries?limit=100').expect(200)).body.items as {
      recipientId: string | null;
      recipientName: string;
      recipientEmail: string;
      kind: string;
      subjectId: string;
      status: string;
      sentAt: string | null;
    }[];
    const mailed = listed
      .filter((d) => asked.some((r) => r.id === d.subjectId))
      .sort((a, b) => a.recipientEmail.localeCompare(b.recipientEmail));
    expect(mailed).toEqual([
      expect.objectContaining({
        recipientId: null,
        recipientName: 'Ana Outside',
        recipientEmail: 'ana@example.test',
        kind: 'feedback_request',
        status: 'sent',
        sentAt: expect.any(String),
      }),
      expect.objectContaining({
        recipientName: 'Cole League',
        recipientEmail: 'colleague@example.test',
        kind: 'feedback_request',
        status: 'sent',
      }),
    ]);
    // Another organization's HR sees none of them.
    const other = (await as(t, w.hrB.token).get('/api/v1/mail-deliveries?limit=100').expect(200)).body.items as {
      subjectId: string;
    }[];
    expect(other.filter((d) => asked.some((r) => r.id === d.subjectId))).toEqual([]);

    // Run again, or redelivered: nothing more leaves.
    expect(await runMail()).toBe(0);
    await request(t.server)
      .get(`/api/v1/respond/${linkOf(ana)}`)
      .expect(200);
    await answer(linkOf(ana)).expect(204);
    expect(smtp.received).toHaveLength(before + 2);
  });

  it("no user-written text in a subject; a mentee's outside address gets mail only once approved", async () => {
    const created = await as(t, w.target.user.token)
      .post(`/api/v1/mentees/${w.target.id}/assignments`, {
        title: 'URGENT: your mailbox is full, sign in at mailbox-help.example',
        kind: 'lead_project',
        competencies: ['communication'],
        startsOn: '2026-10-01',
      })
      .expect(201);
    const id: string = created.body.id;
    await as(t, w.target.user.token).patch(`/api/v1/assignments/${id}`, { status: 'active' }).expect(200);
    const [outside] = (
      await as(t, w.target.user.token)
        .post(`/api/v1/assignments/${id}/feedback-requests`, {
          respondents: [{ email: 'victim@elsewhere.test', name: 'Dear customer' }],
        })
        .expect(201)
    ).body.items;
    const before = smtp.received.length;
    expect(await runMail()).toBe(0);
    expect(smtp.received).toHaveLength(before);

    await as(t, w.manager.token)
      .post(`/api/v1/assignments/${id}/feedback-requests/decisions`, { requestIds: [outside.id], decision: 'approve' })
      .expect(200);
    expect(await runMail()).toBe(1);
    await smtp.waitFor(before + 1);
    const [mail] = since(before);
    expect(mail.to).toEqual(['victim@elsewhere.test']);
    expect(mail.parsed.subject).toBe(FEEDBACK_SUBJECT);
    expect(mail.parsed.text).toContain('“URGENT: your mailbox is full, sign in at mailbox-help.example”');
  });

  it('a rolled-back request enqueues nothing and mails nothing', async () => {
    const id = await f.assignment(w.target, w.manager.id);
    jest.spyOn(t.app.get(AuditService), 'record').mockRejectedValueOnce(new Error('injected fault after the enqueue'));
    const jobsBefore = await jobCount();
    const mailsBefore = smtp.received.length;
    await as(t, w.manager.token)
      .post(`/api/v1/assignments/${id}/feedback-requests`, {
        respondents: [{ email: 'rolled@example.test', name: 'Rolled Back' }],
      })
      .expect(500);
    expect(await jobCount()).toBe(jobsBefore);
    const { rows } = await t.db.pool.query('SELECT 1 FROM feedback_requests WHERE assignment_id = $1', [id]);
    expect(rows).toEqual([]);
    expect(await runMail()).toBe(0);
    expect(smtp.received).toHaveLength(mailsBefore);
  });

  it('reminds after 5 and 10 days those who have not answered: each reminder once, never after an answer, never after expiry', async () => {
    const id = await f.assignment(w.target, w.manager.id);
    const asked = await ask(id, [
      { email: 'quick@example.test', name: 'Quick' },
      { email: 'slow@example.test', name: 'Slow' },
      { email: 'never@example.test', name: 'Never' },
    ]);
    const askedAt = new Date(asked[0].expiresAt).getTime() - 14 * DAY;
    let seen = smtp.received.length;
    expect(await runMail()).toBe(3);
    await smtp.waitFor(seen + 3);
    const linkFor = (address: string) => linkOf(since(seen).find((m) => m.to[0] === address)!);
    const links = { quick: linkFor('quick@example.test'), slow: linkFor('slow@example.test') };
    await answer(links.quick).expect(204);
    seen = smtp.received.length;

    // Not yet due a minute before 5 days.
    expect(await remind(new Date(askedAt + 5 * DAY - MINUTE))).toBe(0);
    expect(await runMail()).toBe(0);

    // After 5 days: the two who have not answered, with the same link as before.
    expect(await remind(new Date(askedAt + 5 * DAY + MINUTE))).toBe(2);
    expect(await remind(new Date(askedAt + 5 * DAY + 2 * MINUTE))).toBe(0);
    expect(await runMail()).toBe(2);
    await smtp.waitFor(seen + 2);
    let reminders = since(seen);
    expect(reminders.map((m) => m.to[0]).sort()).toEqual(['never@example.test', 'slow@example.test']);
    expect(reminders.every((m) => m.parsed.subject === `Reminder: ${FEEDBACK_SUBJECT}`)).toBe(true);
    expect(linkOf(reminders.find((m) => m.to[0] === 'slow@example.test')!)).toBe(links.slow);
    seen = smtp.received.length;

    // After 10 days the second reminder is claimed; one answers before the worker sends it: only the other gets it.
    expect(await remind(new Date(askedAt + 10 * DAY + MINUTE))).toBe(2);
    await answer(links.slow).expect(204);
    expect(await runMail()).toBe(2);
    await smtp.waitFor(seen + 1);
    reminders = since(seen);
    expect(reminders.map((m) => m.to[0])).toEqual(['never@example.test']);
    seen = smtp.received.length;

    // No third reminder, and none after the link expired.
    expect(await remind(new Date(askedAt + 13 * DAY))).toBe(0);
    expect(await remind(new Date(askedAt + 15 * DAY))).toBe(0);
    expect(await runMail()).toBe(0);
    expect(smtp.received).toHaveLength(seen);
    const { rows } = await t.db.pool.query<{ email: string; reminders_sent: number; mails_sent: number }>(
      'SELECT email, reminders_sent, mails_sent FROM feedback_requests WHERE assignment_id = $1 ORDER BY email',
      [id],
    );
    expect(rows).toEqual([
      { email: 'never@example.test', reminders_sent: 2, mails_sent: 3 },
      { email: 'quick@example.test', reminders_sent: 0, mails_sent: 1 },
      { email: 'slow@example.test', reminders_sent: 2, mails_sent: 2 },
    ]);
  });

  it('a request whose reminders were missed gets only the latest one; a reminder whose link expired before sending is not sent', async () => {
    const id = await f.assignment(w.target, w.manager.id);
    const [late] = await ask(id, [{ email: 'late@example.test', name: 'Late' }]);
    const expiresAt = new Date(late.expiresAt).getTime();
    const seen = smtp.received.length;
    expect(await runMail()).toBe(1);
    // The scheduler did not run for 11 days: one reminder now, not two.
    expect(await remind(new Date(expiresAt - 3 * DAY))).toBe(1);
    // The worker is late too: by the time it runs, the link has expired.
    clock.set(new Date(expiresAt + MINUTE));
    expect(await runMail()).toBe(1);
    clock.set(undefined);
    await smtp.waitFor(seen + 1);
    expect(since(seen).map((m) => m.parsed.subject?.startsWith('Reminder'))).toEqual([false]);
    const { rows } = await t.db.pool.query('SELECT reminders_sent, mails_sent FROM feedback_requests WHERE id = $1', [
      late.id,
    ]);
    expect(rows).toEqual([{ reminders_sent: 2, mails_sent: 1 }]);
  });

  it('reminders run per organization, each in its own tenant unit of work', async () => {
    const a = await f.assignment(w.target, w.manager.id);
    const b = await f.assignment(w.menteeB, w.managerB.id);
    const [inA] = await ask(a, [{ email: 'in-a@example.test', name: 'In A' }]);
    await as(t, w.managerB.token)
      .post(`/api/v1/assignments/${b}/feedback-requests`, {
        respondents: [{ email: 'in-b@example.test', name: 'In B' }],
      })
      .expect(201);
    const askedAt = new Date(inA.expiresAt).getTime() - 14 * DAY;
    const seen = smtp.received.length;
    expect(await runMail()).toBe(2);
    const tenants: string[] = [];
    const db = t.app.get(FeedbackMail)['db'];
    const tenant = db.tenant.bind(db);
    jest.spyOn(db, 'tenant').mockImplementation((organizationId, fn) => {
      tenants.push(organizationId);
      return tenant(organizationId, fn);
    });
    expect(await remind(new Date(askedAt + 5 * DAY + MINUTE))).toBe(2);
    expect([...new Set(tenants)].sort()).toEqual([w.orgA.id, w.orgB.id].sort());
    jest.restoreAllMocks();
    clock.set(new Date(askedAt + 5 * DAY + MINUTE));
    await runMail();
    clock.set(undefined);
    await smtp.waitFor(seen + 4);
    expect(
      since(seen)
        .filter((m) => m.parsed.subject?.startsWith('Reminder'))
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(['in-a@example.test', 'in-b@example.test']);
  });

  it('answered requests of an assignment share one row version, so they cannot be lined up with the order of the answers', async () => {
    const id = await f.assignment(w.target, w.manager.id);
    await ask(id, [
      { email: 'one@example.test', name: 'One' },
      { email: 'two@example.test', name: 'Two' },
      { email: 'three@example.test', name: 'Three' },
    ]);
    const seen = smtp.received.length;
    await runMail();
    await smtp.waitFor(seen + 3);
    const xmins = async () =>
      (
        await t.db.pool.query<{ xmin: string; answered: boolean }>(
          'SELECT xmin::text, answered FROM feedback_requests WHERE assignment_id = $1',
          [id],
        )
      ).rows;
    for (const mail of since(seen)) {
      await answer(linkOf(mail)).expect(204);
      const answered = (await xmins()).filter((r) => r.answered);
      expect(new Set(answered.map((r) => r.xmin)).size).toBe(1);
    }
    expect((await xmins()).filter((r) => r.answered)).toHaveLength(3);
  });
});
