import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import request from 'supertest';
import { Factory } from '../support/factories';
import { withTestApp } from '../support/suite';
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

/** `%XX` for one character of a path, in upper or lower case hex. */
const percent = (char: string, lower: boolean) => {
  const hex = [...Buffer.from(char, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  return lower ? hex : hex.toUpperCase();
};

/** The path with each character (never a `/`, which the router would not read as one) kept or encoded. */
const encoded = (path: string, choices: number[]) =>
  [...path].map((char, i) => (char === '/' || choices[i] === 0 ? char : percent(char, choices[i] === 2))).join('');

/** The `r=` of each policy in a RateLimit field. */
const remaining = (res: request.Response) =>
  Object.fromEntries(
    [...String(res.headers['ratelimit'] ?? '').matchAll(/"([^"]+)";r=(\d+)/g)].map((m) => [m[1], Number(m[2])]),
  );

/** GET with an absolute-form request target (`GET http://host/path HTTP/1.1`), which supertest cannot send. */
async function absoluteForm(t: TestApp, path: string, token: string) {
  const server = t.server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status?: number; cacheControl?: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: `http://127.0.0.1:${port}${path}`,
        headers: { authorization: `Bearer ${token}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, cacheControl: res.headers['cache-control'] }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('rate limits and headers decide on the routed path, not the raw URL', () => {
  let t: TestApp;
  let hr: { token: string };

  beforeAll(async () => {
    t = await startTestApp({
      RATE_LIMIT_PER_USER: '3',
      RATE_LIMIT_PER_ADDRESS: '1000000',
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW),
    });
    const f = new Factory(t);
    hr = await f.user((await f.organization()).id, ['hr_admin']);
  });

  afterAll(async () => {
    await t.close();
  });

  it('/%61pi/v1/me counts against the user and the address and stays no-store', async () => {
    const me = (path: string) => request(t.server).get(path).set('authorization', `Bearer ${hr.token}`);
    const first = await me('/api/v1/me').expect(200);
    const encodedMe = await me('/%61pi/v1/me').expect(200);
    expect(encodedMe.headers['cache-control']).toBe('no-store');
    expect(remaining(encodedMe)['per-address']).toBe(remaining(first)['per-address'] - 1);
    expect(remaining(encodedMe)['per-user']).toBe(1);
    await me('/%61%70%69/%76%31/%6D%65').expect(200);
    const refused = await me('/api/v1/%6de').expect(429);
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.headers['retry-after']).toBeDefined();
    // A request line in absolute form is routed by its path, and limited by it.
    const absolute = await absoluteForm(t, '/api/v1/me', hr.token);
    expect(absolute).toMatchObject({ status: 429, cacheControl: 'no-store' });
  });
});

describe('percent-encoded paths (fuzz)', () => {
  let t: TestApp;
  let hr: { token: string };
  let paths: string[];

  withTestApp((app) => (t = app), { RATE_LIMIT_WINDOW_SECONDS: String(WINDOW) });

  beforeAll(async () => {
    const f = new Factory(t);
    const org = await f.organization();
    hr = await f.user(org.id, ['hr_admin']);
    const manager = await f.user(org.id, ['manager']);
    const mentee = await f.mentee(org.id, { managerId: manager.id });
    // Every GET of the document that needs no query, with its ids filled in, and the probes.
    const doc = (await request(t.server).get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: { in: string; required?: boolean }[] }>>;
    };
    paths = Object.entries(doc.paths)
      .filter(
        ([, methods]) => methods.get && !(methods.get.parameters ?? []).some((p) => p.in === 'query' && p.required),
      )
      .map(([path]) => path.replace(/\{[^}]+\}/g, mentee.id))
      .filter((path) => !/(export|\.pdf|\.csv)/.test(path));
    paths.push('/health', '/docs-json');
  });

  it('random percent-encodings of real paths get the same status, limits and headers as the plain path', async () => {
    const get = (path: string) => request(t.server).get(path).set('authorization', `Bearer ${hr.token}`);
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 0, max: 1000 })
          .chain((i) =>
            fc.tuple(
              fc.constant(paths[i % paths.length]),
              fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 200, maxLength: 200 }),
            ),
          ),
        async ([path, choices]) => {
          const plain = await get(path);
          const other = await get(encoded(path, choices));
          expect({ path, status: other.status }).toEqual({ path, status: plain.status });
          for (const header of ['cache-control', 'ratelimit-policy', 'x-content-type-options']) {
            expect({ path, header, value: other.headers[header] }).toEqual({
              path,
              header,
              value: plain.headers[header],
            });
          }
          const before = remaining(plain);
          const after = remaining(other);
          expect(Object.keys(after)).toEqual(Object.keys(before));
          for (const policy of Object.keys(before)) expect(after[policy]).toBe(before[policy] - 1);
        },
      ),
      { numRuns: 150, seed: 23 },
    );
  });
});
