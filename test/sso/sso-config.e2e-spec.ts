import request from 'supertest';
import { Factory, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider';
import { startTestApp, type TestApp } from '../support/test-app';

const PUBLIC_URL = 'http://leadpath.test';
const SECRET = 'client-secret-never-returned-9f3a';

describe('single sign-on configuration', () => {
  let provider: TestProvider;
  let t: TestApp;
  let f: Factory;
  let hr: TestUser;
  let manager: TestUser;
  let hrB: TestUser;
  let orgId: string;

  beforeAll(async () => {
    provider = await startOidcProvider([
      { client_id: 'leadpath', client_secret: SECRET, redirect_uris: [`${PUBLIC_URL}/api/v1/auth/sso/callback`] },
    ]);
    t = await startTestApp({ PUBLIC_URL, SSO_ALLOWED_INSECURE_ISSUERS: provider.issuer });
    f = new Factory(t);
    const a = await f.team();
    orgId = a.orgId;
    hr = a.hr;
    manager = a.manager;
    hrB = (await f.team()).hr;
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  const valid = (overrides: Record<string, unknown> = {}) => ({
    issuer: provider.issuer,
    clientId: 'leadpath',
    clientSecret: SECRET,
    domains: ['Example.TEST', 'sub.example.test'],
    requireSso: false,
    jitProvisioning: true,
    groupsClaim: 'groups',
    ...overrides,
  });
  const fieldOf = (body: { fields?: { field: string }[] }) => body.fields?.map((e) => e.field);

  it('answers 404 before anything is configured', async () => {
    await as(t, hr.token).get('/api/v1/sso').expect(404);
    await as(t, hr.token).delete('/api/v1/sso').expect(404);
  });

  it.each([
    ['issuer', { issuer: 'not a url' }],
    ['issuer', { issuer: 'http://idp.example.com' }],
    ['issuer', { issuer: 'https://127.0.0.1:8443' }],
    ['issuer', { issuer: 'https://10.1.2.3' }],
    ['issuer', { issuer: 'https://[::1]/' }],
    ['issuer', { issuer: 'https://169.254.169.254/latest' }],
    // The provider's origin is allowed, but nothing there answers a discovery document.
    ['issuer', { issuer: '{provider}/elsewhere' }],
    ['clientId', { clientId: '' }],
    ['clientSecret', { clientSecret: undefined }],
    ['domains', { domains: [] }],
    ['domains', { domains: ['not a domain'] }],
    ['domains', { domains: ['a.example.test', 'A.example.test'] }],
    ['requireSso', { requireSso: 'yes' }],
    ['jitProvisioning', { jitProvisioning: undefined }],
    ['groupsClaim', { groupsClaim: 'has spaces' }],
  ])('refuses a bad %s with 400 naming it (%j)', async (field, overrides) => {
    const body = valid(overrides);
    body.issuer = String(body.issuer).replace('{provider}', provider.issuer);
    const res = await as(t, hr.token).put('/api/v1/sso', body).expect(400);
    expect(fieldOf(res.body)).toContain(field);
    await as(t, hr.token).get('/api/v1/sso').expect(404);
  });

  it('refuses a field nobody may set', async () => {
    await as(t, hr.token)
      .put('/api/v1/sso', { ...valid(), organizationId: hrB.organizationId })
      .expect(400);
  });

  it('stores the configuration, shows the discovery and redirect URI, never the secret', async () => {
    const put = await as(t, hr.token).put('/api/v1/sso', valid()).expect(200);
    const got = await as(t, hr.token).get('/api/v1/sso').expect(200);
    for (const res of [put, got]) {
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
      expect(res.body).toEqual({
        issuer: provider.issuer,
        clientId: 'leadpath',
        clientSecretSet: true,
        domains: ['example.test', 'sub.example.test'],
        requireSso: false,
        jitProvisioning: true,
        groupsClaim: 'groups',
        redirectUri: `${PUBLIC_URL}/api/v1/auth/sso/callback`,
        scopes: ['openid', 'email', 'profile'],
        discovery: {
          ok: true,
          error: null,
          issuer: provider.issuer,
          authorizationEndpoint: `${provider.issuer}/auth`,
          tokenEndpoint: `${provider.issuer}/token`,
          jwksUri: `${provider.issuer}/jwks`,
          idTokenSigningAlgorithms: expect.arrayContaining(['RS256']),
        },
        updatedAt: expect.any(String),
      });
    }
  });

  it('keeps the secret encrypted at rest', async () => {
    const { rows } = await t.db.pool.query<{ client_secret_encrypted: string }>(
      'SELECT client_secret_encrypted FROM sso_configs WHERE organization_id = $1',
      [orgId],
    );
    expect(rows[0].client_secret_encrypted).toMatch(/^v1\./);
    expect(rows[0].client_secret_encrypted).not.toContain(SECRET);
  });

  it('keeps the stored secret when an update leaves it out, and replaces the domains', async () => {
    const before = await t.db.pool.query('SELECT client_secret_encrypted FROM sso_configs WHERE organization_id = $1', [
      orgId,
    ]);
    const res = await as(t, hr.token)
      .put('/api/v1/sso', valid({ clientSecret: undefined, domains: ['example.test'], requireSso: true }))
      .expect(200);
    expect(res.body).toMatchObject({ domains: ['example.test'], requireSso: true, clientSecretSet: true });
    const after = await t.db.pool.query('SELECT client_secret_encrypted FROM sso_configs WHERE organization_id = $1', [
      orgId,
    ]);
    expect(after.rows).toEqual(before.rows);
  });

  it('refuses a domain another organization signs in with (409), changing nothing', async () => {
    await as(t, hrB.token)
      .put('/api/v1/sso', valid({ domains: ['other.example.test', 'example.test'] }))
      .expect(409);
    await as(t, hrB.token).get('/api/v1/sso').expect(404);
    await as(t, hrB.token)
      .put('/api/v1/sso', valid({ domains: ['other.example.test'] }))
      .expect(200);
  });

  it('tells the sign-in page only whether a domain uses single sign-on', async () => {
    const yes = await request(t.server).get('/api/v1/auth/sso/discover?email=Ada@Example.test').expect(200);
    expect(yes.body).toEqual({ sso: true, startUrl: '/api/v1/auth/sso/start?email=ada%40example.test' });
    const no = await request(t.server).get('/api/v1/auth/sso/discover?email=ada@nowhere.test').expect(200);
    expect(no.body).toEqual({ sso: false, startUrl: null });
    await request(t.server).get('/api/v1/auth/sso/discover?email=not-an-address').expect(400);
    await request(t.server).get('/api/v1/auth/sso/start?email=ada@nowhere.test').expect(404);
    await request(t.server).get('/api/v1/auth/sso/start').expect(400);
  });

  it('is HR’s alone', async () => {
    await as(t, manager.token).get('/api/v1/sso').expect(403);
    await as(t, manager.token).put('/api/v1/sso', valid()).expect(403);
    await as(t, manager.token).delete('/api/v1/sso').expect(403);
  });

  it('audits every change, and removal turns it off', async () => {
    await as(t, hr.token).delete('/api/v1/sso').expect(204);
    await as(t, hr.token).get('/api/v1/sso').expect(404);
    const discover = await request(t.server).get('/api/v1/auth/sso/discover?email=ada@example.test').expect(200);
    expect(discover.body.sso).toBe(false);
    const audit = await as(t, hr.token).get('/api/v1/audit-events?limit=100').expect(200);
    const actions = (audit.body.items as { action: string; actorId: string }[])
      .filter((e) => e.action.startsWith('sso.'))
      .map((e) => [e.action, e.actorId]);
    expect(actions).toEqual([
      ['sso.delete', hr.id],
      ['sso.update', hr.id],
      ['sso.update', hr.id],
    ]);
  });
});
