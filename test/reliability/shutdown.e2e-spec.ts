import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@leadpath/platform/database';
import { alive, exitCode, postgresPid, startApi } from '../support/processes';

describe('graceful shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadpath-shutdown-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('SIGTERM with 50 requests in flight: all finish, readiness turns 503, exit 0, the database stops', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // A drain window long enough that every request sent before SIGTERM has reached the server,
    // even on a loaded machine; requests arriving after it would rightly get 503.
    const api = await startApi({ LEADPATH_DATA_DIR: dataDir, PORT: String(port), SHUTDOWN_DELAY_MS: '8000' });
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'hr@demo.leadpath.test', password: 'demo-leadpath-2026' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const mentees = (await (await fetch(`${base}/api/v1/mentees`, { headers: auth })).json()) as {
      items: { id: string }[];
    };
    const pgPid = postgresPid(dataDir)!;

    const inFlight = Array.from({ length: 50 }, (_, i) =>
      fetch(`${base}/api/v1/mentees/${mentees.items[i % mentees.items.length].id}/progress`, { headers: auth }).then(
        (r) => r.status,
      ),
    );
    await new Promise((r) => setTimeout(r, 20));
    api.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const readiness = await fetch(`${base}/health/ready`);
    expect(readiness.status).toBe(503);
    expect(await Promise.all(inFlight)).toEqual(Array(50).fill(200));
    expect(await exitCode(api.child)).toBe(0);
    expect(alive(pgPid)).toBe(false);
    expect(postgresPid(dataDir)).toBeUndefined();
    // A fresh data folder, a demo organization, 50 progress requests and an 8 s drain: about 15 s on a
    // quiet machine, over 120 s at a load average of 10; the limit only guards against a real hang.
  }, 600_000);
});
