import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { runBackup, takeBackup } from '@leadpath/backups';
import { Factory } from '../support/factories';
import { as } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('backups on the health details', () => {
  let t: TestApp;
  let f: Factory;
  const dir = mkdtempSync(join(tmpdir(), 'leadpath-backups-'));

  beforeAll(async () => {
    t = await startTestApp({ BACKUP_SCHEDULE: '30 2 * * *', BACKUP_KEEP: '7' });
    f = new Factory(t);
  });

  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insertRun = (status: string, startedAt: string, verification: object | null, error: string | null = null) =>
    t.db.pool.query(
      `INSERT INTO backup_runs (trigger, kind, file, status, started_at, finished_at, size_bytes, migration_head, verification, error)
       VALUES ('schedule', 'base', $1, $2, $3, $3::timestamptz + interval '1 minute', 4096, 'BackupRuns1796840000000', $4, $5)`,
      [`leadpath-${startedAt.replace(/[-:.]/g, '')}.tar.gz`, status, startedAt, verification, error],
    );

  it('shows HR no backup before the first, with the schedule and retention in force', async () => {
    const org = await f.organization();
    const hr = await f.user(org.id, ['hr_admin']);
    const res = await as(t, hr.token).get('/api/v1/health/details').expect(200);
    expect(res.body).toEqual({
      database: 'up',
      backups: { schedule: '30 2 * * *', keep: 7, last: null, lastVerified: null },
    });
  });

  it('shows HR the last backup and the last verified one, without paths', async () => {
    const verification = {
      ok: true,
      checkedAt: '2026-01-14T03:02:00.000Z',
      restoredInto: 'cluster',
      tables: 40,
      rows: 1234,
      mismatches: [],
    };
    await insertRun('verified', '2026-01-14T03:00:00.000Z', verification);
    await insertRun('failed', '2026-01-15T03:00:00.000Z', null, 'the WAL segment that ends the backup is missing');
    const org = await f.organization();
    const hr = await f.user(org.id, ['hr_admin']);
    const res = await as(t, hr.token).get('/api/v1/health/details').expect(200);
    expect(res.body.backups.last).toMatchObject({
      status: 'failed',
      startedAt: '2026-01-15T03:00:00.000Z',
      error: 'the WAL segment that ends the backup is missing',
      verification: null,
    });
    expect(res.body.backups.lastVerified).toEqual({
      trigger: 'schedule',
      kind: 'base',
      status: 'verified',
      file: 'leadpath-20260114T030000000Z.tar.gz',
      startedAt: '2026-01-14T03:00:00.000Z',
      finishedAt: '2026-01-14T03:01:00.000Z',
      sizeBytes: 4096,
      migrationHead: 'BackupRuns1796840000000',
      verification: { ...verification, mismatches: 0 },
      error: null,
    });
    expect(JSON.stringify(res.body)).not.toContain(tmpdir());
  });

  it('refuses anyone but HR, and the public health says nothing of backups', async () => {
    const org = await f.organization();
    const manager = await f.user(org.id, ['manager']);
    await as(t, manager.token).get('/api/v1/health/details').expect(403);
    await request(t.server).get('/api/v1/health/details').expect(401);
    const ready = await request(t.server).get('/health/ready').expect(200);
    expect(JSON.stringify(ready.body)).not.toContain('backup');
  });

  it('an external server without a pg_dump of its version: a clear error naming what to install, no file, recorded', async () => {
    const path = process.env.PATH;
    // No client programs at all: what a server without the PostgreSQL client looks like.
    process.env.PATH = dir;
    try {
      await expect(takeBackup({ url: t.db.url, external: true, dataDir: dir, dir })).rejects.toThrow(
        /needs pg_dump \d+ or newer, but no pg_dump is on PATH\. Install the PostgreSQL \d+ client programs \(Debian\/Ubuntu: apt-get install postgresql-client-\d+/,
      );
      const outcome = await runBackup({
        url: t.db.url,
        external: true,
        dataDir: dir,
        dir,
        keep: 3,
        trigger: 'command',
      });
      expect(outcome).toMatchObject({ status: 'failed', removed: [] });
    } finally {
      process.env.PATH = path;
    }
    expect(readdirSync(dir)).toEqual([]);
    const { rows } = await t.db.pool.query<{ status: string; trigger: string; kind: string; error: string }>(
      `SELECT status, trigger, kind, error FROM backup_runs WHERE trigger = 'command'`,
    );
    expect(rows).toEqual([
      { status: 'failed', trigger: 'command', kind: 'dump', error: expect.stringContaining('pg_dump') },
    ]);
  });
});
