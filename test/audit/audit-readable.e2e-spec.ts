import type { World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

/**
 * Issue 27: an audit trail HR can read. Changes by default and reads on request, names instead
 * of ids, what an update changed, the actions in words, and one row per view of the dashboard.
 */
describe('a readable audit trail', () => {
  let t: TestApp;
  let w: World;
  withWorld((s) => ({ t, w } = s));

  const trail = async (query: string) =>
    (await as(t, w.hr.token).get(`/api/v1/audit-events?${query}`).expect(200)).body.items as Array<
      Record<string, unknown>
    >;

  it('shows changes by default, reads on request (kind=reads), and both with kind=all', async () => {
    await as(t, w.manager.token).get(`/api/v1/mentees/${w.target.id}/readiness`).expect(200);
    await as(t, w.manager.token).patch(`/api/v1/mentees/${w.target.id}`, { department: 'Platform' }).expect(200);
    const byManager = `actorId=${w.manager.id}&objectId=${w.target.id}`;

    const changes = await trail(byManager);
    expect(changes.map((e) => e.action)).toContain('mentee.update');
    expect(changes.every((e) => e.kind === 'change')).toBe(true);

    const reads = await trail(`${byManager}&kind=reads`);
    expect(reads.map((e) => e.action)).toEqual(['readiness.read']);
    expect(reads[0]).toMatchObject({ kind: 'read', actionLabel: 'Readiness viewed' });

    const all = await trail(`${byManager}&kind=all`);
    expect(all.map((e) => e.action).slice(0, 2)).toEqual(['mentee.update', 'readiness.read']);

    // Naming an action finds it whatever its kind.
    expect((await trail(`${byManager}&action=readiness.read`)).map((e) => e.action)).toEqual(['readiness.read']);

    const bad = await as(t, w.hr.token).get('/api/v1/audit-events?kind=everything').expect(400);
    expect(bad.body.fields[0].field).toBe('kind');
  });

  it("names the actor and the object: a mentee's and a person's name, a goal's title", async () => {
    await as(t, w.manager.token).patch(`/api/v1/mentees/${w.target.id}`, { department: 'Data' }).expect(200);
    const [menteeEvent] = await trail(`objectId=${w.target.id}&action=mentee.update`);
    const names = async (id: string) =>
      (await t.db.pool.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [id])).rows[0].name;
    expect(menteeEvent).toMatchObject({
      actorName: await names(w.manager.id),
      objectName: await names(w.target.userId),
      actionLabel: 'Mentee changed',
      changes: [],
    });

    await as(t, w.hr.token).patch(`/api/v1/users/${w.sibling.userId}`, { name: 'Sam Sibling' }).expect(200);
    const [userEvent] = await trail(`objectId=${w.sibling.userId}&action=user.update`);
    expect(userEvent).toMatchObject({ objectType: 'user', objectName: 'Sam Sibling' });
    expect(userEvent.changes).toEqual([{ field: 'name', from: await namesBefore(), to: 'Sam Sibling' }]);

    await as(t, w.manager.token).patch(`/api/v1/goals/${w.goal}`, { title: 'Lead the incident review' }).expect(200);
    const [goalEvent] = await trail(`objectId=${w.goal}`);
    expect(goalEvent).toMatchObject({ objectType: 'goal', objectName: 'Lead the incident review' });

    async function namesBefore(): Promise<string> {
      // The factory named the sibling "Person N"; the trail keeps what it was.
      const [row] = (
        await t.db.pool.query<{ changes: { name: { from: string } } }>(
          `SELECT changes FROM audit_events WHERE object_id = $1 AND action = 'user.update'`,
          [w.sibling.userId],
        )
      ).rows;
      expect(row.changes.name.from).toMatch(/^Person \d+$/);
      return row.changes.name.from;
    }
  });

  it('lists every action with a label and its kind, for HR only', async () => {
    const res = await as(t, w.hr.token).get('/api/v1/audit-events/actions').expect(200);
    const actions = res.body as Array<{ action: string; label: string; kind: string }>;
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: 'user.update', label: 'Person changed', kind: 'change' },
        { action: 'report.summary', label: 'Dashboard viewed', kind: 'read' },
      ]),
    );
    expect(new Set(actions.map((a) => a.label)).size).toBe(actions.length);
    expect(actions.every((a) => !/[._]/.test(a.label))).toBe(true);
    await as(t, w.manager.token).get('/api/v1/audit-events/actions').expect(403);
  });

  it("one view of HR's dashboard (its figures and its heatmap) writes one read row", async () => {
    const count = async () =>
      (
        await t.db.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND action = 'report.summary'`,
          [w.hr.id],
        )
      ).rows[0].n;
    const before = await count();
    await Promise.all([
      as(t, w.hr.token).get('/api/v1/reports/summary').expect(200),
      as(t, w.hr.token).get('/api/v1/reports/heatmap/managers').expect(200),
    ]);
    // The two requests may run concurrently; at most one row, and at least one.
    expect(await count()).toBe(before + 1);
  });
});
