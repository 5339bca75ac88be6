import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startOidcProvider } from '../../../../test/support/oidc-provider';
import { startWebhookReceiver } from '../../../../test/support/webhook-receiver';

const ROOT = resolve(__dirname, '../../../..');
const OIDC_SECRET = 'web-e2e-client-secret';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts the built API as `npm start` does (embedded PostgreSQL, demo data) and stops it afterwards. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadpath-web-e2e-'));
  const port = await freePort();
  // Webhooks go to a receiver on 127.0.0.1 that answers 200, allow-listed by host and port only.
  const receiver = await startWebhookReceiver();
  const url = `http://127.0.0.1:${port}`;
  // An OpenID provider on 127.0.0.1 for single sign-on, allowed to be plain http for this server only.
  const oidc = await startOidcProvider([
    { client_id: 'leadpath-web', client_secret: OIDC_SECRET, redirect_uris: [`${url}/api/v1/auth/sso/callback`] },
  ]);
  const server = spawn('node', ['dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      LEADPATH_DATA_DIR: dataDir,
      DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
      // Every test signs in from 127.0.0.1; the per-client limit is not what these tests are about.
      LOGIN_MAX_ATTEMPTS_PER_CLIENT: '100000',
      LOGIN_MAX_FAILURES: '1000',
      WEBHOOK_ALLOWED_HOSTS: receiver.host,
      // The provider sends the browser back to the address the browser uses.
      PUBLIC_URL: url,
      SSO_ALLOWED_INSECURE_ISSUERS: oidc.issuer,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => server.once('exit', done));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the API exited with ${server.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the API did not become ready in 180 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  process.env.LEADPATH_E2E_URL = url;
  // Without SMTP_URL the API writes each message as an .eml file into DATA_DIR/mail/.
  process.env.LEADPATH_E2E_DATA_DIR = dataDir;
  process.env.LEADPATH_E2E_WEBHOOK_URL = receiver.url;
  process.env.LEADPATH_E2E_OIDC_ISSUER = oidc.issuer;
  process.env.LEADPATH_E2E_OIDC_SECRET = OIDC_SECRET;
  return async () => {
    server.kill('SIGTERM');
    await exited;
    await receiver.close();
    await oidc.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
