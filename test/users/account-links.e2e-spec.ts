import request from 'supertest';
import { PASSWORD_RESET_JOB } from '@leadpath/auth';
import { JobsService } from '@leadpath/jobs';
import { MAIL_JOB } from '@leadpath/mail';
import { Factory, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { linkIn, startSmtp, tokenOf, type TestSmtp } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 23, item 4: a set-password link is good for the account as it was when the link was sent.
 * Every change of address, password, active state or roles spends every open link of the account.
 */
describe('set-password links die with an account change', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let f: Factory;
  let hr: TestUser;
  let orgId: string;
  let jobs: JobsService;
  let n = 0;

  const login = (email: string, password: string) =>
    request(t.server).post('/api/v1/auth/login').send({ email, password });
  const confirm = (token: string, password = 'a chosen passphrase for this') =>
    request(t.server).post('/api/v1/auth/password-reset/confirm').send({ token, password });
  const mailTo = (address: string) => smtp.received.filter((m) => m.to[0] === address);

  /** A user created without a password, and the token of the invitation they were mailed. */
  async function invited(): Promise<{ id: string; email: string; token: string }> {
    const email = `invited-${++n}@example.test`;
    const created = await as(t, hr.token)
      .post('/api/v1/users', { email, name: `Invited ${n}`, roles: ['mentee'] })
      .expect(201);
    await jobs.runDue(MAIL_JOB);
    const [mail] = mailTo(email);
    return { id: created.body.id as string, email, token: tokenOf(linkIn(mail, 'accept-invitation')) };
  }

  /** The token of a reset link mailed to `email` (the latest). */
  async function resetLink(email: string): Promise<string> {
    await request(t.server).post('/api/v1/auth/password-reset').send({ email }).expect(202);
    await jobs.runDue(PASSWORD_RESET_JOB);
    await jobs.runDue(MAIL_JOB);
    const mails = mailTo(email);
    return tokenOf(linkIn(mails[mails.length - 1], 'reset-password'));
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://leadpath.test' });
    f = new Factory(t);
    orgId = (await f.organization('Links')).id;
    hr = await f.user(orgId, ['hr_admin']);
    jobs = t.app.get(JobsService);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('an invitation to a mistyped address stops working when HR corrects it; the corrected address is invited', async () => {
    const user = await invited();
    const corrected = `corrected-${n}@example.test`;
    await as(t, hr.token).patch(`/api/v1/users/${user.id}`, { email: corrected }).expect(200);
    const refused = await confirm(user.token).expect(400);
    expect(refused.body.fields).toEqual([{ field: 'token', messages: [expect.stringContaining('invalid')] }]);
    await login(user.email, 'a chosen passphrase for this').expect(401);

    await jobs.runDue(MAIL_JOB);
    const [mail] = mailTo(corrected);
    expect(mail.parsed.subject).toBe('You are invited to Leadpath at Links');
    await confirm(tokenOf(linkIn(mail, 'accept-invitation')), 'the right person chose this').expect(204);
    await login(corrected, 'the right person chose this').expect(200);
  });

  it('an invitation not yet mailed when the address is corrected is never sent to the old address', async () => {
    const email = `unsent-${++n}@example.test`;
    const created = await as(t, hr.token)
      .post('/api/v1/users', { email, name: 'Unsent', roles: ['mentee'] })
      .expect(201);
    await as(t, hr.token)
      .patch(`/api/v1/users/${created.body.id}`, { email: `fixed-${n}@example.test` })
      .expect(200);
    await jobs.runDue(MAIL_JOB);
    expect(mailTo(email)).toEqual([]);
    expect(mailTo(`fixed-${n}@example.test`)).toHaveLength(1);
  });

  it('a reset link mailed to a previous address stops working when the address changes', async () => {
    const user = await f.user(orgId, ['manager'], { email: `previous-${++n}@example.test` });
    const token = await resetLink(user.email);
    await as(t, hr.token)
      .patch(`/api/v1/users/${user.id}`, { email: `current-${n}@example.test` })
      .expect(200);
    await confirm(token).expect(400);
  });

  it('HR setting the password spends the invitation', async () => {
    const user = await invited();
    await as(t, hr.token).patch(`/api/v1/users/${user.id}`, { password: 'set by HR, long enough' }).expect(200);
    await confirm(user.token).expect(400);
    await login(user.email, 'set by HR, long enough').expect(200);
  });

  it('deactivating and reactivating spends the invitation and a reset link', async () => {
    const user = await invited();
    const other = await f.user(orgId, ['manager']);
    const reset = await resetLink(other.email);
    for (const id of [user.id, other.id]) {
      await as(t, hr.token).patch(`/api/v1/users/${id}`, { active: false }).expect(200);
      await as(t, hr.token).patch(`/api/v1/users/${id}`, { active: true }).expect(200);
    }
    await confirm(user.token).expect(400);
    await confirm(reset).expect(400);
  });

  it('a change of roles spends the invitation', async () => {
    const user = await invited();
    await as(t, hr.token)
      .patch(`/api/v1/users/${user.id}`, { roles: ['mentee', 'manager'] })
      .expect(200);
    await confirm(user.token).expect(400);
  });

  it('a password set from a reset link spends the invitation and every other reset link', async () => {
    const user = await invited();
    const first = await resetLink(user.email);
    const second = await resetLink(user.email);
    await confirm(second, 'chosen through the reset').expect(204);
    await confirm(first).expect(400);
    await confirm(user.token).expect(400);
    await login(user.email, 'chosen through the reset').expect(200);
  });

  it('a change of name or a PATCH that changes nothing leaves the links working', async () => {
    const user = await invited();
    await as(t, hr.token)
      .patch(`/api/v1/users/${user.id}`, { name: 'Renamed', email: user.email, roles: ['mentee'], active: true })
      .expect(200);
    await confirm(user.token).expect(204);
  });

  it('a refused change spends nothing', async () => {
    const user = await invited();
    const taken = await f.user(orgId, ['manager']);
    await as(t, hr.token).patch(`/api/v1/users/${user.id}`, { email: taken.email }).expect(409);
    await as(t, hr.token).patch(`/api/v1/users/${user.id}`, { password: 'short' }).expect(400);
    await confirm(user.token).expect(204);
  });
});
