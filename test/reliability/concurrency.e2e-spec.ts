import type { World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

describe('optimistic concurrency under load', () => {
  let t: TestApp;
  let w: World;
  withWorld((s) => ({ t, w } = s), { DB_POOL_SIZE: '10' });

  it('50 editors read-modify-write one entry with If-Match and retry: no update is lost', async () => {
    const id = w.sharedFeedback;
    const editors = 50;
    let successes = 0;
    let conflicts = 0;
    const edit = async (editor: number) => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const read = await as(t, w.manager.token).get(`/api/v1/feedback/${id}`).expect(200);
        const next = `${read.body.nextSteps ?? ''}[${editor}]`;
        const write = await as(t, w.manager.token)
          .patch(`/api/v1/feedback/${id}`, { nextSteps: next })
          .set('if-match', read.headers.etag);
        if (write.status === 200) {
          successes++;
          return;
        }
        expect(write.status).toBe(412);
        conflicts++;
      }
      throw new Error(`editor ${editor} never got through`);
    };
    await Promise.all(Array.from({ length: editors }, (_, i) => edit(i)));
    const final = await as(t, w.manager.token).get(`/api/v1/feedback/${id}`).expect(200);
    expect(successes).toBe(editors);
    expect(conflicts).toBeGreaterThan(0);
    // Every editor's mark survived, and the version grew by exactly the number of successful writes.
    for (let i = 0; i < editors; i++) expect(final.body.nextSteps).toContain(`[${i}]`);
    expect(final.body.version).toBe(1 + successes);
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM feedback_revisions WHERE feedback_id = $1', [
      id,
    ]);
    expect(rows[0].n).toBe(successes);
    // Bound by count (50 editors, at most 200 attempts each), not by time: about 30 s on a quiet
    // machine, several minutes on a loaded one, so the limit is far above either.
  }, 900_000);
});
