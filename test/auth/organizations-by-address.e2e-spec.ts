import request from 'supertest';
import { PASSWORD_RESET_JOB } from '@leadpath/auth';
import { JobsService } from '@leadpath/jobs';
import { MAIL_JOB } from '@leadpath/mail';
import { PasswordService } from '@leadpath/users';
import { Factory, PASSWORD, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { linkIn, startSmtp, tokenOf, type TestSmtp } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 23, item 5: an address is unique per organization. Another organization's HR can neither
 * learn that an address exists elsewhere nor claim it first; sign-in and password reset find
 * every account holding the address and tell a stranger nothing about which organizations do.
 */
describe('one address, several organizations', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let f: Factory;
  let jobs: JobsService;
  let acme: { id: string };
  let globex: { id: string };
  let initech: { id: string };
  let hrAcme: TestUser;
  let hrGlobex: TestUser;
  let n = 0;

  const login = (body: object) => request(t.server).post('/api/v1/auth/login').send(body);
  const address = (stem: string) => `${stem}-${++n}@example.test`;
  const setPassword = async (userId: string, password: string) => {
    const hash = await t.app.get(PasswordService).hash(password);
    await t.db.pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [hash, userId]);
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://leadpath.test' });
    f = new Factory(t);
    jobs = t.app.get(JobsService);
    acme = await f.organization('Acme');
    globex = await f.organization('Globex');
    initech = await f.organization('Initech');
    hrAcme = await f.user(acme.id, ['hr_admin']);
    hrGlobex = await f.user(globex.id, ['hr_admin']);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('HR cannot probe or squat another organization’s address: it is simply free in their own', async () => {
    const elsewhere = await f.user(acme.id, ['manager'], { email: address('ada') });
    const own = await f.user(globex.id, ['mentee']);
    const changed = await as(t, hrGlobex.token)
      .patch(`/api/v1/users/${own.id}`, { email: elsewhere.email })
      .expect(200);
    expect(changed.body.email).toBe(elsewhere.email);
    // Any spelling the canonical form folds together is the same address, per organization.
    const again = await as(t, hrGlobex.token)
      .post('/api/v1/users', { email: `  ${elsewhere.email.toUpperCase()}`, name: 'Another Ada', roles: ['manager'] })
      .expect(409);
    expect(again.body.error).toBe('conflict');
    await as(t, hrAcme.token)
      .post('/api/v1/users', { email: elsewhere.email.toUpperCase(), name: 'Twice', roles: ['manager'] })
      .expect(409);
    // The first account is untouched.
    const { rows } = await t.db.pool.query<{ organization_id: string }>(
      'SELECT organization_id FROM users WHERE email = $1 ORDER BY organization_id',
      [elsewhere.email],
    );
    expect(rows.map((r) => r.organization_id).sort()).toEqual([acme.id, globex.id].sort());
  });

  it('sign-up answers the same for an address held elsewhere as for a new one', async () => {
    const held = await f.user(initech.id, ['hr_admin'], { email: address('founder') });
    const signup = (email: string) =>
      request(t.server)
        .post('/api/v1/organizations')
        .send({ name: 'Startup', admin: { email, name: 'Founder', password: 'a long signup passphrase' } });
    const fresh = await signup(address('fresh')).expect(201);
    const existing = await signup(held.email).expect(201);
    const shape = (body: Record<string, unknown>) =>
      JSON.stringify(body, (_, v: unknown) => (typeof v === 'object' ? v : typeof v));
    expect(shape(existing.body)).toEqual(shape(fresh.body));
    expect(existing.body.user.email).toBe(held.email);
  });

  it('signs in to the one account whose password is right, when the address has several', async () => {
    const email = address('two-passwords');
    const a = await f.user(acme.id, ['manager'], { email });
    const b = await f.user(globex.id, ['mentee'], { email });
    await setPassword(b.id, 'the globex passphrase');
    const intoA = await login({ email, password: PASSWORD }).expect(200);
    expect(intoA.body.user.id).toBe(a.id);
    const intoB = await login({ email: email.toUpperCase(), password: 'the globex passphrase' }).expect(200);
    expect(intoB.body.user.id).toBe(b.id);
    const me = await as(t, intoB.body.accessToken as string)
      .get('/api/v1/me')
      .expect(200);
    expect(me.body.organization).toEqual({ id: globex.id, name: 'Globex' });
  });

  it('asks which organization only someone whose password is right for several, listing only those', async () => {
    const email = address('same-password');
    const a = await f.user(acme.id, ['manager'], { email });
    const b = await f.user(globex.id, ['hr_admin'], { email });
    const c = await f.user(initech.id, ['mentee'], { email });
    await setPassword(c.id, 'initech has another one');

    const choose = await login({ email, password: PASSWORD }).expect(409);
    expect(choose.body).toEqual({
      statusCode: 409,
      error: 'choose_organization',
      message: expect.any(String),
      organizations: [
        { id: acme.id, name: 'Acme' },
        { id: globex.id, name: 'Globex' },
      ],
    });
    expect(choose.body.accessToken).toBeUndefined();

    const intoB = await login({ email, password: PASSWORD, organizationId: globex.id }).expect(200);
    expect(intoB.body.user).toMatchObject({ id: b.id, roles: ['hr_admin'] });
    const intoA = await login({ email, password: PASSWORD, organizationId: acme.id }).expect(200);
    expect(intoA.body.user.id).toBe(a.id);
    // Naming the organization does not let the password of another account in.
    const unknown = await login({ email: address('nobody'), password: PASSWORD }).expect(401);
    const wrongOrg = await login({ email, password: PASSWORD, organizationId: initech.id }).expect(401);
    const notThere = await login({ email, password: PASSWORD, organizationId: hrAcme.id }).expect(401);
    const wrong = await login({ email, password: 'not anybody’s password' }).expect(401);
    for (const res of [wrongOrg, notThere, wrong]) expect(res.body).toEqual(unknown.body);

    // A deactivated account is never offered: the one left signs in directly.
    await as(t, hrAcme.token).patch(`/api/v1/users/${a.id}`, { active: false }).expect(200);
    const direct = await login({ email, password: PASSWORD }).expect(200);
    expect(direct.body.user.id).toBe(b.id);
  });

  it('validates organizationId', async () => {
    const res = await login({ email: 'x@example.test', password: PASSWORD, organizationId: 'acme' }).expect(400);
    expect(res.body.fields.map((x: { field: string }) => x.field)).toEqual(['organizationId']);
  });

  it('mails a reset link to each account of the address, and answers exactly as for an unknown address', async () => {
    const email = address('reset-both');
    const a = await f.user(acme.id, ['manager'], { email });
    await f.user(globex.id, ['manager'], { email });
    const ask = (to: string) => request(t.server).post('/api/v1/auth/password-reset').send({ email: to });
    const known = await ask(email).expect(202);
    const unknown = await ask(address('reset-nobody')).expect(202);
    expect(known.body).toEqual(unknown.body);

    const before = smtp.received.length;
    await jobs.runDue(PASSWORD_RESET_JOB);
    await jobs.runDue(MAIL_JOB);
    const mails = smtp.received.slice(before);
    expect(mails.map((m) => m.to)).toEqual([[email], [email]]);
    const acmeMail = mails.find((m) => m.parsed.text?.includes('account at Acme'))!;
    expect(mails.find((m) => m.parsed.text?.includes('account at Globex'))).toBeDefined();

    // Acme's link sets Acme's password only.
    await request(t.server)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: tokenOf(linkIn(acmeMail, 'reset-password')), password: 'a new acme passphrase' })
      .expect(204);
    const intoA = await login({ email, password: 'a new acme passphrase' }).expect(200);
    expect(intoA.body.user.id).toBe(a.id);
    await login({ email, password: PASSWORD, organizationId: globex.id }).expect(200);
  });
});
