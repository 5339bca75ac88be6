import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PASSWORD_RESET_JOB } from '@leadpath/auth';
import { JobsService } from '@leadpath/jobs';
import { MAIL_JOB, MailTransport, type OutgoingMail } from '@leadpath/mail';
import { Factory, PASSWORD, type TestUser } from '../support/factories';
import { withTestApp } from '../support/suite';
import { startTestApp, type TestApp } from '../support/test-app';

const COOKIE = /^leadpath_refresh=([^;]*);/;

/** The refresh cookie a response set, with its attributes. */
function setCookie(res: request.Response): { value: string; attributes: string } {
  const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  expect(raw).toHaveLength(1);
  const match = COOKIE.exec(raw[0]);
  expect(match).not.toBeNull();
  return { value: match![1], attributes: raw[0] };
}

describe('browser sessions', () => {
  let t: TestApp;
  let f: Factory;
  let org: { id: string };
  let hr: TestUser;

  withTestApp((app) => (t = app), { TRUST_PROXY: 'true', REFRESH_TOKEN_TTL_SECONDS: '7200' });

  beforeAll(async () => {
    f = new Factory(t);
    org = await f.organization();
    hr = await f.user(org.id, ['hr_admin']);
  });

  const signIn = async (user: TestUser, proto = 'http') => {
    const res = await request(t.server)
      .post('/api/v1/auth/login')
      .set('x-forwarded-proto', proto)
      .send({ email: user.email, password: PASSWORD, browserSession: true })
      .expect(200);
    return { res, cookie: setCookie(res).value };
  };
  const refresh = (cookie: string | undefined) => {
    const req = request(t.server).post('/api/v1/auth/refresh');
    if (cookie !== undefined) void req.set('cookie', `other=1; leadpath_refresh=${cookie}`);
    return req;
  };
  const me = (token: string) => request(t.server).get('/api/v1/me').set('authorization', `Bearer ${token}`);
  const actions = async (userId: string) =>
    (
      await t.db.pool.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE object_id = $1 AND action LIKE 'auth.%' ORDER BY occurred_at, id`,
        [userId],
      )
    ).rows.map((r) => r.action);

  it('sets no cookie on a plain API sign-in', async () => {
    const user = await f.user(org.id, ['manager']);
    const res = await request(t.server)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('sets an HttpOnly, SameSite=Strict cookie for the auth routes only, Secure over https, storing only a hash', async () => {
    const user = await f.user(org.id, ['manager']);
    const { res, cookie } = await signIn(user);
    const { attributes } = setCookie(res);
    expect(attributes).toMatch(/; Path=\/api\/v1\/auth;/);
    expect(attributes).toMatch(/; HttpOnly/);
    expect(attributes).toMatch(/; SameSite=Strict/);
    expect(attributes).not.toMatch(/Secure/);
    expect(Number(/Max-Age=(\d+)/.exec(attributes)![1])).toBeGreaterThan(7100);
    expect(Number(/Max-Age=(\d+)/.exec(attributes)![1])).toBeLessThanOrEqual(7200);
    expect(JSON.stringify(res.body)).not.toContain(cookie);
    const { rows } = await t.db.pool.query<{ token_hash: string; lifetime: number }>(
      `SELECT token_hash, extract(epoch FROM expires_at - created_at)::int AS lifetime FROM refresh_tokens WHERE user_id = $1`,
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toContain(cookie);
    expect(Math.abs(rows[0].lifetime - 7200)).toBeLessThanOrEqual(2);

    const secure = await signIn(user, 'https');
    expect(setCookie(secure.res).attributes).toMatch(/; Secure$/);
  });

  it('rotates on refresh: a new access token that works and a new cookie, with the same absolute end', async () => {
    const user = await f.user(org.id, ['manager']);
    const { cookie } = await signIn(user);
    const res = await refresh(cookie).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { id: user.id } });
    await me(res.body.accessToken).expect(200);
    const next = setCookie(res).value;
    expect(next).not.toBe(cookie);
    const third = setCookie(await refresh(next).expect(200)).value;
    expect(third).not.toBe(next);
    const { rows } = await t.db.pool.query<{ ends: number; used: number }>(
      `SELECT count(DISTINCT expires_at)::int AS ends, count(used_at)::int AS used FROM refresh_tokens WHERE user_id = $1`,
      [user.id],
    );
    expect(rows).toEqual([{ ends: 1, used: 2 }]);
    expect(await actions(user.id)).toEqual(['auth.login', 'auth.refresh', 'auth.refresh']);
  });

  it('revokes the whole family when a used refresh token comes back', async () => {
    const user = await f.user(org.id, ['manager']);
    const { cookie: stolen } = await signIn(user);
    const current = setCookie(await refresh(stolen).expect(200)).value;
    const other = await signIn(user);

    const reuse = await refresh(stolen).expect(401);
    expect(reuse.body.error).toBe('unauthenticated');
    expect(setCookie(reuse).attributes).toMatch(/Max-Age=0/);
    // The legitimate holder is signed out too: nobody can tell which side was the thief.
    await refresh(current).expect(401);
    // Another session of the same person (another browser) is a different family and lives on.
    await refresh(other.cookie).expect(200);
    expect(await actions(user.id)).toContain('auth.session_revoked');
  });

  it('ends the session on logout and clears the cookie; logout without a session is harmless', async () => {
    const user = await f.user(org.id, ['manager']);
    const { cookie } = await signIn(user);
    const res = await request(t.server)
      .post('/api/v1/auth/logout')
      .set('cookie', `leadpath_refresh=${cookie}`)
      .expect(204);
    expect(setCookie(res).attributes).toMatch(/Max-Age=0/);
    await refresh(cookie).expect(401);
    await request(t.server).post('/api/v1/auth/logout').expect(204);
    expect(await actions(user.id)).toEqual(['auth.login', 'auth.logout']);
  });

  it('ends the access token sent with the sign-out, for every instance (the deny list is in PostgreSQL), and no other', async () => {
    const user = await f.user(org.id, ['manager']);
    const { res, cookie } = await signIn(user);
    const token = res.body.accessToken as string;
    const other = (await signIn(user)).res.body.accessToken as string;
    await me(token).expect(200);
    await request(t.server)
      .post('/api/v1/auth/logout')
      .set('cookie', `leadpath_refresh=${cookie}`)
      .set('authorization', `Bearer ${token}`)
      .expect(204);
    await me(token).expect(401);
    await me(other).expect(200);
    // The row lives until the token's own expiry, keyed by its id.
    const { jti, exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
      jti: string;
      exp: number;
    };
    const { rows } = await t.db.pool.query<{ user_id: string; expires_at: Date }>(
      'SELECT user_id, expires_at FROM revoked_access_tokens WHERE jti = $1',
      [jti],
    );
    expect(rows).toEqual([{ user_id: user.id, expires_at: new Date(exp * 1000) }]);
    expect(await actions(user.id)).toEqual(['auth.login', 'auth.login', 'auth.logout']);
  });

  it('ends a bearer token signed out without a cookie; garbage or a foreign signature ends nothing; expired rows are pruned', async () => {
    const user = await f.user(org.id, ['manager']);
    const token = (await request(t.server).post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD }))
      .body.accessToken as string;
    // A row whose token expired an hour ago, and one of a token that is still live.
    const [expired, live] = [randomUUID(), randomUUID()];
    await t.db.pool.query(
      `INSERT INTO revoked_access_tokens (jti, organization_id, user_id, expires_at)
       VALUES ($1, $3, $4, now() - interval '1 hour'), ($2, $3, $4, now() + interval '1 hour')`,
      [expired, live, org.id, user.id],
    );
    for (const authorization of ['Bearer garbage', `Bearer ${token.slice(0, -2)}xx`, 'Basic abc']) {
      await request(t.server).post('/api/v1/auth/logout').set('authorization', authorization).expect(204);
    }
    await me(token).expect(200);
    await request(t.server).post('/api/v1/auth/logout').set('authorization', `Bearer ${token}`).expect(204);
    await me(token).expect(401);
    const { rows } = await t.db.pool.query<{ jti: string }>(
      'SELECT jti FROM revoked_access_tokens WHERE user_id = $1 ORDER BY expires_at',
      [user.id],
    );
    const { jti } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { jti: string };
    expect(rows.map((r) => r.jti).sort()).toEqual([live, jti].sort());
  });

  it.each([
    ['deactivation', { active: false }],
    ['a role change', { roles: ['manager', 'mentee'] }],
    ['a password change', { password: 'a brand new long passphrase' }],
  ])('ends every session of the user on %s', async (_what, patch) => {
    const user = await f.user(org.id, ['manager']);
    const first = await signIn(user);
    const second = await signIn(user);
    await request(t.server)
      .patch(`/api/v1/users/${user.id}`)
      .set('authorization', `Bearer ${hr.token}`)
      .send(patch)
      .expect(200);
    await refresh(first.cookie).expect(401);
    await refresh(second.cookie).expect(401);
  });

  it('ends every session of the user when they set a new password from a reset link', async () => {
    const user = await f.user(org.id, ['manager']);
    const first = await signIn(user);
    const second = await signIn(user);
    const sent: OutgoingMail[] = [];
    jest.spyOn(t.app.get(MailTransport), 'send').mockImplementation((mail) => {
      sent.push(mail);
      return Promise.resolve();
    });
    try {
      await request(t.server).post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
      const jobs = t.app.get(JobsService);
      expect(await jobs.runDue(PASSWORD_RESET_JOB)).toBe(1);
      expect(await jobs.runDue(MAIL_JOB)).toBe(1);
    } finally {
      jest.restoreAllMocks();
    }
    expect(sent.map((m) => m.to.address)).toEqual([user.email]);
    const link = new URL(sent[0].links.find((l) => l.includes('/reset-password#token='))!);
    const token = new URLSearchParams(link.hash.slice(1)).get('token');
    await request(t.server)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: 'a brand new long passphrase' })
      .expect(204);
    // The sessions end with the reset itself, before any cookie comes back.
    const { rows } = await t.db.pool.query<{ open: number }>(
      `SELECT count(*)::int AS open FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
      [user.id],
    );
    expect(rows).toEqual([{ open: 0 }]);
    await refresh(first.cookie).expect(401);
    await refresh(second.cookie).expect(401);
    expect(await actions(user.id)).toEqual(
      expect.arrayContaining(['auth.password_reset_requested', 'auth.password_reset']),
    );
  });

  it('refuses an expired session, a malformed or unknown cookie with 401; no cookie at all is 204', async () => {
    const user = await f.user(org.id, ['manager']);
    const { cookie } = await signIn(user);
    // The session's absolute end is moved into the past instead of waiting for it.
    await t.db.pool.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      user.id,
    ]);
    await refresh(cookie).expect(401);
    // A browser without the cookie has nobody signed in: every first visit asks, and that is no error.
    const none = await refresh(undefined).expect(204);
    expect(none.text).toBe('');
    expect(none.headers['set-cookie']).toBeUndefined();
    await refresh('not a token').expect(401);
    await refresh('A'.repeat(43)).expect(401);
  });
});

describe('browser sessions of an https installation', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    // No TRUST_PROXY: the requests arrive over plain http, as behind a proxy that terminates TLS.
    t = await startTestApp({ PUBLIC_URL: 'https://leadpath.example.test' });
    const f = new Factory(t);
    user = await f.user((await f.organization()).id, ['manager']);
  });

  afterAll(async () => {
    await t.close();
  });

  it('marks the refresh cookie Secure on sign-in, refresh and sign-out, though the request came over http', async () => {
    const login = await request(t.server)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: PASSWORD, browserSession: true })
      .expect(200);
    const first = setCookie(login);
    expect(first.attributes).toMatch(/; Secure$/);
    const refreshed = await request(t.server)
      .post('/api/v1/auth/refresh')
      .set('cookie', `leadpath_refresh=${first.value}`)
      .expect(200);
    const second = setCookie(refreshed);
    expect(second.attributes).toMatch(/; Secure$/);
    const out = await request(t.server)
      .post('/api/v1/auth/logout')
      .set('cookie', `leadpath_refresh=${second.value}`)
      .expect(204);
    expect(setCookie(out).attributes).toMatch(/^leadpath_refresh=; .*Max-Age=0; .*; Secure$/);
    const refused = await request(t.server)
      .post('/api/v1/auth/refresh')
      .set('cookie', 'leadpath_refresh=x')
      .expect(401);
    expect(setCookie(refused).attributes).toMatch(/; Secure$/);
  });
});
