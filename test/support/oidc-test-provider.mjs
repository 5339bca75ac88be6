// A real OpenID provider (oidc-provider) for the single sign-on tests, run as a child process
// because the library is ESM-only. It listens on 127.0.0.1, prints `listening <issuer>` and then
// takes its test knobs over HTTP at /__test/* (accounts, and how to tamper with the next ID token).
//
// Configuration comes in the OIDC_TEST_CONFIG environment variable (JSON):
//   { port?: number, clients: [{ client_id, client_secret, redirect_uris }] }
// Interactions complete at once: the account is the authorization request's `login_hint`, and
// consent covers the scopes requested.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, base64url } from 'jose';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG ?? '{}');
const { privateKey } = await generateKeyPair('RS256');
const kid = 'test-key-1';
const jwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };

/** login_hint → { email, email_verified, name } */
let accounts = {};
/** How the next token responses' ID tokens are changed: { claims?: {...}, alg?: 'none' } or null. */
let tamper = null;

const server = createServer();
await new Promise((resolve) => server.listen(config.port ?? 0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: config.clients.map((c) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...c,
  })),
  jwks: { keys: [jwk] },
  cookies: { keys: ['leadpath-test-provider-cookie-key'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // The relying party reads the ID token, not userinfo: put the scopes' claims in it.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  pkce: { required: () => true },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: account.email, email_verified: account.email_verified, name: account.name };
      },
    };
  },
});
provider.on('server_error', (ctx, error) => process.stderr.write(`provider server_error: ${error.stack}\n`));

const readJson = async (req) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
};

async function resign(idToken) {
  const claims = { ...decodeJwt(idToken), ...(tamper.claims ?? {}) };
  if (tamper.alg === 'none') {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    return `${header}.${base64url.encode(JSON.stringify(claims))}.`;
  }
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
}

provider.use(async (ctx, next) => {
  if (ctx.path.startsWith('/interaction/')) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const accountId = details.params.login_hint;
    let result;
    if (!accountId || !accounts[accountId]) {
      result = { error: 'access_denied', error_description: 'no such account at the test provider' };
    } else {
      const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      result = { login: { accountId }, consent: { grantId: await grant.save() } };
    }
    const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
    ctx.status = 303;
    ctx.redirect(to);
    return;
  }
  await next();
  if (ctx.path === '/token' && tamper && ctx.body && typeof ctx.body.id_token === 'string') {
    ctx.body = { ...ctx.body, id_token: await resign(ctx.body.id_token) };
  }
});

const callback = provider.callback();
server.on('request', async (req, res) => {
  if (req.url.startsWith('/__test/')) {
    const body = await readJson(req);
    if (req.url === '/__test/accounts') accounts = body;
    else if (req.url === '/__test/tamper') tamper = body.tamper ?? null;
    res.writeHead(204).end();
    return;
  }
  callback(req, res);
});

process.stdout.write(`listening ${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
