import request from 'supertest';
import { DemoSeeder } from '@leadpath/demo';
import { WeeklyDigest } from '@leadpath/inbox';
import { JobsService } from '@leadpath/jobs';
import { MAIL_JOB } from '@leadpath/mail';
import { DigestsService, MONTHLY_SUMMARY_JOB, WEEKLY_DIGEST_JOB } from '@leadpath/notifications';
import { Clock } from '@leadpath/platform/time';
import { Factory, type TestMentee, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

/** A header's value as sent (unfolded), not mailparser's reading of it. */
function header(mail: ReceivedMail, name: string): string {
  const line = mail.parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line ?? '';
  return line
    .replace(/\r?\n[ \t]+/g, ' ')
    .slice(name.length + 1)
    .trim();
}

/** The next Monday 08:00 in `timeZone`'s offset `offsetHours` (east positive), as an instant. */
function nextMondayAt8(offsetHours: number): Date {
  const now = new Date();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const toMonday = (8 - day.getUTCDay()) % 7 || 7;
  return new Date(day.getTime() + toMonday * 86400000 + (8 - offsetHours) * 3600000);
}

describe('nudges and digests', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let f: Factory;
  let jobs: JobsService;
  let clock: Clock;
  let orgId: string;
  let hr: TestUser;
  let manager: TestUser;
  let mentee: TestMentee;

  const runMail = () => jobs.runDue(MAIL_JOB);
  /** The line manager logs a one-on-one today, through the API. */
  const logFeedback = (of: TestMentee, visibility: 'shared' | 'private', strengths?: string) =>
    as(t, manager.token)
      .post(`/api/v1/mentees/${of.id}/feedback`, {
        occurredOn: new Date().toISOString().slice(0, 10),
        visibility,
        strengths,
        ratings: [{ competency: 'delegation', rating: 3 }],
      })
      .expect(201);
  const mailsTo = (email: string) => smtp.received.filter((m) => m.to[0] === email);
  const unsubscribeLink = (mail: ReceivedMail) => {
    // The header as sent (unfolded), not mailparser's reading of it.
    const line = mail.parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    const header = line.replace(/\r?\n[ \t]+/g, ' ');
    const match =
      /^List-Unsubscribe: <(https:\/\/leadpath\.test\/api\/v1\/notifications\/unsubscribe\?token=[^>]+)>$/i.exec(
        header,
      );
    expect(match).not.toBeNull();
    return new URL(match![1]);
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://leadpath.test' });
    f = new Factory(t);
    ({ orgId, hr, manager, mentee } = await f.team('Acme'));
    jobs = t.app.get(JobsService);
    clock = t.app.get(Clock);
  });

  afterEach(() => clock.set(undefined));

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('nudges the mentee on shared feedback, a verified and a revoked milestone and a confirmed goal, with one-click unsubscribe', async () => {
    const before = mailsTo(mentee.user.email).length;
    await logFeedback(mentee, 'shared', 'A private-sounding sentence that must not travel by e-mail');
    // A private note tells the mentee nothing.
    await logFeedback(mentee, 'private');
    const templateId = await f.milestone(mentee, 'completed');
    await as(t, manager.token).post(`/api/v1/mentees/${mentee.id}/milestones/${templateId}/verify`).expect(200);
    // Rendered when sent: a verification revoked before its nudge leaves would send nothing, so send now.
    expect(await runMail()).toBe(2);
    await as(t, hr.token)
      .post(`/api/v1/mentees/${mentee.id}/milestones/${templateId}/revoke`, { reason: 'Wrong project' })
      .expect(200);
    const goalId = await f.goal(mentee, mentee.userId, { status: 'achieved' });
    await as(t, manager.token).post(`/api/v1/goals/${goalId}/confirm`).expect(200);

    expect(await runMail()).toBe(2);
    const mails = mailsTo(mentee.user.email).slice(before);
    expect(mails.map((m) => m.parsed.subject)).toEqual([
      expect.stringMatching(/^New feedback from /),
      'Milestone verified: Factory milestone',
      'Milestone revoked: Factory milestone',
      expect.stringMatching(/^Goal confirmed: Goal \d+$/),
    ]);
    for (const mail of mails) {
      expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      unsubscribeLink(mail);
      expect(mail.parsed.text).toContain('https://leadpath.test/progress');
      expect(mail.parsed.html).toContain('https://leadpath.test/progress');
      // A person reading the message gets a page that asks first, and the page of every switch.
      expect(mail.parsed.text).toMatch(/https:\/\/leadpath\.test\/unsubscribe#token=[\w.-]+/);
      expect(mail.parsed.text).toContain('https://leadpath.test/notifications');
    }
    // Never the feedback's text.
    expect(mails[0].raw).not.toContain('private-sounding');

    // One click (as a mail provider does it: a form POST) switches that kind off, and only it.
    const link = unsubscribeLink(mails[0]);
    const res = await request(t.server)
      .post(`${link.pathname}${link.search}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(res.body.message).toContain('new shared feedback');
    await as(t, mentee.user.token).get('/api/v1/me/notifications').expect(200, {
      feedbackShared: false,
      milestoneChanges: true,
      goalConfirmed: true,
      weeklyDigest: true,
      monthlySummary: true,
    });
    const audit = await t.db.pool.query(
      `SELECT 1 FROM audit_events WHERE action = 'notifications.unsubscribe' AND object_id = $1`,
      [mentee.userId],
    );
    expect(audit.rows).toHaveLength(1);

    // A switched-off nudge is not sent: nothing is even enqueued.
    const deliveries = async () =>
      (
        await t.db.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM mail_deliveries WHERE recipient_id = $1 AND kind = 'feedback_shared'`,
          [mentee.userId],
        )
      ).rows[0].n;
    const n = await deliveries();
    await logFeedback(mentee, 'shared');
    expect(await deliveries()).toBe(n);
    expect(await runMail()).toBe(0);

    // A forged or altered token changes nothing.
    const [body, mac] = link.searchParams.get('token')!.split('.');
    for (const token of [`${body}.${mac.slice(0, -2)}AA`, 'nonsense', `${body}`]) {
      const bad = await request(t.server)
        .post(`/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`)
        .expect(400);
      expect(bad.body.fields[0].field).toBe('token');
    }
    await request(t.server).post('/api/v1/notifications/unsubscribe').expect(400);
  });

  it('an unsubscribe link works for a year from its mail, then changes nothing (400 on token)', async () => {
    const other = await f.mentee(orgId, { managerId: manager.id });
    const t0 = new Date();
    clock.set(t0);
    await logFeedback(other, 'shared');
    await runMail();
    const link = unsubscribeLink(mailsTo(other.user.email).at(-1)!);
    const click = () =>
      request(t.server).post(`${link.pathname}${link.search}`).type('form').send('List-Unsubscribe=One-Click');
    clock.set(new Date(t0.getTime() + 366 * 86_400_000));
    const late = await click().expect(400);
    expect(late.body.fields[0].field).toBe('token');
    expect((await as(t, other.user.token).get('/api/v1/me/notifications').expect(200)).body.feedbackShared).toBe(true);
    clock.set(new Date(t0.getTime() + 364 * 86_400_000));
    await click().expect(200);
    expect((await as(t, other.user.token).get('/api/v1/me/notifications').expect(200)).body.feedbackShared).toBe(false);
  });

  it('a switch turned off after the enqueue sends nothing; the switches are validated and audited', async () => {
    const other = await f.mentee(orgId, { managerId: manager.id });
    await logFeedback(other, 'shared');
    await as(t, other.user.token).patch('/api/v1/me/notifications', { feedbackShared: false }).expect(200);
    const before = smtp.received.length;
    expect(await runMail()).toBe(1);
    expect(smtp.received).toHaveLength(before);
    const { rows } = await t.db.pool.query(`SELECT status FROM mail_deliveries WHERE recipient_id = $1`, [
      other.userId,
    ]);
    expect(rows).toEqual([{ status: 'skipped' }]);

    const bad = await as(t, other.user.token)
      .patch('/api/v1/me/notifications', { weeklyDigest: 'no', extra: true })
      .expect(400);
    expect(bad.body.fields.map((x: { field: string }) => x.field).sort()).toEqual(['extra', 'weeklyDigest']);
    // null is no switch position: 400 on the field, nothing changes (it used to reach the database and answer 500).
    const nulled = await as(t, other.user.token)
      .patch('/api/v1/me/notifications', { weeklyDigest: true, monthlySummary: null })
      .expect(400);
    expect(nulled.body.fields.map((x: { field: string }) => x.field)).toEqual(['monthlySummary']);
    expect((await as(t, other.user.token).get('/api/v1/me/notifications').expect(200)).body.feedbackShared).toBe(false);
    const audit = await t.db.pool.query(
      `SELECT 1 FROM audit_events WHERE action = 'notifications.update' AND actor_id = $1`,
      [other.userId],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('validates the organization time zone (IANA names only)', async () => {
    for (const timeZone of ['Mars/Olympus', '+02:00', 'x'.repeat(80), 42]) {
      const res = await as(t, hr.token).patch('/api/v1/framework/settings', { timeZone }).expect(400);
      expect(res.body.fields[0].field).toBe('timeZone');
    }
    const ok = await as(t, hr.token).patch('/api/v1/framework/settings', { timeZone: 'Asia/Kolkata' }).expect(200);
    expect(ok.body.timeZone).toBe('Asia/Kolkata');
    await as(t, hr.token).patch('/api/v1/framework/settings', { timeZone: 'UTC' }).expect(200);
  });
});

describe('the weekly digest of a demo manager', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let jobs: JobsService;
  let clock: Clock;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://leadpath.test' });
    await t.app.get(DemoSeeder).seedIfEmpty();
    jobs = t.app.get(JobsService);
    clock = t.app.get(Clock);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('goes out Monday 08:00 in the organization’s time zone and lists exactly the manager’s stale mentees', async () => {
    const { rows: orgs } = await t.db.pool.query<{ id: string }>('SELECT id FROM organizations');
    const [org] = orgs;
    const hr = await t.db.pool.query<{ id: string }>(`SELECT id FROM users WHERE email = 'hr@demo.leadpath.test'`);
    const hrToken = new Factory(t).token(hr.rows[0].id, org.id);
    await as(t, hrToken).patch('/api/v1/framework/settings', { timeZone: 'Europe/Berlin' }).expect(200);
    const digests = t.app.get(DigestsService);

    // Monday 08:00 in UTC is 09:00 in Berlin (or 10:00 in summer): not due there.
    clock.set(nextMondayAt8(0));
    expect(await digests.tick()).toBe(0);
    // Monday 08:00 in Berlin.
    const berlinOffset =
      Number(
        new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', hour: 'numeric', hourCycle: 'h23' }).format(
          nextMondayAt8(0),
        ),
      ) - 8;
    const at = nextMondayAt8(berlinOffset);
    clock.set(at);
    expect(await digests.tick()).toBe(1);
    // A second tick in the same hour (another instance) enqueues nothing more.
    await digests.tick();
    expect(await jobs.runDue(WEEKLY_DIGEST_JOB)).toBe(1);
    await jobs.runDue(MONTHLY_SUMMARY_JOB);
    await jobs.runDue(MAIL_JOB);

    const day = at.toISOString().slice(0, 10);
    // Expected from the data itself: Maya's managed or mentored mentees with no shared feedback in 30 days.
    const { rows: expected } = await t.db.pool.query<{ name: string }>(
      `SELECT u.name FROM mentees m JOIN users u ON u.id = m.user_id JOIN users mgr ON mgr.email = 'maya.okafor@demo.leadpath.test'
        WHERE (m.manager_id = mgr.id OR m.mentor_id = mgr.id)
          AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.mentee_id = m.id AND f.visibility = 'shared'
                                                    AND f.occurred_on BETWEEN $1::date - 30 AND $1::date)
        ORDER BY u.name`,
      [day],
    );
    const { rows: others } = await t.db.pool.query<{ name: string }>(
      `SELECT u.name FROM mentees m JOIN users u ON u.id = m.user_id ORDER BY u.name`,
    );
    expect(expected.length).toBeGreaterThan(0);
    const maya = smtp.received.filter((m) => m.to[0] === 'maya.okafor@demo.leadpath.test');
    expect(maya).toHaveLength(1);
    const text = maya[0].parsed.text ?? '';
    expect(maya[0].parsed.subject).toBe(`Your mentees this week (${day})`);
    const staleLine = text.split('\n').find((l) => l.startsWith('Without a shared one-on-one')) ?? '';
    expect(staleLine).toContain(`(${expected.length})`);
    for (const { name } of others) {
      expect([name, staleLine.includes(name)]).toEqual([name, expected.some((e) => e.name === name)]);
    }
    expect(header(maya[0], 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    // Nothing twice: the same week's job again sends nothing more.
    const count = smtp.received.length;
    await t.app.get(WeeklyDigest).weekly({ organizationId: org.id, day });
    expect(await jobs.runDue(MAIL_JOB)).toBe(0);
    expect(smtp.received).toHaveLength(count);
  });

  it('sends nothing to a manager with nothing to say, and HR gets the bench summary on the 1st', async () => {
    const { rows: orgs } = await t.db.pool.query<{ id: string }>('SELECT id FROM organizations');
    const f = new Factory(t);
    const idle = await f.user(orgs[0].id, ['manager']);
    // Enrolled yesterday with nothing logged: not stale yet, since the stale window starts at enrolment.
    await f.mentee(orgs[0].id, { managerId: idle.id, enrolledDaysAgo: 1 });
    const now = new Date();
    // The 1st of next month, 08:00 in Berlin (07:00 UTC in winter, 06:00 in summer).
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 6));
    const berlinHour = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', hour: 'numeric', hourCycle: 'h23' }).format(first),
    );
    clock.set(new Date(first.getTime() + (8 - berlinHour) * 3600000));
    const digests = t.app.get(DigestsService);
    expect(await digests.tick()).toBeGreaterThanOrEqual(1);
    await jobs.runDue(WEEKLY_DIGEST_JOB);
    expect(await jobs.runDue(MONTHLY_SUMMARY_JOB)).toBe(1);
    await jobs.runDue(MAIL_JOB);
    clock.set(undefined);
    expect(smtp.received.filter((m) => m.to[0] === idle.email)).toHaveLength(0);
    const summary = smtp.received.filter((m) => m.to[0] === 'hr@demo.leadpath.test');
    expect(summary).toHaveLength(1);
    expect(summary[0].parsed.subject).toMatch(/^The leadership bench on \d{4}-\d{2}-01$/);
    expect(summary[0].parsed.text).toMatch(/\d+ mentees; \d+ without a shared one-on-one for too long\./);
    // The same stale rule as the mentee list and the weekly digest: counted from enrolment at the earliest.
    const day = first.toISOString().slice(0, 10);
    const {
      rows: [{ stale }],
    } = await t.db.pool.query<{ stale: number }>(
      `SELECT count(*)::int AS stale FROM mentees m JOIN users u ON u.id = m.user_id
        WHERE m.organization_id = $1 AND u.active
          AND GREATEST((SELECT max(f.occurred_on) FROM feedback f
                         WHERE f.mentee_id = m.id AND f.visibility = 'shared' AND f.occurred_on <= $2::date),
                       (m.created_at AT TIME ZONE 'UTC')::date)
              < $2::date - (SELECT s.stale_feedback_days FROM organization_settings s WHERE s.organization_id = $1)`,
      [orgs[0].id, day],
    );
    expect(summary[0].parsed.text).toContain(`; ${stale} without a shared one-on-one for too long.`);
  });
});
