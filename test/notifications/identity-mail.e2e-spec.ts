import request from 'supertest';
import { AuditService } from '@leadpath/audit';
import { JobsService } from '@leadpath/jobs';
import { MAIL_JOB } from '@leadpath/mail';
import { Database } from '@leadpath/platform/database';
import { Clock } from '@leadpath/platform/time';
import { PASSWORD_RESET_JOB, RESETS_PER_HOUR } from '@leadpath/auth';
import { Factory, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { linkIn, startSmtp, tokenOf, type TestSmtp } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

describe('invitations and password reset through a real SMTP server', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let f: Factory;
  let hr: TestUser;
  let orgId: string;
  let jobs: JobsService;

  const login = (email: string, password: string) =>
    request(t.server).post('/api/v1/auth/login').send({ email, password });
  const runMail = () => jobs.runDue(MAIL_JOB);
  const jobCount = async (name: string) =>
    (await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1', [name])).rows[0]
      .n;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Leadpath <no-reply@leadpath.test>',
      PUBLIC_URL: 'https://leadpath.test',
    });
    f = new Factory(t);
    orgId = (await f.organization('Acme')).id;
    hr = await f.user(orgId, ['hr_admin']);
    jobs = t.app.get(JobsService);
  });

  afterEach(() => {
    t.app.get(Clock).set(undefined);
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('invites a user created without a password: the link arrives once, sets the password, and works once', async () => {
    const created = await as(t, hr.token)
      .post('/api/v1/users', { email: 'grace@example.test', name: 'Grace Hopper', roles: ['manager'] })
      .expect(201);
    // Nothing leaves before a worker takes the job.
    expect(smtp.received).toHaveLength(0);
    expect(await runMail()).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual(['grace@example.test']);
    expect(mail.parsed.from?.value).toEqual([{ name: 'Leadpath', address: 'no-reply@leadpath.test' }]);
    expect(mail.parsed.subject).toBe('You are invited to Leadpath at Acme');
    expect(mail.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@leadpath\.test>$/);
    expect(mail.parsed.text).toContain('Hello Grace Hopper,');
    expect(mail.parsed.html).toContain('<a href="https://leadpath.test/accept-invitation#token=');
    // Essential mail: no unsubscribe header.
    expect(mail.parsed.headers.has('list-unsubscribe')).toBe(false);

    const link = linkIn(mail, 'accept-invitation');
    expect(link.origin).toBe('https://leadpath.test');
    const token = tokenOf(link);
    // Only the hash is stored.
    const stored = await t.db.pool.query('SELECT token_hash FROM auth_tokens WHERE user_id = $1', [created.body.id]);
    expect(stored.rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0].token_hash).not.toContain(token);

    await login('grace@example.test', 'a brand new passphrase').expect(401);
    await request(t.server)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: 'a brand new passphrase' })
      .expect(204);
    await login('grace@example.test', 'a brand new passphrase').expect(200);
    const again = await request(t.server)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: 'another new passphrase' })
      .expect(400);
    expect(again.body.fields).toEqual([{ field: 'token', messages: [expect.stringContaining('invalid')] }]);

    const delivery = await as(t, hr.token).get('/api/v1/mail-deliveries').expect(200);
    expect(delivery.body.items[0]).toMatchObject({
      recipientId: created.body.id,
      recipientName: 'Grace Hopper',
      recipientEmail: 'grace@example.test',
      kind: 'invitation',
      status: 'sent',
      attempts: 1,
    });
    const audit = await t.db.pool.query<{ action: string }>(
      `SELECT action || ':' || outcome AS action FROM audit_events WHERE object_id = $1 ORDER BY occurred_at`,
      [created.body.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'user.invite:success',
      'auth.login:denied',
      'auth.invitation_accepted:success',
      'auth.login:success',
    ]);
  });

  it('refuses an invitation link after 7 days (controllable clock)', async () => {
    await as(t, hr.token)
      .post('/api/v1/users', { email: 'late@example.test', name: 'Late', roles: ['mentee'] })
      .expect(201);
    await runMail();
    const mail = smtp.received.find((m) => m.to[0] === 'late@example.test')!;
    t.app.get(Clock).set(new Date(Date.now() + 7 * 24 * 3600 * 1000 + 60000));
    await request(t.server)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: tokenOf(linkIn(mail, 'accept-invitation')), password: 'a brand new passphrase' })
      .expect(400);
  });

  it('answers a reset for an unknown address exactly as for a known one, and mails only the known', async () => {
    const known = await f.user(orgId, ['mentee'], { email: 'known@example.test', name: 'Known Person' });
    const ask = (email: string) => request(t.server).post('/api/v1/auth/password-reset').send({ email });
    const a = await ask('known@example.test');
    const b = await ask('nobody@example.test');
    expect(a.status).toBe(202);
    expect(b.status).toBe(a.status);
    expect(b.body).toEqual(a.body);
    const headers = (r: request.Response) =>
      Object.keys(r.headers)
        .filter((h) => !['date', 'x-request-id'].includes(h))
        .sort()
        .map((h) => `${h}: ${h === 'content-length' || h.startsWith('content-type') ? r.headers[h] : ''}`);
    expect(headers(b)).toEqual(headers(a));
    // Both did the same work: one job each.
    expect(await jobCount(PASSWORD_RESET_JOB)).toBe(2);

    const before = smtp.received.length;
    await jobs.runDue(PASSWORD_RESET_JOB);
    await runMail();
    const mails = smtp.received.slice(before);
    expect(mails.map((m) => m.to)).toEqual([['known@example.test']]);
    expect(mails[0].parsed.subject).toBe('Reset your Leadpath password');
    expect(mails[0].parsed.text).toContain('https://leadpath.test/reset-password#token=');

    // The reset signs the user out everywhere: their old access token stops working.
    await as(t, known.token).get('/api/v1/me').expect(200);
    await request(t.server)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: tokenOf(linkIn(mails[0], 'reset-password')), password: 'a fresh and long passphrase' })
      .expect(204);
    await as(t, known.token).get('/api/v1/me').expect(401);
    await login('known@example.test', 'a fresh and long passphrase').expect(200);
  });

  it('expires a reset link after 30 minutes, spends every open link on use, and throttles reset mails per account', async () => {
    await f.user(orgId, ['mentee'], { email: 'often@example.test', name: 'Often' });
    for (let i = 0; i < RESETS_PER_HOUR + 2; i++) {
      await request(t.server).post('/api/v1/auth/password-reset').send({ email: 'often@example.test' }).expect(202);
    }
    await jobs.runDue(PASSWORD_RESET_JOB);
    await runMail();
    const mails = smtp.received.filter((m) => m.to[0] === 'often@example.test');
    expect(mails).toHaveLength(RESETS_PER_HOUR);
    const tokens = mails.map((m) => tokenOf(linkIn(m, 'reset-password')));
    const confirm = (token: string) =>
      request(t.server).post('/api/v1/auth/password-reset/confirm').send({ token, password: 'yet another passphrase' });

    t.app.get(Clock).set(new Date(Date.now() + 31 * 60 * 1000));
    await confirm(tokens[0]).expect(400);
    t.app.get(Clock).set(undefined);
    // A weak password is refused and the link stays usable.
    await request(t.server)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: tokens[1], password: 'short' })
      .expect(400);
    await confirm(tokens[1]).expect(204);
    // Setting the password spent the other open links too.
    await confirm(tokens[2]).expect(400);
    await confirm('not-a-token').expect(400);
    await request(t.server).post('/api/v1/auth/password-reset/confirm').send({ token: tokens[2] }).expect(400);
  });

  it('a rolled-back request enqueues nothing and mails nothing', async () => {
    const audit = t.app.get(AuditService);
    jest.spyOn(audit, 'record').mockRejectedValueOnce(new Error('injected fault after the enqueue'));
    const jobsBefore = await jobCount(MAIL_JOB);
    const mailsBefore = smtp.received.length;
    await as(t, hr.token)
      .post('/api/v1/users', { email: 'rolled@example.test', name: 'Rolled Back', roles: ['mentee'] })
      .expect(500);
    expect(await jobCount(MAIL_JOB)).toBe(jobsBefore);
    const { rows } = await t.db.pool.query(`SELECT 1 FROM users WHERE email = 'rolled@example.test'`);
    expect(rows).toHaveLength(0);
    expect(await runMail()).toBe(0);
    expect(smtp.received).toHaveLength(mailsBefore);
  });

  it('a job runs under its organization: a mail job of organization A naming B’s delivery reads and sends nothing', async () => {
    const other = (await f.organization('Other')).id;
    const otherHr = await f.user(other, ['hr_admin']);
    await as(t, otherHr.token)
      .post('/api/v1/users', { email: 'b-user@example.test', name: 'B User', roles: ['mentee'] })
      .expect(201);
    const { rows } = await t.db.pool.query<{ id: string }>(
      `SELECT id FROM mail_deliveries WHERE organization_id = $1`,
      [other],
    );
    // Drop B's own job, then forge one that claims organization A.
    await t.db.pool.query(`DELETE FROM pgboss.job WHERE name = $1 AND data->>'organizationId' = $2`, [MAIL_JOB, other]);
    const db = t.app.get(Database);
    await db.tenant(orgId, () => jobs.enqueue(MAIL_JOB, { organizationId: orgId, deliveryId: rows[0].id }));
    const before = smtp.received.length;
    expect(await runMail()).toBe(1);
    expect(smtp.received).toHaveLength(before);
    const b = await t.db.pool.query(`SELECT status, attempts FROM mail_deliveries WHERE id = $1`, [rows[0].id]);
    expect(b.rows[0]).toEqual({ status: 'pending', attempts: 0 });
    // And the tenant wall itself: under A's unit of work, B's rows do not exist.
    const seen = await db.tenant(orgId, () =>
      db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM users WHERE organization_id = $1)::int
              + (SELECT count(*) FROM mail_deliveries WHERE organization_id = $1)::int
              + (SELECT count(*) FROM auth_tokens WHERE organization_id = $1)::int AS n`,
        [other],
      ),
    );
    expect(seen[0].n).toBe(0);
  });

  it('rejects bad input with 400 naming the field', async () => {
    const res = await request(t.server).post('/api/v1/auth/password-reset').send({ email: 42, extra: 1 }).expect(400);
    expect(res.body.fields.map((x: { field: string }) => x.field).sort()).toEqual(['email', 'extra']);
    await request(t.server)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: 'x'.repeat(500), password: 'p' })
      .expect(400);
  });
});
