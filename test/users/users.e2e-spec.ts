import request from 'supertest';
import { tableChecksum } from '../support/checksum';
import { Factory, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { withTestApp } from '../support/suite';
import type { TestApp } from '../support/test-app';

describe('users', () => {
  let t: TestApp;
  let f: Factory;
  let hr: TestUser;
  let orgId: string;

  withTestApp((app) => (t = app));

  beforeAll(async () => {
    f = new Factory(t);
    orgId = (await f.organization()).id;
    hr = await f.user(orgId, ['hr_admin']);
  });

  it('creates a user with several roles, stores an argon2id hash, and refuses a duplicate e-mail with 409', async () => {
    const res = await as(t, hr.token)
      .post('/api/v1/users', {
        email: 'Lead@Example.test',
        name: 'Lead',
        roles: ['manager', 'mentee'],
        password: 'a long passphrase here',
      })
      .expect(201);
    expect(res.body).toMatchObject({ email: 'lead@example.test', roles: ['manager', 'mentee'], active: true });
    expect(Object.keys(res.body).sort()).toEqual([
      'active',
      'breakGlass',
      'createdAt',
      'email',
      'id',
      'invitedAt',
      'name',
      'roles',
      'status',
      'updatedAt',
    ]);
    const { rows } = await t.db.pool.query('SELECT password_hash FROM users WHERE id = $1', [res.body.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    await as(t, hr.token)
      .post('/api/v1/users', {
        email: 'lead@example.test',
        name: 'Again',
        roles: ['manager'],
        password: 'a long passphrase here',
      })
      .expect(409);
  });

  it('rejects bad input with a 400 naming each field, unknown fields included, and changes nothing', async () => {
    const before = await tableChecksum(t.db.pool);
    const res = await as(t, hr.token)
      .post('/api/v1/users', { email: 'x', name: '', roles: ['boss'], password: 'short', organizationId: orgId })
      .expect(400);
    const fields = res.body.fields.map((x: { field: string }) => x.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'name', 'roles', 'organizationId']));
    await as(t, hr.token)
      .post('/api/v1/users', { email: 'ok@example.test', name: 'Ok', roles: ['mentee'], password: 'password123' })
      .expect(400);
    await as(t, hr.token)
      .post('/api/v1/users', {
        email: 'ok2@example.test',
        name: 'Line\nBreak',
        roles: ['mentee'],
        password: 'a fine passphrase',
      })
      .expect(400);
    await as(t, hr.token)
      .post('/api/v1/users', { email: 'ok3@example.test', name: 'X', roles: [], password: 'a fine passphrase' })
      .expect(400);
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });

  it('lists with cursor pagination and filters by role and active', async () => {
    for (let i = 0; i < 3; i++) await f.user(orgId, ['manager']);
    const inactive = await f.user(orgId, ['manager']);
    await as(t, hr.token).patch(`/api/v1/users/${inactive.id}`, { active: false }).expect(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await as(t, hr.token)
        .get(`/api/v1/users?role=manager&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((u: { id: string }) => u.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const { rows } = await t.db.pool.query(
      `SELECT id FROM users WHERE organization_id = $1 AND 'manager' = ANY(roles) ORDER BY created_at, id`,
      [orgId],
    );
    expect(seen).toEqual(rows.map((r) => r.id));
    const active = await as(t, hr.token).get('/api/v1/users?role=manager&active=false').expect(200);
    expect(active.body.items.map((u: { id: string }) => u.id)).toEqual([inactive.id]);
  });

  it('refuses bad pagination: limit 0, -1, 201, 10^9, NaN and a forged cursor', async () => {
    for (const q of [
      'limit=0',
      'limit=-1',
      'limit=201',
      'limit=1000000000',
      'limit=NaN',
      'limit=1.5',
      'cursor=abc!',
      'cursor=Zm9vfGJhcg',
    ]) {
      const res = await as(t, hr.token).get(`/api/v1/users?${q}`).expect(400);
      expect(res.body.fields[0].field).toBe(q.split('=')[0]);
    }
    await as(t, hr.token).get('/api/v1/users?active=maybe').expect(400);
    await as(t, hr.token).get('/api/v1/users?role=boss').expect(400);
  });

  it('reads one user, and answers 404 for an unknown id and 400 for a malformed one', async () => {
    await as(t, hr.token).get(`/api/v1/users/${hr.id}`).expect(200);
    await as(t, hr.token).get('/api/v1/users/00000000-0000-4000-8000-000000000000').expect(404);
    const bad = await as(t, hr.token).get('/api/v1/users/not-a-uuid').expect(400);
    expect(bad.body.fields[0].field).toBe('id');
  });

  it('changes name, roles and password; refuses an HR admin deactivating or demoting themselves', async () => {
    const user = await f.user(orgId, ['mentee']);
    const res = await as(t, hr.token)
      .patch(`/api/v1/users/${user.id}`, { name: 'Renamed', roles: ['mentee', 'manager'] })
      .expect(200);
    expect(res.body).toMatchObject({ name: 'Renamed', roles: ['mentee', 'manager'] });
    await as(t, hr.token).patch(`/api/v1/users/${user.id}`, { password: 'a brand new passphrase' }).expect(200);
    await request(t.server)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'a brand new passphrase' })
      .expect(200);
    await as(t, hr.token).patch(`/api/v1/users/${hr.id}`, { active: false }).expect(409);
    await as(t, hr.token)
      .patch(`/api/v1/users/${hr.id}`, { roles: ['manager'] })
      .expect(409);
    await as(t, hr.token).patch(`/api/v1/users/${user.id}`, { tokenVersion: 0, passwordHash: 'x' }).expect(400);
    const { rows } = await t.db.pool.query(
      `SELECT action FROM audit_events WHERE object_id = $1 ORDER BY occurred_at`,
      [user.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['user.update', 'user.update', 'auth.login']);
  });
});
