import type request from 'supertest';
import { tableChecksum } from '../support/checksum';
import type { Factory, World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

const PRIVATE_TEXT = 'PRIVATE-NOTE-do-not-leak-7f3a';

describe('feedback', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  let privateId: string;

  withWorld((s) => ({ t, f, w } = s));

  beforeAll(async () => {
    privateId = await f.feedback(w.target, w.manager.id, {
      visibility: 'private',
      text: PRIVATE_TEXT,
      ratings: { delegation: 1 },
    });
  });

  const entry = {
    occurredOn: '2026-11-10',
    visibility: 'shared',
    ratings: [
      { competency: 'communication', rating: 4 },
      { competency: 'delegation', rating: 3 },
    ],
    strengths: 'Ran the incident review',
    gaps: 'Summaries come late',
    nextSteps: 'Send the summary the same day',
    needToSee: 'Two reviews run without me',
  };

  it('the line manager logs a one-on-one with ratings; it answers with an ETag and is audited', async () => {
    const res = await as(t, w.manager.token).post(`/api/v1/mentees/${w.target.id}/feedback`, entry).expect(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      authorId: w.manager.id,
      authorRole: 'manager',
      version: 1,
      needToSee: entry.needToSee,
    });
    expect(res.body.ratings).toEqual(entry.ratings);
    const { rows } = await t.db.pool.query(`SELECT action FROM audit_events WHERE object_id = $1`, [res.body.id]);
    expect(rows.map((r) => r.action)).toEqual(['feedback.create']);
    expect(JSON.stringify((await t.db.pool.query('SELECT * FROM audit_events')).rows)).not.toContain('incident review');
  });

  it('a mentor logs shared feedback only', async () => {
    await as(t, w.mentor.token).post(`/api/v1/mentees/${w.target.id}/feedback`, entry).expect(201);
    const res = await as(t, w.mentor.token)
      .post(`/api/v1/mentees/${w.target.id}/feedback`, { ...entry, visibility: 'private' })
      .expect(400);
    expect(res.body.fields[0].field).toBe('visibility');
  });

  it('refuses an entry with no rating and no text, naming the fields, on create and on edit', async () => {
    const before = await tableChecksum(t.db.pool);
    const url = `/api/v1/mentees/${w.target.id}/feedback`;
    for (const body of [
      { occurredOn: '2026-11-10', visibility: 'shared', ratings: [] },
      { occurredOn: '2026-11-10', visibility: 'shared', ratings: [], strengths: '   ', gaps: '' },
    ]) {
      const res = await as(t, w.manager.token).post(url, body).expect(400);
      expect(res.body.fields.map((x: { field: string }) => x.field)).toEqual([
        'ratings',
        'strengths',
        'gaps',
        'nextSteps',
        'needToSee',
      ]);
    }
    expect(await tableChecksum(t.db.pool)).toBe(before);
    const created = await as(t, w.manager.token)
      .post(url, { occurredOn: '2026-11-10', visibility: 'shared', ratings: [], strengths: 'Calm in the outage' })
      .expect(201);
    // Clearing the only text of an entry without ratings would leave it empty.
    await as(t, w.manager.token).patch(`/api/v1/feedback/${created.body.id}`, { strengths: '' }).expect(400);
    await as(t, w.manager.token)
      .patch(`/api/v1/feedback/${created.body.id}`, {
        strengths: '',
        ratings: [{ competency: 'communication', rating: 4 }],
      })
      .expect(200);
  });

  it('a mentee cannot rate: writing feedback is refused with 403', async () => {
    await as(t, w.target.user.token).post(`/api/v1/mentees/${w.target.id}/feedback`, entry).expect(403);
  });

  it('validates ratings: unknown or retired competency, duplicates, out of range, all named', async () => {
    const before = await tableChecksum(t.db.pool);
    const bad = await as(t, w.manager.token)
      .post(`/api/v1/mentees/${w.target.id}/feedback`, {
        ...entry,
        ratings: [
          { competency: 'juggling', rating: 3 },
          { competency: 'communication', rating: 6 },
        ],
      })
      .expect(400);
    expect(bad.body.fields.map((x: { field: string }) => x.field)).toEqual(['ratings.1.rating']);
    const unknown = await as(t, w.manager.token)
      .post(`/api/v1/mentees/${w.target.id}/feedback`, { ...entry, ratings: [{ competency: 'juggling', rating: 3 }] })
      .expect(400);
    expect(unknown.body.fields.map((x: { field: string }) => x.field)).toEqual(['ratings.0.competency']);
    const twice = await as(t, w.manager.token)
      .post(`/api/v1/mentees/${w.target.id}/feedback`, {
        ...entry,
        ratings: [
          { competency: 'delegation', rating: 3 },
          { competency: 'delegation', rating: 4 },
        ],
      })
      .expect(400);
    expect(twice.body.fields.map((x: { field: string }) => x.field)).toEqual(['ratings.1.competency']);
    await as(t, w.manager.token)
      .post(`/api/v1/mentees/${w.target.id}/feedback`, { ...entry, occurredOn: '2026-02-30' })
      .expect(400);
    await as(t, w.manager.token)
      .post(`/api/v1/mentees/${w.target.id}/feedback`, { ...entry, visibility: 'public' })
      .expect(400);
    await as(t, w.manager.token)
      .post(`/api/v1/mentees/${w.target.id}/feedback`, { ...entry, authorId: w.hr.id })
      .expect(400);
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });

  it('private text reaches nobody but its author: not the mentee, not HR, not the mentor', async () => {
    for (const token of [w.target.user.token, w.hr.token, w.mentor.token]) {
      await as(t, token).get(`/api/v1/feedback/${privateId}`).expect(404);
      await as(t, token).get(`/api/v1/feedback/${privateId}/revisions`).expect(404);
      await as(t, token).patch(`/api/v1/feedback/${privateId}`, { strengths: 'x' }).expect(404);
      const list = await as(t, token).get(`/api/v1/mentees/${w.target.id}/feedback?limit=200`).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(PRIVATE_TEXT);
      expect(list.body.items.every((i: { visibility: string }) => i.visibility === 'shared')).toBe(true);
    }
    await as(t, w.target.user.token).post(`/api/v1/feedback/${privateId}/acknowledge`).expect(404);
    const mine = await as(t, w.manager.token).get(`/api/v1/feedback/${privateId}`).expect(200);
    expect(mine.body.strengths).toBe(PRIVATE_TEXT);
    const own = await as(t, w.manager.token)
      .get(`/api/v1/mentees/${w.target.id}/feedback?visibility=private`)
      .expect(200);
    expect(own.body.items.map((i: { id: string }) => i.id)).toEqual([privateId]);
  });

  it('reads of feedback text are audited', async () => {
    await as(t, w.hr.token).get(`/api/v1/feedback/${w.sharedFeedback}`).expect(200);
    await as(t, w.hr.token).get(`/api/v1/mentees/${w.target.id}/feedback`).expect(200);
    const { rows } = await t.db.pool.query(
      `SELECT action, object_id FROM audit_events WHERE actor_id = $1 AND action LIKE 'feedback.%' ORDER BY occurred_at`,
      [w.hr.id],
    );
    expect(rows.slice(-2)).toEqual([
      { action: 'feedback.read', object_id: w.sharedFeedback },
      { action: 'feedback.list', object_id: w.target.id },
    ]);
  });

  it('edits keep every revision, readable by the author alone; a stale If-Match gets 412', async () => {
    const created = await as(t, w.manager.token).post(`/api/v1/mentees/${w.target.id}/feedback`, entry).expect(201);
    const id = created.body.id as string;
    const read = await as(t, w.manager.token).get(`/api/v1/feedback/${id}`).expect(200);
    expect(read.headers.etag).toBe('"1"');
    const edited = await as(t, w.manager.token)
      .patch(`/api/v1/feedback/${id}`, {
        strengths: 'Ran two incident reviews',
        ratings: [{ competency: 'communication', rating: 5 }],
      })
      .set('if-match', read.headers.etag)
      .expect(200);
    expect(edited.headers.etag).toBe('"2"');
    expect(edited.body).toMatchObject({ version: 2, strengths: 'Ran two incident reviews', gaps: entry.gaps });
    expect(edited.body.ratings).toEqual([{ competency: 'communication', rating: 5 }]);

    const stale = await as(t, w.manager.token)
      .patch(`/api/v1/feedback/${id}`, { gaps: 'lost update' })
      .set('if-match', '"1"')
      .expect(412);
    expect(stale.headers.etag).toBe('"2"');
    await as(t, w.manager.token).patch(`/api/v1/feedback/${id}`, { gaps: 'x' }).set('if-match', 'W/"2"').expect(412);
    expect((await as(t, w.manager.token).get(`/api/v1/feedback/${id}`)).body.gaps).toBe(entry.gaps);

    const revisions = await as(t, w.manager.token).get(`/api/v1/feedback/${id}/revisions`).expect(200);
    expect(revisions.body.items).toHaveLength(1);
    expect(revisions.body.items[0]).toMatchObject({ version: 1, editedBy: w.manager.id });
    expect(revisions.body.items[0].snapshot).toMatchObject({ strengths: entry.strengths, ratings: entry.ratings });
    await as(t, w.hr.token).get(`/api/v1/feedback/${id}/revisions`).expect(403);
    await as(t, w.target.user.token).get(`/api/v1/feedback/${id}/revisions`).expect(403);
  });

  it('two PATCHes with the same If-Match: one 200, one 412', async () => {
    const created = await as(t, w.manager.token).post(`/api/v1/mentees/${w.target.id}/feedback`, entry).expect(201);
    const id = created.body.id as string;
    const results = await Promise.all(
      ['first', 'second'].map((text) =>
        as(t, w.manager.token).patch(`/api/v1/feedback/${id}`, { nextSteps: text }).set('if-match', '"1"'),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const { rows } = await t.db.pool.query('SELECT version FROM feedback WHERE id = $1', [id]);
    expect(rows[0].version).toBe(2);
  });

  it('ten parallel POSTs with one Idempotency-Key make one row; the same key with another body is 422', async () => {
    const key = `idem-${Date.now()}`;
    const body = { ...entry, strengths: 'Idempotent entry' };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        as(t, w.manager.token).post(`/api/v1/mentees/${w.target.id}/feedback`, body).set('idempotency-key', key),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const { rows } = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM feedback WHERE strengths = 'Idempotent entry'`,
    );
    expect(rows[0].n).toBe(1);
    await as(t, w.manager.token)
      .post(`/api/v1/mentees/${w.target.id}/feedback`, { ...body, gaps: 'different' })
      .set('idempotency-key', key)
      .expect(422);
    // Keys are scoped to the caller: the mentor's same key is a new request.
    const mentor = await as(t, w.mentor.token)
      .post(`/api/v1/mentees/${w.target.id}/feedback`, body)
      .set('idempotency-key', key)
      .expect(201);
    expect(mentor.body.id).not.toBe(results[0].body.id);
    await as(t, w.manager.token)
      .post(`/api/v1/mentees/${w.target.id}/feedback`, body)
      .set('idempotency-key', 'k'.repeat(201))
      .expect(400);
  });

  it('the mentee acknowledges shared feedback once; nobody else can', async () => {
    const res = await as(t, w.target.user.token).post(`/api/v1/feedback/${w.sharedFeedback}/acknowledge`).expect(200);
    expect(res.body.acknowledgedAt).not.toBeNull();
    const again = await as(t, w.target.user.token).post(`/api/v1/feedback/${w.sharedFeedback}/acknowledge`).expect(200);
    expect(again.body.acknowledgedAt).toBe(res.body.acknowledgedAt);
    await as(t, w.manager.token).post(`/api/v1/feedback/${w.sharedFeedback}/acknowledge`).expect(403);
  });

  it('lists newest first with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await as(t, w.manager.token)
        .get(`/api/v1/mentees/${w.target.id}/feedback?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      seen.push(...res.body.items.map((i: { createdAt: string }) => i.createdAt));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThan(4);
    expect([...seen].sort().reverse()).toEqual(seen);
  });
});
