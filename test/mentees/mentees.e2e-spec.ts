import fc from 'fast-check';
import type request from 'supertest';
import { Database } from '@leadpath/platform/database';
import { tableChecksum } from '../support/checksum';
import type { Factory, World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

/** A calendar day (UTC) in the middle of last month, and today. */
const midLastMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)).toISOString().slice(0, 10);
};
const today = () => new Date().toISOString().slice(0, 10);

describe('mentees', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  withWorld((s) => ({ t, f, w } = s));

  it('enrols a mentee with defaults and records the starting phase', async () => {
    const user = await f.user(w.orgA.id, ['mentee']);
    const res = await as(t, w.hr.token)
      .post('/api/v1/mentees', {
        userId: user.id,
        managerId: w.manager.id,
        mentorId: w.mentor.id,
        department: 'Data',
        careerStartDate: '2020-02-29',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      userId: user.id,
      email: user.email,
      managerId: w.manager.id,
      mentorId: w.mentor.id,
      phase: 'build_credibility',
      track: 'undecided',
      department: 'Data',
      careerStartDate: '2020-02-29',
    });
    const history = await as(t, w.hr.token).get(`/api/v1/mentees/${res.body.id}/phase-history`).expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({ fromPhase: null, toPhase: 'build_credibility', changedBy: w.hr.id }),
    ]);
    await as(t, w.hr.token).post('/api/v1/mentees', { userId: user.id, managerId: w.manager.id }).expect(409);
  });

  it('checks the people: a mentee user, an active manager, a mentor other than the line manager', async () => {
    const user = await f.user(w.orgA.id, ['mentee']);
    const notManager = await f.user(w.orgA.id, ['mentee']);
    const before = await tableChecksum(t.db.pool);
    const field = async (body: object, status = 400) =>
      (await as(t, w.hr.token).post('/api/v1/mentees', body).expect(status)).body.fields?.map(
        (x: { field: string }) => x.field,
      );
    expect(await field({ userId: user.id, managerId: notManager.id })).toEqual(['managerId']);
    expect(await field({ userId: user.id, managerId: w.manager.id, mentorId: w.manager.id })).toEqual(['mentorId']);
    expect(await field({ userId: w.manager.id, managerId: w.mentor.id })).toEqual(['userId']);
    expect(await field({ userId: user.id, managerId: user.id })).toEqual(['managerId']);
    expect(await field({ userId: user.id, managerId: w.manager.id, phase: 'ceo' })).toEqual(['phase']);
    expect(await field({ userId: user.id, managerId: w.manager.id, careerStartDate: '2021-02-30' })).toEqual([
      'careerStartDate',
    ]);
    // A manager of another organization is nobody here.
    await field({ userId: user.id, managerId: w.managerB.id }, 404);
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });

  it('lets the line manager change the phase with a note, kept in the history', async () => {
    const mentee = await f.mentee(w.orgA.id, { managerId: w.manager.id, phase: 'build_credibility' });
    const res = await as(t, w.manager.token)
      .patch(`/api/v1/mentees/${mentee.id}`, {
        phase: 'lead_without_title',
        phaseNote: 'Ran the incident review series',
      })
      .expect(200);
    expect(res.body.phase).toBe('lead_without_title');
    const history = await as(t, mentee.user.token).get(`/api/v1/mentees/${mentee.id}/phase-history`).expect(200);
    expect(
      history.body.items.map((h: { fromPhase: string | null; toPhase: string; note: string | null }) => [
        h.fromPhase,
        h.toPhase,
        h.note,
      ]),
    ).toEqual([
      [null, 'build_credibility', null],
      ['build_credibility', 'lead_without_title', 'Ran the incident review series'],
    ]);
    const { rows } = await t.db.pool.query(`SELECT action FROM audit_events WHERE object_id = $1 ORDER BY action`, [
      mentee.id,
    ]);
    expect(rows.map((r) => r.action)).toEqual(['mentee.phase_change', 'mentee.update']);
  });

  it('lets only HR reassign the line manager or mentor: a manager sending them gets 400 and nothing changes', async () => {
    const mentee = await f.mentee(w.orgA.id, { managerId: w.manager.id });
    const before = await tableChecksum(t.db.pool);
    const res = await as(t, w.manager.token)
      .patch(`/api/v1/mentees/${mentee.id}`, { managerId: w.otherManager.id, track: 'management' })
      .expect(400);
    expect(res.body.fields.map((x: { field: string }) => x.field)).toEqual(['managerId']);
    expect(await tableChecksum(t.db.pool)).toBe(before);
    const moved = await as(t, w.hr.token)
      .patch(`/api/v1/mentees/${mentee.id}`, { managerId: w.otherManager.id, mentorId: w.mentor.id })
      .expect(200);
    expect(moved.body).toMatchObject({ managerId: w.otherManager.id, mentorId: w.mentor.id });
    await as(t, w.manager.token).get(`/api/v1/mentees/${mentee.id}`).expect(404);
    const cleared = await as(t, w.hr.token)
      .patch(`/api/v1/mentees/${mentee.id}`, { mentorId: null, department: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ mentorId: null, department: null });
  });

  it('a mentee cannot change their own record (403), whatever they send', async () => {
    const before = await tableChecksum(t.db.pool);
    for (const body of [
      { phase: 'growing_scope' },
      { managerId: w.otherManager.id },
      { organizationId: w.orgB.id },
      { roles: ['hr_admin'] },
    ]) {
      await as(t, w.target.user.token).patch(`/api/v1/mentees/${w.target.id}`, body).expect(403);
    }
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });

  it('mass assignment: random extra keys from a manager are refused with 400 and change nothing', async () => {
    const allowed = new Set([
      'managerId',
      'mentorId',
      'phase',
      'phaseNote',
      'track',
      'department',
      'technicalFoundation',
      'careerStartDate',
    ]);
    const before = await tableChecksum(t.db.pool);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !allowed.has(k) && k !== '__proto__'),
          fc.jsonValue(),
          { minKeys: 1, maxKeys: 4 },
        ),
        async (extra) => {
          const res = await as(t, w.manager.token).patch(`/api/v1/mentees/${w.target.id}`, {
            track: 'management',
            ...extra,
          });
          expect(res.status).toBe(400);
        },
      ),
      { numRuns: 60, seed: 20261126 },
    );
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });

  it('filters the list by manager, phase, department and track, paginating with a cursor', async () => {
    const manager = await f.user(w.orgA.id, ['manager']);
    for (let i = 0; i < 5; i++) {
      await f.mentee(w.orgA.id, {
        managerId: manager.id,
        phase: i % 2 ? 'build_credibility' : 'growing_scope',
        department: i < 3 ? 'Ops' : 'Data',
      });
    }
    const ids = async (query: string) => {
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await as(t, w.hr.token)
          .get(`/api/v1/mentees?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        all.push(...res.body.items.map((m: { id: string }) => m.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      return all;
    };
    expect(await ids(`managerId=${manager.id}`)).toHaveLength(5);
    expect(await ids(`managerId=${manager.id}&phase=growing_scope`)).toHaveLength(3);
    expect(await ids(`managerId=${manager.id}&department=Ops`)).toHaveLength(3);
    expect(await ids(`managerId=${manager.id}&department=Ops&phase=build_credibility`)).toHaveLength(1);
    expect(await ids(`managerId=${manager.id}&track=management`)).toHaveLength(0);
    await as(t, w.hr.token).get('/api/v1/mentees?phase=ceo').expect(400);
    await as(t, w.hr.token).get('/api/v1/mentees?managerId=nope').expect(400);
  });

  it('each item carries the trend since the end of last month, as the 12-month trend has it, in one query per page', async () => {
    const manager = await f.user(w.orgA.id, ['manager']);
    const token = manager.token;
    const up = await f.mentee(w.orgA.id, { managerId: manager.id });
    const down = await f.mentee(w.orgA.id, { managerId: manager.id });
    const flat = await f.mentee(w.orgA.id, { managerId: manager.id });
    await f.feedback(up, manager.id, { occurredOn: midLastMonth(), ratings: { communication: 2 } });
    await f.feedback(up, manager.id, { occurredOn: today(), ratings: { communication: 5 } });
    await f.feedback(down, manager.id, { occurredOn: midLastMonth(), ratings: { communication: 5, delegation: 5 } });
    await f.feedback(down, manager.id, { occurredOn: today(), ratings: { communication: 1, delegation: 1 } });
    await f.feedback(flat, manager.id, { occurredOn: midLastMonth(), ratings: { communication: 4 } });

    const db = t.app.get(Database);
    const spy = jest.spyOn(db, 'query');
    let list: request.Response;
    let queries: number;
    try {
      list = await as(t, token).get('/api/v1/mentees?limit=200').expect(200);
      queries = spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
    const trendOf = (id: string) =>
      list.body.items.find((x: { id: string }) => x.id === id).readiness.trend as string | null;
    expect([trendOf(up.id), trendOf(down.id), trendOf(flat.id)]).toEqual(['up', 'down', 'flat']);

    // The same comparison the mentee page's chart shows: now against the previous point.
    for (const m of [up, down, flat]) {
      const { trend } = (await as(t, token).get(`/api/v1/mentees/${m.id}/progress`).expect(200)).body as {
        trend: { score: number }[];
      };
      const delta = trend[11].score - trend[10].score;
      expect(trendOf(m.id)).toBe(delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat');
    }
    const one = await as(t, token).get(`/api/v1/mentees/${up.id}`).expect(200);
    expect(one.body.readiness.trend).toBe('up');

    // More mentees on the page, the same number of queries.
    for (let i = 0; i < 5; i++) await f.mentee(w.orgA.id, { managerId: manager.id });
    const spyMore = jest.spyOn(db, 'query');
    try {
      const more = await as(t, token).get('/api/v1/mentees?limit=200').expect(200);
      expect(more.body.items).toHaveLength(8);
      expect(spyMore.mock.calls.length).toBe(queries);
    } finally {
      spyMore.mockRestore();
    }
  });
});
