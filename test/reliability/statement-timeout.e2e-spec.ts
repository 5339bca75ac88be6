import type { World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

/**
 * A statement that runs past `DB_STATEMENT_TIMEOUT_MS` is slow, not an outage: it answers 503 with
 * its own code, so clients and alerts can tell "narrow the request" from "the database is down".
 * The slowness is made deterministic by a lock held from outside the app: the request waits on it
 * until its own time limit cancels it, whatever the machine's speed.
 */
describe('statement timeout', () => {
  let t: TestApp;
  let w: World;
  withWorld((s) => ({ t, w } = s), { DB_STATEMENT_TIMEOUT_MS: '1500' });

  it('answers 503 query_timeout (not service_unavailable) and serves again once the lock is gone', async () => {
    const path = `/api/v1/mentees/${w.target.id}/feedback`;
    const blocker = await t.db.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE feedback IN ACCESS EXCLUSIVE MODE');
      const slow = await as(t, w.manager.token).get(path);
      expect(slow.status).toBe(503);
      expect(slow.body).toMatchObject({ statusCode: 503, error: 'query_timeout' });
      expect(slow.body.message).toMatch(/too long/);
      expect(slow.body.requestId).toEqual(expect.any(String));
      expect(slow.headers['retry-after']).toBe('2');
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    const again = await as(t, w.manager.token).get(path);
    expect(again.status).toBe(200);
  });
});
