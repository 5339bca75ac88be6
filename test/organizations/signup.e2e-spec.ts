import request from 'supertest';
import { withTestApp } from '../support/suite';
import type { TestApp } from '../support/test-app';

const body = (email: string, password = 'a long signup passphrase') => ({
  name: 'Acme Engineering',
  admin: { email, name: 'Grace Hopper', password },
});

describe('sign-up', () => {
  let t: TestApp;
  withTestApp((app) => (t = app));

  it('creates an organization and its first HR admin, and returns a working token', async () => {
    const res = await request(t.server).post('/api/v1/organizations').send(body('Grace@Example.test')).expect(201);
    expect(res.body.organization).toMatchObject({ name: 'Acme Engineering' });
    expect(res.body.user).toMatchObject({ email: 'grace@example.test', roles: ['hr_admin'], active: true });
    const me = await request(t.server)
      .get('/api/v1/me')
      .set('authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.organization.id).toBe(res.body.organization.id);
    const { rows } = await t.db.pool.query(
      'SELECT action FROM audit_events WHERE organization_id = $1 ORDER BY action',
      [res.body.organization.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['organization.create', 'user.create']);
  });

  it('answers an address another organization holds as any other (addresses are unique per organization)', async () => {
    const first = await request(t.server).post('/api/v1/organizations').send(body('taken@example.test')).expect(201);
    const second = await request(t.server).post('/api/v1/organizations').send(body('TAKEN@example.test')).expect(201);
    expect(second.body.user.email).toBe('taken@example.test');
    expect(second.body.organization.id).not.toBe(first.body.organization.id);
  });

  it('refuses a weak password with 400 naming admin.password, and bad fields with 400 naming each, creating nothing', async () => {
    const count = async () => (await t.db.pool.query('SELECT count(*)::int AS n FROM organizations')).rows[0].n;
    const before = await count();
    const weak = await request(t.server)
      .post('/api/v1/organizations')
      .send(body('weak@example.test', 'password123'))
      .expect(400);
    expect(weak.body.fields[0].field).toBe('admin.password');
    const invalid = await request(t.server)
      .post('/api/v1/organizations')
      .send({ name: '', admin: { email: 'nope', extra: 1 } })
      .expect(400);
    expect(invalid.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(
      expect.arrayContaining(['name', 'admin.email', 'admin.name', 'admin.password', 'admin.extra']),
    );
    expect(await count()).toBe(before);
  });
});

describe('sign-up when disabled', () => {
  let t: TestApp;
  withTestApp((app) => (t = app), { SIGNUP_ENABLED: 'false' });

  it('answers 403 and creates nothing', async () => {
    await request(t.server).post('/api/v1/organizations').send(body('closed@example.test')).expect(403);
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM organizations');
    expect(rows[0].n).toBe(0);
  });
});
