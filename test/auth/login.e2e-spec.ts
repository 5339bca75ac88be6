import request from 'supertest';
import { unitStatements } from '@leadpath/platform/database';
import { PasswordService } from '@leadpath/users';
import { Factory, PASSWORD } from '../support/factories';
import { withTestApp } from '../support/suite';
import { startTestApp, type TestApp } from '../support/test-app';

describe('login', () => {
  let t: TestApp;
  let f: Factory;
  let org: { id: string };

  withTestApp((app) => (t = app), { LOGIN_MAX_FAILURES: '5', LOGIN_MAX_ATTEMPTS_PER_CLIENT: '40' });

  beforeAll(async () => {
    f = new Factory(t);
    org = await f.organization();
  });

  const login = (email: string, password: string, forwardedFor?: string) => {
    const req = request(t.server).post('/api/v1/auth/login');
    if (forwardedFor) void req.set('x-forwarded-for', forwardedFor);
    return req.send({ email, password });
  };

  it('exchanges e-mail and password for a token that works', async () => {
    const user = await f.user(org.id, ['manager']);
    const res = await login(user.email.toUpperCase(), PASSWORD).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id: user.id, roles: ['manager'] } });
    expect(JSON.stringify(res.body.user)).not.toMatch(/hash/i);
    await request(t.server).get('/api/v1/me').set('authorization', `Bearer ${res.body.accessToken}`).expect(200);
  });

  it('answers unknown e-mail, wrong password and deactivated account identically', async () => {
    const user = await f.user(org.id, ['manager']);
    const inactive = await f.user(org.id, ['manager']);
    await t.db.pool.query('UPDATE users SET active = false WHERE id = $1', [inactive.id]);
    const unknown = await login('nobody-here@example.test', PASSWORD);
    const wrong = await login(user.email, 'wrong password entirely');
    const deactivated = await login(inactive.email, PASSWORD);
    for (const res of [unknown, wrong, deactivated]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual(unknown.body);
    }
  });

  it('validates the body with a 400 naming the field', async () => {
    const res = await request(t.server).post('/api/v1/auth/login').send({ email: 42 }).expect(400);
    expect(res.body.fields.map((x: { field: string }) => x.field).sort()).toEqual(['email', 'password']);
  });

  it('throttles an account from a failing client, whatever address that client claims', async () => {
    const user = await f.user(org.id, ['mentee']);
    for (let i = 0; i < 5; i++) await login(user.email, `wrong-${i}-password`, `10.0.0.${i}`).expect(401);
    const blocked = await login(user.email, PASSWORD, '10.9.9.9').expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The counter lives in PostgreSQL, where every API instance sees it (the refused sixth counts too).
    const { rows } = await t.db.pool.query<{ hits: number }>(`SELECT hits FROM login_throttle WHERE key LIKE $1`, [
      `login:fail:%:${user.email}`,
    ]);
    expect(rows.map((r) => r.hits)).toEqual([6]);
  });
});

describe('login throttling per client', () => {
  let t: TestApp;
  let f: Factory;

  withTestApp((app) => (t = app), { LOGIN_MAX_ATTEMPTS_PER_CLIENT: '6' });

  beforeAll(async () => {
    f = new Factory(t);
  });

  it('counts every attempt from one client; a spoofed X-Forwarded-For does not reset it', async () => {
    const org = await f.organization();
    const user = await f.user(org.id, ['manager']);
    for (let i = 0; i < 6; i++) {
      await request(t.server)
        .post('/api/v1/auth/login')
        .set('x-forwarded-for', `203.0.113.${i}`)
        .send({ email: `someone-${i}@example.test`, password: 'whatever it is' })
        .expect(401);
    }
    await request(t.server)
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', '198.51.100.7')
      .send({ email: user.email, password: 'factory-passphrase-2026' })
      .expect(429);
  });
});

/**
 * Sign-in that cannot be turned against its owner (issue 12, items 9–11). TRUST_PROXY lets the
 * test speak as several client addresses.
 */
describe('lockout cannot be weaponised', () => {
  let t: TestApp;
  let f: Factory;
  let org: { id: string };

  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      LOGIN_MAX_FAILURES: '5',
      LOGIN_MAX_FAILURES_PER_CLIENT: '20',
      LOGIN_MAX_ATTEMPTS_PER_CLIENT: '1000',
      SIGNUP_MAX_PER_CLIENT: '2',
    });
    f = new Factory(t);
    org = await f.organization();
  });

  afterAll(async () => {
    await t.close();
  });

  const login = (client: string, email: string, password: string) =>
    request(t.server).post('/api/v1/auth/login').set('x-forwarded-for', client).send({ email, password });

  it('9. failures from one address never refuse the owner’s correct password from another', async () => {
    const owner = await f.user(org.id, ['hr_admin']);
    for (let i = 0; i < 5; i++) await login('198.51.100.1', owner.email, `wrong-${i}-password`).expect(401);
    await login('198.51.100.1', owner.email, PASSWORD).expect(429);
    await login('203.0.113.50', owner.email, PASSWORD).expect(200);
  });

  it('9. an attack spread over many addresses still lets the owner in from a clean client, and each address gets one try', async () => {
    const owner = await f.user(org.id, ['hr_admin']);
    for (let i = 0; i < 5; i++) await login('192.0.2.1', owner.email, `wrong-${i}-password`).expect(401);
    // The account is past its limit across clients: every other address gets one attempt, then 429.
    for (let a = 2; a < 10; a++) {
      await login(`192.0.2.${a}`, owner.email, `wrong-from-${a}-password`).expect(401);
      await login(`192.0.2.${a}`, owner.email, `again-from-${a}-password`).expect(429);
    }
    await login('203.0.113.51', owner.email, PASSWORD).expect(200);
  });

  it('10. thirty wrong passwords in parallel: exactly five reach the password check', async () => {
    const owner = await f.user(org.id, ['manager']);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login('198.51.100.30', owner.email, `parallel-wrong-${i}-password`)),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    // Each password check that failed left one audit event: five, not more.
    const { rows } = await t.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND action = 'auth.login' AND outcome = 'denied'`,
      [owner.id],
    );
    expect(rows[0].n).toBe(5);
  });

  it('11. a failed login does the same work for a known and an unknown account', async () => {
    const owner = await f.user(org.id, ['manager']);
    const passwords = t.app.get(PasswordService);
    const trace = async (email: string) => {
      const statements: string[] = [];
      // Every statement of a unit of work, Kysely's and hand-written ones alike, passes here.
      const query = jest.spyOn(unitStatements, 'run').mockImplementation(function (
        this: typeof unitStatements,
        text,
        params,
      ) {
        statements.push(String(text).replace(/\s+/g, ' ').slice(0, 60));
        return original.call(this, text, params);
      });
      const verify = jest.spyOn(passwords, 'verify');
      try {
        await login('198.51.100.77', email, 'not the right password').expect(401);
        return { statements, verifications: verify.mock.calls.length };
      } finally {
        query.mockRestore();
        verify.mockRestore();
      }
    };
    const original = unitStatements.run;
    const known = await trace(owner.email);
    const unknown = await trace('nobody-at-all@example.test');
    expect(known.verifications).toBe(1);
    expect(unknown).toEqual(known);
    expect(known.statements.some((s) => /^insert into "audit_events"/i.test(s))).toBe(true);
  });

  it('11. throttles sign-ups per client address', async () => {
    const signup = (client: string, n: number) =>
      request(t.server)
        .post('/api/v1/organizations')
        .set('x-forwarded-for', client)
        .send({
          name: `Throttled ${n}`,
          admin: { email: `throttled-${n}@example.test`, name: 'Admin', password: 'a long signup passphrase' },
        });
    await signup('198.51.100.90', 1).expect(201);
    await signup('198.51.100.90', 2).expect(201);
    const refused = await signup('198.51.100.90', 3).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await signup('198.51.100.91', 4).expect(201);
  });
});
