import request from 'supertest';
import { Factory, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { withTestApp } from '../support/suite';
import type { TestApp } from '../support/test-app';
import { ERROR, newUser, scim } from './scim-helpers';

describe('SCIM tokens', () => {
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

  it('creates a token shown once, stores only its hash, and lists it without the value', async () => {
    const created = await as(t, hr.token).post('/api/v1/scim-tokens', { name: 'Okta' }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Okta',
      token: expect.stringMatching(/^scim_[A-Za-z0-9_-]{43}$/),
      createdAt: expect.any(String),
    });
    const { rows } = await t.db.pool.query('SELECT token_hash FROM scim_tokens WHERE id = $1', [created.body.id]);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toContain(created.body.token);
    const list = await as(t, hr.token).get('/api/v1/scim-tokens').expect(200);
    const item = list.body.items.find((i: { id: string }) => i.id === created.body.id);
    expect(item).toMatchObject({ name: 'Okta', createdBy: hr.id, lastUsedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
  });

  it('refuses a nameless or unknown-field token request with 400 naming the field', async () => {
    const res = await as(t, hr.token).post('/api/v1/scim-tokens', { name: '', extra: 1 }).expect(400);
    expect(res.body.fields.map((x: { field: string }) => x.field)).toEqual(expect.arrayContaining(['name', 'extra']));
  });

  it('a working token reaches SCIM; a revoked one is refused with a SCIM 401', async () => {
    const created = await as(t, hr.token).post('/api/v1/scim-tokens', { name: 'Entra' }).expect(201);
    await scim(t, created.body.token).get('/Users').expect(200);
    const { rows } = await t.db.pool.query('SELECT last_used_at FROM scim_tokens WHERE id = $1', [created.body.id]);
    expect(rows[0].last_used_at).not.toBeNull();
    await as(t, hr.token).delete(`/api/v1/scim-tokens/${created.body.id}`).expect(204);
    const refused = await scim(t, created.body.token).get('/Users').expect(401);
    expect(refused.body).toMatchObject({ schemas: [ERROR], status: '401' });
    expect(refused.headers['content-type']).toMatch(/^application\/scim\+json/);
    await as(t, hr.token).delete(`/api/v1/scim-tokens/${created.body.id}`).expect(404);
    const list = await as(t, hr.token).get('/api/v1/scim-tokens').expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(created.body.id);
  });

  it('refuses requests without a token, with a malformed one, with an unknown one, or with a person’s token', async () => {
    await request(t.server).get('/scim/v2/Users').expect(401);
    await request(t.server).get('/scim/v2/Users').set('authorization', 'Bearer nonsense').expect(401);
    await request(t.server)
      .get('/scim/v2/Users')
      .set('authorization', `Bearer scim_${'A'.repeat(43)}`)
      .expect(401);
    const res = await request(t.server).get('/scim/v2/Users').set('authorization', `Bearer ${hr.token}`).expect(401);
    expect(res.body.schemas).toEqual([ERROR]);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('a token sees its own organization only: another organization’s users and groups are 404', async () => {
    const mine = await f.scimToken(orgId);
    const otherOrg = (await f.organization()).id;
    const theirs = await f.scimToken(otherOrg);
    const user = await scim(t, theirs.token).post('/Users', newUser()).expect(201);
    const group = await scim(t, theirs.token).post('/Groups', { displayName: 'Theirs' }).expect(201);
    await scim(t, mine.token).get(`/Users/${user.body.id}`).expect(404);
    await scim(t, mine.token)
      .patch(`/Users/${user.body.id}`, { Operations: [{ op: 'replace', value: { active: false } }] })
      .expect(404);
    await scim(t, mine.token).put(`/Users/${user.body.id}`, newUser()).expect(404);
    await scim(t, mine.token).delete(`/Users/${user.body.id}`).expect(404);
    await scim(t, mine.token).get(`/Groups/${group.body.id}`).expect(404);
    await scim(t, mine.token).delete(`/Groups/${group.body.id}`).expect(404);
    const list = await scim(t, mine.token)
      .get(`/Users?filter=${encodeURIComponent(`userName eq "${user.body.userName}"`)}`)
      .expect(200);
    expect(list.body.totalResults).toBe(0);
    // A member from another organization cannot be added to one's own group.
    const own = await scim(t, mine.token).post('/Groups', { displayName: 'Mine' }).expect(201);
    await scim(t, mine.token)
      .patch(`/Groups/${own.body.id}`, {
        Operations: [{ op: 'add', path: 'members', value: [{ value: user.body.id }] }],
      })
      .expect(400);
    await scim(t, theirs.token).get(`/Users/${user.body.id}`).expect(200);
  });

  it('audits every SCIM write with the token as the actor, named in the trail', async () => {
    const token = await f.scimToken(orgId, 'Audited IdP');
    const user = await scim(t, token.token).post('/Users', newUser()).expect(201);
    const events = await as(t, hr.token).get(`/api/v1/audit-events?objectId=${user.body.id}`).expect(200);
    expect(events.body.items[0]).toMatchObject({
      action: 'user.create',
      actorId: token.id,
      actorName: 'SCIM: Audited IdP',
    });
  });

  it('the group → role map is HR’s: replaced, read back, validated, audited', async () => {
    const put = await as(t, hr.token)
      .put('/api/v1/scim/group-roles', { Leads: 'manager', 'People Team': 'hr_admin' })
      .expect(200);
    expect(put.body).toEqual({ Leads: 'manager', 'People Team': 'hr_admin' });
    const get = await as(t, hr.token).get('/api/v1/scim/group-roles').expect(200);
    expect(get.body).toEqual({ Leads: 'manager', 'People Team': 'hr_admin' });
    const bad = await as(t, hr.token).put('/api/v1/scim/group-roles', { Leads: 'boss', leads: 'manager' }).expect(400);
    expect(bad.body.fields.map((x: { field: string }) => x.field)).toEqual(expect.arrayContaining(['Leads', 'leads']));
    await as(t, hr.token).put('/api/v1/scim/group-roles', []).expect(400);
    const events = await as(t, hr.token).get('/api/v1/audit-events?action=scim.group_roles').expect(200);
    expect(events.body.items.length).toBeGreaterThan(0);
    await as(t, hr.token).put('/api/v1/scim/group-roles', {}).expect(200);
  });
});
