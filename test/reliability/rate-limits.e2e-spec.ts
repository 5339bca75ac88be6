import request from 'supertest';
import { Factory } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** Windows of an hour: nothing in this file can see one end, however slow the machine. */
const WINDOW = 3600;

describe('rate limits per user and per address', () => {
  let t: TestApp;
  let f: Factory;
  let a: { token: string };
  let b: { token: string };

  beforeAll(async () => {
    t = await startTestApp({
      RATE_LIMIT_PER_USER: '3',
      RATE_LIMIT_PER_ADDRESS: '10',
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW),
    });
    f = new Factory(t);
    const org = await f.organization();
    a = await f.user(org.id, ['hr_admin']);
    b = await f.user(org.id, ['hr_admin']);
  });

  afterAll(async () => {
    await t.close();
  });

  const retryAfter = (res: request.Response) => Number(res.headers['retry-after']);

  it('counts each user: the quota passes with RateLimit headers, the next request is a 429 with Retry-After that writes nothing', async () => {
    for (let left = 2; left >= 0; left--) {
      const res = await request(t.server).get('/api/v1/me').set('authorization', `Bearer ${a.token}`).expect(200);
      expect(res.headers['ratelimit-policy']).toBe(`"per-address";q=10;w=${WINDOW}, "per-user";q=3;w=${WINDOW}`);
      expect(res.headers['ratelimit']).toMatch(
        new RegExp(`^"per-address";r=\\d+;t=\\d+, "per-user";r=${left};t=\\d+$`),
      );
    }
    const refused = await request(t.server).get('/api/v1/me').set('authorization', `Bearer ${a.token}`).expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'too_many_requests' });
    expect(retryAfter(refused)).toBeGreaterThanOrEqual(1);
    expect(retryAfter(refused)).toBeLessThanOrEqual(WINDOW);
    expect(refused.headers['ratelimit']).toMatch(/"per-user";r=0;t=\d+$/);

    const email = `over-quota-${Date.now()}@example.com`;
    await request(t.server)
      .post('/api/v1/users')
      .set('authorization', `Bearer ${a.token}`)
      .send({ email, name: 'Over Quota', roles: ['manager'], password: 'a-long-enough-passphrase' })
      .expect(429);

    // Another user of the same address still has their own quota.
    await request(t.server).get('/api/v1/me').set('authorization', `Bearer ${b.token}`).expect(200);
    const users = await request(t.server).get('/api/v1/users').set('authorization', `Bearer ${b.token}`).expect(200);
    expect((users.body as { items: { email: string }[] }).items.map((u) => u.email)).not.toContain(email);
  });

  it('counts each address, signed in or not (sign-in included), and never the probes', async () => {
    // Seven requests from this address so far; three more are allowed.
    for (let i = 0; i < 3; i++) {
      const res = await request(t.server)
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@example.com', password: 'not-the-password' })
        .expect(401);
      expect(res.headers['ratelimit-policy']).toBe(`"per-address";q=10;w=${WINDOW}`);
      expect(res.headers['ratelimit']).toMatch(new RegExp(`^"per-address";r=${2 - i};t=\\d+$`));
    }
    const refused = await request(t.server)
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@example.com', password: 'not-the-password' })
      .expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'too_many_requests' });
    expect(retryAfter(refused)).toBeGreaterThanOrEqual(1);
    await request(t.server).get('/api/v1/me').set('authorization', `Bearer ${b.token}`).expect(429);

    for (const path of ['/health', '/health/ready', '/api/v1/health', '/api/v1/health/ready']) {
      const res = await request(t.server).get(path).expect(200);
      expect(res.headers['ratelimit']).toBeUndefined();
    }
  });
});
