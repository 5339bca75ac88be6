import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

export interface TestAccount {
  email: string;
  /** Absent as Microsoft Entra ID leaves it. */
  email_verified?: boolean;
  name?: string;
}

/** How the provider changes the ID tokens of its next token responses (until reset with null). */
export interface Tamper {
  claims?: Record<string, unknown>;
  alg?: 'none';
}

export interface TestProvider {
  /** The provider's issuer URL (`http://127.0.0.1:<port>`). */
  issuer: string;
  /** Replaces the accounts: the key is the `login_hint` that signs in as the account. */
  accounts(accounts: Record<string, TestAccount>): Promise<void>;
  tamper(tamper: Tamper | null): Promise<void>;
  close(): Promise<void>;
}

const SCRIPT = resolve(__dirname, 'oidc-test-provider.mjs');

/**
 * Starts the OpenID provider of `oidc-test-provider.mjs` in a child process (the library is ESM-only)
 * and waits for its `listening` line.
 */
export async function startOidcProvider(clients: TestClient[], port = 0): Promise<TestProvider> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, OIDC_TEST_CONFIG: JSON.stringify({ port, clients }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const issuer = await new Promise<string>((done, fail) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /listening (\S+)/.exec(output);
      if (match) done(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => fail(new Error(`the test provider exited (${code}):\n${output}`)));
  });
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${issuer}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (response.status !== 204) throw new Error(`${path} answered ${response.status}`);
  };
  return {
    issuer,
    accounts: (accounts) => post('/__test/accounts', accounts),
    tamper: (tamper) => post('/__test/tamper', { tamper }),
    close: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** A browser's cookies for one origin, enough to walk the provider's redirects. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Follows the provider's redirects from its authorization URL, as a browser would, until it
 * sends the browser back to `redirectPrefix`; answers that URL (the callback with code and state).
 */
export async function walkProvider(authorizationUrl: string, redirectPrefix: string): Promise<string> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(redirectPrefix)) return url;
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(response);
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider answered ${response.status} at ${url}: ${await response.text()}`);
    url = new URL(location, url).toString();
  }
  throw new Error('the provider redirected too many times');
}
