import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@leadpath/platform/database';
import { alive, exitCode, postgresPid, startApi } from '../support/processes';

describe('npm start with no DATABASE_URL (embedded PostgreSQL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadpath-start-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves readiness and docs, exits 0 on SIGTERM leaving no server, and reuses its data', async () => {
    const port = await freePort();
    const first = await startApi({ LEADPATH_DATA_DIR: dataDir, PORT: String(port) });
    const pid = postgresPid(dataDir);
    expect(pid).toBeDefined();
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/docs`)).status).toBe(200);
    expect(first.output()).toMatch(/migrations applied now: [1-9]/);
    expect(first.output()).toContain('Demo organization');
    first.child.kill('SIGTERM');
    expect(await exitCode(first.child)).toBe(0);
    // The stop is quiet and readable: one line, no queue errors from a pool closed under the workers.
    expect(first.output()).toContain('received SIGTERM, draining');
    expect(first.output()).not.toMatch(/job queue error|"level":50/);
    expect(alive(pid!)).toBe(false);
    expect(postgresPid(dataDir)).toBeUndefined();

    const second = await startApi({ LEADPATH_DATA_DIR: dataDir, PORT: String(port) });
    expect(second.output()).toMatch(/migrations applied now: 0/);
    // Seeded once; its logins are printed on every start while the demo organization is there.
    expect(second.output()).toContain('Demo organization');
    expect(second.output()).toContain('hr@demo.leadpath.test');
    expect(second.output()).not.toContain('demo organization seeded');
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await exitCode(second.child)).toBe(0);
  });
});
