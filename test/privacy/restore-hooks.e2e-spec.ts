import { randomUUID } from 'node:crypto';
import { POST_RESTORE_HOOKS, runPostRestoreHooks, type BackupManifest } from '@leadpath/backups';
import { ERASED_NAME, ERASURE_REPLAY_HOOK } from '@leadpath/privacy';
import { RESTORE_HOOKS } from '../../apps/cli/src/restore-hooks';
import { Factory } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The restore command's steps: the backups library's own, then the erasure log's replay, which
 * erases again a person the restored data still holds.
 */
describe('restore hooks', () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });

  afterAll(() => t.close());

  it('the restore command runs the erasure replay after the backups library’s own steps', () => {
    expect(RESTORE_HOOKS).toEqual([...POST_RESTORE_HOOKS, ERASURE_REPLAY_HOOK]);
  });

  it('erases again, on the restored database, a person the erasure log names', async () => {
    const orgId = (await f.organization()).id;
    const manager = await f.user(orgId, ['manager']);
    const name = `Restored Person ${randomUUID().slice(0, 8)}`;
    const user = await f.user(orgId, ['mentee'], { name });
    const mentee = await f.mentee(orgId, { managerId: manager.id, user });
    // As after a restore from a backup older than the erasure: the log names them, their rows are back.
    await f.pool.query(`INSERT INTO erasure_log (organization_id, user_id, erased_at) VALUES ($1, $2, now())`, [
      orgId,
      user.id,
    ]);
    const lines: string[] = [];
    const ran = await runPostRestoreHooks(
      { url: t.db.url, manifest: {} as BackupManifest, log: (line) => lines.push(line) },
      RESTORE_HOOKS,
    );
    expect(ran).toContain(ERASURE_REPLAY_HOOK.name);
    expect(lines).toContain('erased again after restore: 1 person');
    const users = await f.pool.query<{ name: string }>(`SELECT name FROM users WHERE id = $1`, [user.id]);
    expect(users.rows[0].name).toBe(ERASED_NAME);
    expect((await f.pool.query(`SELECT 1 FROM mentees WHERE id = $1`, [mentee.id])).rows).toHaveLength(0);
  });
});
