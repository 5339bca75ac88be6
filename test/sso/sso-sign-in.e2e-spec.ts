import request from 'supertest';
import { Factory, PASSWORD, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { startOidcProvider, walkProvider, type Tamper, type TestProvider } from '../support/oidc-provider';
import { startTestApp, type TestApp } from '../support/test-app';

const PUBLIC_URL = 'http://leadpath.test';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/sso/callback`;
const SECRET = 'client-secret-of-the-test-provider';
const DOMAIN = 'sso.example.test';

/** The value of one cookie a response sets (undefined when it sets none or clears it). */
function setCookie(res: request.Response, name: string): string | undefined {
  const lines = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const line = lines.find((l) => l.startsWith(`${name}=`));
  if (!line) return undefined;
  const value = line.slice(name.length + 1).split(';')[0];
  return value === '' ? undefined : value;
}

/** Where a redirect goes, as a path (the test app is not reached by its public address). */
const pathOf = (location: string) => location.replace(PUBLIC_URL, '');

describe('single sign-on', () => {
  let provider: TestProvider;
  let t: TestApp;
  let f: Factory;
  let orgId: string;
  let hr: TestUser;

  beforeAll(async () => {
    provider = await startOidcProvider([{ client_id: 'leadpath', client_secret: SECRET, redirect_uris: [CALLBACK] }]);
    t = await startTestApp({ PUBLIC_URL, SSO_ALLOWED_INSECURE_ISSUERS: provider.issuer });
    f = new Factory(t);
    orgId = (await f.organization()).id;
    hr = await f.user(orgId, ['hr_admin'], { email: `hr@${DOMAIN}` });
    await as(t, hr.token)
      .put('/api/v1/sso', {
        issuer: provider.issuer,
        clientId: 'leadpath',
        clientSecret: SECRET,
        domains: [DOMAIN],
        requireSso: false,
        jitProvisioning: false,
      })
      .expect(200);
    await provider.accounts({
      [`ada@${DOMAIN}`]: { email: `ada@${DOMAIN}`, email_verified: true, name: 'Ada' },
      [`hr@${DOMAIN}`]: { email: `hr@${DOMAIN}`, email_verified: true },
      [`unverified@${DOMAIN}`]: { email: `unverified@${DOMAIN}`, email_verified: false },
      [`entra@${DOMAIN}`]: { email: `entra@${DOMAIN}` },
      [`lead@${DOMAIN}`]: { email: `lead@${DOMAIN}`, email_verified: true },
      [`moved@${DOMAIN}`]: { email: 'moved@elsewhere.example.test', email_verified: true },
      [`gone@${DOMAIN}`]: { email: `gone@${DOMAIN}`, email_verified: true },
      [`newcomer@${DOMAIN}`]: { email: `newcomer@${DOMAIN}`, email_verified: true, name: 'New Comer' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });
  afterEach(() => provider.tamper(null));

  /** The start: a redirect to the provider, and the cookie that binds the attempt to this browser. */
  async function start(email: string): Promise<{ authorizationUrl: string; cookie: string }> {
    const res = await request(t.server)
      .get(`/api/v1/auth/sso/start?email=${encodeURIComponent(email)}`)
      .expect(302);
    const cookie = setCookie(res, 'leadpath_sso');
    expect(cookie).toBeDefined();
    return { authorizationUrl: res.headers.location, cookie: cookie! };
  }

  /** The provider's redirect back, as the browser sends it (with the state cookie unless told otherwise). */
  function callback(url: string, cookie: string | undefined) {
    const req = request(t.server).get(pathOf(url));
    return (cookie === undefined ? req : req.set('cookie', `leadpath_sso=${cookie}`)).expect(302);
  }

  /** A whole sign-in through the provider; answers the callback's response. */
  async function signIn(email: string, tamper: Tamper | null = null) {
    const { authorizationUrl, cookie } = await start(email);
    const back = await walkProvider(authorizationUrl, PUBLIC_URL);
    await provider.tamper(tamper);
    return { res: await callback(back, cookie), back, cookie };
  }

  const refusedWith = (res: request.Response, code: string) => {
    expect(res.headers.location).toBe(`/sign-in?sso_error=${code}`);
    expect(setCookie(res, 'leadpath_refresh')).toBeUndefined();
  };

  it('sends the browser to the provider with PKCE (S256), state, nonce and the address as a hint', async () => {
    const { authorizationUrl, cookie } = await start(`Ada@${DOMAIN}`);
    const url = new URL(authorizationUrl);
    expect(url.origin + url.pathname).toBe(`${provider.issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'leadpath',
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid email profile',
      state: cookie,
      nonce: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
      login_hint: `ada@${DOMAIN}`,
    });
  });

  it('signs a person in: the callback sets the session cookie the web app refreshes into an access token', async () => {
    const user = await f.user(orgId, ['manager'], { email: `ada@${DOMAIN}` });
    const { res } = await signIn(`ada@${DOMAIN}`);
    expect(res.headers.location).toBe('/');
    const refresh = setCookie(res, 'leadpath_refresh');
    expect(refresh).toBeDefined();
    const session = await request(t.server)
      .post('/api/v1/auth/refresh')
      .set('cookie', `leadpath_refresh=${refresh}`)
      .expect(200);
    expect(session.body.user.id).toBe(user.id);
    const me = await as(t, session.body.accessToken as string)
      .get('/api/v1/me')
      .expect(200);
    expect(me.body.user.email).toBe(`ada@${DOMAIN}`);
    const audit = await as(t, hr.token).get('/api/v1/audit-events?limit=100').expect(200);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'auth.sso_login', actorId: user.id, objectId: user.id }),
      ]),
    );
  });

  describe('refusals, each a clear page and never a session', () => {
    it('a replayed callback (state and nonce already spent)', async () => {
      const { back, cookie } = await signIn(`ada@${DOMAIN}`);
      refusedWith(await callback(back, cookie), 'state_reused');
    });

    it('a state that is not the one this browser began with', async () => {
      const first = await start(`ada@${DOMAIN}`);
      const back = await walkProvider(first.authorizationUrl, PUBLIC_URL);
      const other = await start(`ada@${DOMAIN}`);
      refusedWith(await callback(back, other.cookie), 'state_mismatch');
      refusedWith(await callback(back, undefined), 'state_mismatch');
    });

    it('a callback without a state, or with the provider’s error', async () => {
      refusedWith(await callback(`${CALLBACK}?code=abc`, 'x'), 'state_missing');
      refusedWith(await callback(`${CALLBACK}?error=access_denied&state=x`, 'x'), 'provider_error');
    });

    it('an authorization code used twice', async () => {
      const { back } = await signIn(`ada@${DOMAIN}`);
      const code = new URL(back).searchParams.get('code')!;
      const again = await start(`ada@${DOMAIN}`);
      const reused = `${CALLBACK}?code=${encodeURIComponent(code)}&state=${again.cookie}&iss=${encodeURIComponent(provider.issuer)}`;
      refusedWith(await callback(reused, again.cookie), 'code_rejected');
    });

    it('an ID token from another issuer', async () => {
      const { res } = await signIn(`ada@${DOMAIN}`, { claims: { iss: 'https://impostor.example.test' } });
      refusedWith(res, 'issuer_mismatch');
    });

    it('an ID token for another audience', async () => {
      const { res } = await signIn(`ada@${DOMAIN}`, { claims: { aud: 'another-client' } });
      refusedWith(res, 'audience_mismatch');
    });

    it('an ID token with another nonce', async () => {
      const { res } = await signIn(`ada@${DOMAIN}`, { claims: { nonce: 'a-nonce-of-another-sign-in' } });
      refusedWith(res, 'nonce_mismatch');
    });

    it('an expired ID token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const { res } = await signIn(`ada@${DOMAIN}`, { claims: { iat: now - 7200, exp: now - 3600 } });
      refusedWith(res, 'token_expired');
    });

    it('an unsigned ID token (alg: none)', async () => {
      const { res } = await signIn(`ada@${DOMAIN}`, { alg: 'none' });
      refusedWith(res, 'algorithm_refused');
    });

    it('an address the provider has not verified', async () => {
      await f.user(orgId, ['mentee'], { email: `unverified@${DOMAIN}` });
      const { res } = await signIn(`unverified@${DOMAIN}`);
      refusedWith(res, 'email_unverified');
    });

    it('an address without email_verified, unless Entra ID vouches for its domain with xms_edov', async () => {
      await f.user(orgId, ['mentee'], { email: `entra@${DOMAIN}` });
      refusedWith((await signIn(`entra@${DOMAIN}`)).res, 'email_unverified');
      refusedWith((await signIn(`entra@${DOMAIN}`, { claims: { xms_edov: false } })).res, 'email_unverified');
      const { res } = await signIn(`entra@${DOMAIN}`, { claims: { xms_edov: true } });
      expect(res.headers.location).not.toMatch(/sso_error/);
      expect(setCookie(res, 'leadpath_refresh')).toBeDefined();
    });

    it('an address of a domain the organization does not list', async () => {
      const { res } = await signIn(`moved@${DOMAIN}`);
      refusedWith(res, 'domain_not_allowed');
    });

    it('a deactivated account', async () => {
      const gone = await f.user(orgId, ['mentee'], { email: `gone@${DOMAIN}` });
      await as(t, hr.token).patch(`/api/v1/users/${gone.id}`, { active: false }).expect(200);
      const { res } = await signIn(`gone@${DOMAIN}`);
      refusedWith(res, 'account_inactive');
    });

    it('an unknown address while accounts are not provisioned on first sign-in', async () => {
      const { res } = await signIn(`newcomer@${DOMAIN}`);
      refusedWith(res, 'account_unknown');
    });
  });

  describe('with requireSso', () => {
    beforeAll(async () => {
      await as(t, hr.token)
        .put('/api/v1/sso', {
          issuer: provider.issuer,
          clientId: 'leadpath',
          domains: [DOMAIN],
          requireSso: true,
          jitProvisioning: true,
        })
        .expect(200);
    });

    it('refuses password sign-in, except to break-glass accounts HR marks', async () => {
      const login = () =>
        request(t.server)
          .post('/api/v1/auth/login')
          .send({ email: `hr@${DOMAIN}`, password: PASSWORD });
      const refused = await login().expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, error: 'sso_required' });
      expect(refused.body.message).toMatch(/identity provider/);
      // A wrong password still gets the plain 401: the refusal tells a guesser nothing.
      await request(t.server)
        .post('/api/v1/auth/login')
        .send({ email: `hr@${DOMAIN}`, password: 'not the password at all' })
        .expect(401);
      const marked = await as(t, hr.token).patch(`/api/v1/users/${hr.id}`, { breakGlass: true }).expect(200);
      expect(marked.body.breakGlass).toBe(true);
      await login().expect(200);
    });

    it('provisions an unknown verified address of a listed domain as a user without roles, audited', async () => {
      const { res } = await signIn(`newcomer@${DOMAIN}`);
      expect(res.headers.location).toBe('/');
      const users = await as(t, hr.token).get('/api/v1/users?limit=100').expect(200);
      const created = (users.body.items as { id: string; email: string; name: string; roles: string[] }[]).find(
        (u) => u.email === `newcomer@${DOMAIN}`,
      );
      expect(created).toMatchObject({ name: 'New Comer', roles: [] });
      // Without roles it may still learn who it is (the web app asks on every load), and nothing more.
      const session = await request(t.server)
        .post('/api/v1/auth/refresh')
        .set('cookie', `leadpath_refresh=${setCookie(res, 'leadpath_refresh')}`)
        .expect(200);
      const token = session.body.accessToken as string;
      const me = await as(t, token).get('/api/v1/me').expect(200);
      expect(me.body).toMatchObject({ roles: [], menteeId: null });
      await as(t, token).get('/api/v1/mentees').expect(403);
      await as(t, token).get('/api/v1/framework').expect(403);
      const audit = await as(t, hr.token).get('/api/v1/audit-events?limit=100').expect(200);
      expect(audit.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ action: 'user.sso_provision', objectId: created!.id })]),
      );
      // The second sign-in finds the account it made.
      const again = await signIn(`newcomer@${DOMAIN}`);
      expect(again.res.headers.location).toBe('/');
      const after = await as(t, hr.token).get('/api/v1/users?limit=100').expect(200);
      expect((after.body.items as { email: string }[]).filter((u) => u.email === `newcomer@${DOMAIN}`)).toHaveLength(1);
    });
  });

  describe('with a groups claim', () => {
    beforeAll(async () => {
      await as(t, hr.token)
        .put('/api/v1/sso', {
          issuer: provider.issuer,
          clientId: 'leadpath',
          domains: [DOMAIN],
          requireSso: false,
          jitProvisioning: false,
          groupsClaim: 'groups',
        })
        .expect(200);
      await as(t, hr.token).put('/api/v1/scim/group-roles', { 'Team Leads': 'manager' }).expect(200);
    });

    it("gives and takes the roles HR's group map names, at each sign-in, audited; other roles stay", async () => {
      const lead = await f.user(orgId, ['mentee'], { email: `lead@${DOMAIN}` });
      const rolesOf = async () =>
        (await as(t, hr.token).get(`/api/v1/users/${lead.id}`).expect(200)).body.roles as string[];
      // Group names match without regard to case; groups the map does not name change nothing.
      await signIn(`lead@${DOMAIN}`, { claims: { groups: ['team leads', 'Chess club'] } });
      expect(await rolesOf()).toEqual(['manager', 'mentee']);
      const audit = await as(t, hr.token).get('/api/v1/audit-events?limit=100').expect(200);
      expect(audit.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ action: 'user.roles_from_groups', objectId: lead.id })]),
      );
      // A claim that is not a list of names changes nothing.
      await signIn(`lead@${DOMAIN}`, { claims: { groups: 'Team Leads' } });
      expect(await rolesOf()).toEqual(['manager', 'mentee']);
      // Out of the group: the mapped role goes, the role HR gave stays.
      const { res } = await signIn(`lead@${DOMAIN}`, { claims: { groups: [] } });
      expect(res.headers.location).toBe('/');
      expect(await rolesOf()).toEqual(['mentee']);
    });
  });
});
