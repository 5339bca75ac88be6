import request from 'supertest';
import { tableChecksum } from '../support/checksum';
import type { Factory, World } from '../support/factories';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';
import { ACTORS, MATRIX, RELATION_MATRIX, buildRelations, pathOf, tokenOf, type Relations } from './matrix';

const DOC_ONLY = new Set(['GET /docs', 'GET /docs-json']);

describe('authorization matrix', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  withWorld((s) => ({ t, f, w } = s));

  it('has a row for every route the API serves, and no row for a route it does not', async () => {
    const doc = await request(t.server).get('/docs-json').expect(200);
    const served = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((verb) => `${verb.toUpperCase()} ${path}`))
      .filter((route) => !DOC_ONLY.has(route))
      .sort();
    expect(MATRIX.map((r) => r.route).sort()).toEqual(served);
  });

  describe.each(MATRIX.map((row) => [row.route, row] as const))('%s', (_route, row) => {
    it.each(ACTORS.map((actor) => [actor, row.expect[actor]] as const))('as %s answers %i', async (actor, expected) => {
      const [verb] = row.route.split(' ') as [string];
      const body = row.body ? await row.body(w, f, actor) : undefined;
      const path = await pathOf(row, w, f);
      const before = expected >= 400 ? await tableChecksum(t.db.pool) : undefined;
      let req = request(t.server)[verb.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path);
      const token = tokenOf(w, actor);
      if (token) req = req.set('authorization', `Bearer ${row.endsToken ? f.freshToken(token) : token}`);
      if (body) req = req.send(body);
      const res = await req;
      expect({ status: res.status, body: res.status === expected ? undefined : res.body }).toEqual({
        status: expected,
        body: undefined,
      });
      if (before !== undefined) expect(await tableChecksum(t.db.pool)).toBe(before);
    });
  });

  describe('self-sign-off and former relations', () => {
    let r: Relations;

    beforeAll(async () => {
      r = await buildRelations(w, f);
    });

    it('names only operations of the main matrix', () => {
      const routes = new Set(MATRIX.map((row) => row.route));
      expect(RELATION_MATRIX.filter((row) => !routes.has(row.route)).map((row) => row.route)).toEqual([]);
    });

    it.each(RELATION_MATRIX.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
      const [verb] = row.route.split(' ') as [string];
      const path = await row.path(r, w, f);
      const before = await tableChecksum(t.db.pool);
      let req = request(t.server)
        [verb.toLowerCase() as 'get' | 'post' | 'patch' | 'put'](path)
        .set('authorization', `Bearer ${row.caller(r).token}`);
      if (row.body) req = req.send(row.body(r, w));
      const res = await req;
      expect({ status: res.status, body: res.status === row.expect ? undefined : res.body }).toEqual({
        status: row.expect,
        body: undefined,
      });
      expect(await tableChecksum(t.db.pool)).toBe(before);
    });
  });

  it('never lists a row the caller may not see', async () => {
    const { rows } = await t.db.pool.query<{ id: string }>('SELECT id FROM mentees WHERE organization_id = $1', [
      w.orgA.id,
    ]);
    const orgAIds = rows.map((r) => r.id);
    const visible = async (token: string) =>
      (
        await request(t.server).get('/api/v1/mentees').set('authorization', `Bearer ${token}`).expect(200)
      ).body.items.map((m: { id: string }) => m.id);
    expect((await visible(w.hr.token)).sort()).toEqual(orgAIds.sort());
    const related = async (userId: string) =>
      (
        await t.db.pool.query<{ id: string }>('SELECT id FROM mentees WHERE manager_id = $1 OR mentor_id = $1', [
          userId,
        ])
      ).rows
        .map((r) => r.id)
        .sort();
    expect((await visible(w.manager.token)).sort()).toEqual(await related(w.manager.id));
    expect(await visible(w.mentor.token)).toEqual([w.target.id]);
    expect(await visible(w.otherManager.token)).toEqual([w.stranger.id]);
    expect(await visible(w.target.user.token)).toEqual([w.target.id]);
    expect(await visible(w.hrB.token)).toEqual([w.menteeB.id]);

    const users = await request(t.server)
      .get('/api/v1/users?limit=200')
      .set('authorization', `Bearer ${w.hrB.token}`)
      .expect(200);
    expect(
      users.body.items.every((u: { id: string }) => ![w.hr.id, w.manager.id, w.target.userId].includes(u.id)),
    ).toBe(true);
    const audit = await request(t.server)
      .get('/api/v1/audit-events?limit=200')
      .set('authorization', `Bearer ${w.hrB.token}`)
      .expect(200);
    expect(JSON.stringify(audit.body)).not.toContain(w.orgA.id);
    expect(audit.body.items.every((e: { actorId: string | null }) => e.actorId !== w.hr.id)).toBe(true);
  });

  it('records denied attempts on other people’s data in the audit trail', async () => {
    await request(t.server)
      .get(`/api/v1/mentees/${w.target.id}`)
      .set('authorization', `Bearer ${w.otherManager.token}`)
      .expect(404);
    const { rows } = await t.db.pool.query(
      `SELECT action, object_type, object_id, outcome FROM audit_events
        WHERE actor_id = $1 AND outcome = 'denied' AND object_id = $2`,
      [w.otherManager.id, w.target.id],
    );
    expect(rows).toContainEqual({
      action: 'mentee:read',
      object_type: 'mentee',
      object_id: w.target.id,
      outcome: 'denied',
    });
  });
});
