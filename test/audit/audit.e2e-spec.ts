import request from 'supertest';
import type { World } from '../support/factories';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

describe('audit trail', () => {
  let t: TestApp;
  let w: World;
  withWorld((s) => ({ t, w } = s));

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    await request(t.server)
      .get(`/api/v1/mentees/${w.target.id}`)
      .set('authorization', `Bearer ${w.otherManager.token}`)
      .expect(404);
    await expect(t.db.pool.query(`UPDATE audit_events SET action = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'rewritten'`);
    expect(rows[0].n).toBe(0);
  });

  it('lets an erasure clear the before and after values of an event, and nothing else', async () => {
    const { rows } = await t.db.pool.query<{ id: string }>(
      `INSERT INTO audit_events (organization_id, actor_id, action, object_type, object_id, outcome, changes)
       VALUES ($1, NULL, 'user.updated', 'user', $2, 'success', '{"name": {"from": "A", "to": "B"}}') RETURNING id`,
      [w.orgA.id, w.target.userId],
    );
    const id = rows[0].id;
    await expect(t.db.pool.query(`UPDATE audit_events SET changes = '{}' WHERE id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(
      t.db.pool.query(`UPDATE audit_events SET changes = NULL, action = 'rewritten' WHERE id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
    await t.db.pool.query(`UPDATE audit_events SET changes = NULL WHERE id = $1`, [id]);
    const after = await t.db.pool.query(`SELECT action, changes FROM audit_events WHERE id = $1`, [id]);
    expect(after.rows[0]).toEqual({ action: 'user.updated', changes: null });
  });

  it('lists events newest first with filters, and never stores free text or tokens', async () => {
    await request(t.server)
      .patch(`/api/v1/mentees/${w.target.id}`)
      .set('authorization', `Bearer ${w.manager.token}`)
      .send({ department: 'Secret Department Name' })
      .expect(200);
    const res = await request(t.server)
      .get(`/api/v1/audit-events?objectType=mentee&objectId=${w.target.id}&actorId=${w.manager.id}`)
      .set('authorization', `Bearer ${w.hr.token}`)
      .expect(200);
    expect(res.body.items[0]).toMatchObject({
      action: 'mentee.update',
      actorId: w.manager.id,
      objectId: w.target.id,
      outcome: 'success',
    });
    const [{ name }] = (await t.db.pool.query('SELECT name FROM users WHERE id = $1', [w.manager.id])).rows;
    expect(res.body.items[0].actorName).toBe(name);
    const { rows } = await t.db.pool.query('SELECT * FROM audit_events');
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain('Secret Department Name');
    expect(dump).not.toContain(w.manager.token.split('.')[2]);
    const future = await request(t.server)
      .get('/api/v1/audit-events?from=2999-01-01T00:00:00Z')
      .set('authorization', `Bearer ${w.hr.token}`)
      .expect(200);
    expect(future.body.items).toEqual([]);
    await request(t.server)
      .get('/api/v1/audit-events?from=yesterday')
      .set('authorization', `Bearer ${w.hr.token}`)
      .expect(400);
  });
});
