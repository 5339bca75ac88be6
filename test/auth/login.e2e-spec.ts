import request from 'supertest';
import { Factory, PASSWORD } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('login', () => {
  let t: TestApp;
  let f: Factory;
  let org: { id: string };

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '5', LOGIN_MAX_ATTEMPTS_PER_CLIENT: '40' });
    f = new Factory(t);
    org = await f.organization();
  });

  afterAll(async () => {
    await t.close();
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

  it('throttles an account after repeated failures, whatever address the caller claims', async () => {
    const user = await f.user(org.id, ['mentee']);
    for (let i = 0; i < 5; i++) await login(user.email, `wrong-${i}-password`, `10.0.0.${i}`).expect(401);
    const blocked = await login(user.email, PASSWORD, '10.9.9.9').expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The counter lives in PostgreSQL, where every API instance sees it.
    const { rows } = await t.db.pool.query(`SELECT hits FROM login_throttle WHERE key = $1`, [
      `login:account:${user.email}`,
    ]);
    expect(rows[0].hits).toBe(5);
  });
});

describe('login throttling per client', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_CLIENT: '6' });
    f = new Factory(t);
  });

  afterAll(async () => {
    await t.close();
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
