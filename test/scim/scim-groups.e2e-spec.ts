import { Factory, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { withTestApp } from '../support/suite';
import type { TestApp } from '../support/test-app';
import { CORE_GROUP, ERROR, newUser, patchOp, scim } from './scim-helpers';

describe('SCIM Groups', () => {
  let t: TestApp;
  let f: Factory;
  let hr: TestUser;
  let orgId: string;
  let idp: ReturnType<typeof scim>;
  let tokenId: string;

  withTestApp((app) => (t = app));

  beforeAll(async () => {
    f = new Factory(t);
    orgId = (await f.organization()).id;
    hr = await f.user(orgId, ['hr_admin']);
    const token = await f.scimToken(orgId, 'Entra');
    tokenId = token.id;
    idp = scim(t, token.token);
    await as(t, hr.token)
      .put('/api/v1/scim/group-roles', { 'Engineering Leads': 'manager', Graduates: 'mentee' })
      .expect(200);
  });

  const person = async () => (await idp.post('/Users', newUser()).expect(201)).body as { id: string; userName: string };
  const roles = async (id: string) =>
    (await t.db.pool.query('SELECT roles FROM users WHERE id = $1', [id])).rows[0].roles as string[];
  let n = 0;
  const groupName = () => `Group ${Date.now().toString(36)} ${++n}`;

  it('creates a group with members: 201, Location, the members listed, roles given through the map at once', async () => {
    const a = await person();
    const b = await person();
    const res = await idp
      .post('/Groups', {
        schemas: [CORE_GROUP],
        displayName: 'Engineering Leads',
        externalId: 'g-1',
        members: [{ value: a.id }, { value: b.id }],
      })
      .expect(201);
    expect(res.headers.location).toBe(`http://localhost:3000/scim/v2/Groups/${res.body.id}`);
    expect(res.body).toMatchObject({
      schemas: [CORE_GROUP],
      displayName: 'Engineering Leads',
      externalId: 'g-1',
      meta: { resourceType: 'Group' },
    });
    expect(res.body.members.map((m: { value: string }) => m.value).sort()).toEqual([a.id, b.id].sort());
    expect(await roles(a.id)).toEqual(['manager']);
    const user = await idp.get(`/Users/${a.id}`).expect(200);
    expect(user.body.groups).toEqual([
      { value: res.body.id, display: 'Engineering Leads', $ref: expect.stringContaining(res.body.id) },
    ]);
    const events = await as(t, hr.token)
      .get(`/api/v1/audit-events?objectId=${a.id}&action=user.roles_from_groups`)
      .expect(200);
    expect(events.body.items[0]).toMatchObject({ actorId: tokenId, actorName: 'SCIM: Entra' });
  });

  it('display names are unique without regard to case: 409 uniqueness; a missing one is 400', async () => {
    const name = groupName();
    await idp.post('/Groups', { displayName: name }).expect(201);
    const res = await idp.post('/Groups', { displayName: name.toUpperCase() }).expect(409);
    expect(res.body).toMatchObject({ schemas: [ERROR], scimType: 'uniqueness' });
    await idp.post('/Groups', { members: [] }).expect(400);
    await idp.post('/Groups', { displayName: groupName(), members: [{ value: 'not-an-id' }] }).expect(400);
    await idp
      .post('/Groups', { displayName: groupName(), members: [{ value: '00000000-0000-4000-8000-000000000000' }] })
      .expect(400);
  });

  it('PATCH adds and removes members (value filter, value list, op names in any case); roles follow at once', async () => {
    const a = await person();
    const b = await person();
    const group = (await idp.post('/Groups', { displayName: 'Graduates' }).expect(201)).body;
    await idp
      .patch(`/Groups/${group.id}`, patchOp({ op: 'Add', path: 'members', value: [{ value: a.id }, { value: b.id }] }))
      .expect(200);
    expect(await roles(a.id)).toEqual(['mentee']);
    await idp.patch(`/Groups/${group.id}`, patchOp({ op: 'remove', path: `members[value eq "${a.id}"]` })).expect(200);
    expect(await roles(a.id)).toEqual([]);
    expect(await roles(b.id)).toEqual(['mentee']);
    // Entra ID: remove by a value list without a filter.
    const res = await idp
      .patch(`/Groups/${group.id}`, patchOp({ op: 'Remove', path: 'members', value: [{ value: b.id }] }))
      .expect(200);
    expect(res.body.members).toEqual([]);
    expect(await roles(b.id)).toEqual([]);
  });

  it('PATCH without a path renames (Okta), and the renamed group falls under another mapping', async () => {
    const a = await person();
    const group = (await idp.post('/Groups', { displayName: groupName(), members: [{ value: a.id }] }).expect(201))
      .body;
    expect(await roles(a.id)).toEqual([]);
    const res = await idp
      .patch(
        `/Groups/${group.id}`,
        patchOp({ op: 'replace', value: { id: group.id, displayName: 'engineering leads 2' } }),
      )
      .expect(200);
    expect(res.body.displayName).toBe('engineering leads 2');
    await as(t, hr.token)
      .put('/api/v1/scim/group-roles', {
        'Engineering Leads': 'manager',
        Graduates: 'mentee',
        'ENGINEERING LEADS 2': 'hr_admin',
      })
      .expect(200);
    expect(await roles(a.id)).toEqual(['hr_admin']);
    await as(t, hr.token)
      .put('/api/v1/scim/group-roles', { 'Engineering Leads': 'manager', Graduates: 'mentee' })
      .expect(200);
    expect(await roles(a.id)).toEqual([]);
  });

  it('a role the map never gives stays as HR set it', async () => {
    const manual = await f.user(orgId, ['hr_admin'], { email: `keep.${Date.now()}@corp.example` });
    const adopted = await idp
      .post('/Users', newUser({ userName: manual.email, emails: [{ value: manual.email }] }))
      .expect(201);
    const group = (await idp.post('/Groups', { displayName: 'Engineering Leads 3' }).expect(201)).body;
    await as(t, hr.token)
      .put('/api/v1/scim/group-roles', {
        'Engineering Leads': 'manager',
        Graduates: 'mentee',
        'Engineering Leads 3': 'manager',
      })
      .expect(200);
    await idp
      .patch(`/Groups/${group.id}`, patchOp({ op: 'add', path: 'members', value: { value: adopted.body.id } }))
      .expect(200);
    expect(await roles(manual.id)).toEqual(['hr_admin', 'manager']);
    await idp.patch(`/Groups/${group.id}`, patchOp({ op: 'remove', path: 'members' })).expect(200);
    expect(await roles(manual.id)).toEqual(['hr_admin']);
  });

  it('PUT replaces name and members; DELETE removes the group and the roles it gave', async () => {
    const a = await person();
    const b = await person();
    const group = (await idp.post('/Groups', { displayName: groupName(), members: [{ value: a.id }] }).expect(201))
      .body;
    const put = await idp
      .put(`/Groups/${group.id}`, { schemas: [CORE_GROUP], displayName: 'Graduates 2', members: [{ value: b.id }] })
      .expect(200);
    expect(put.body.members.map((m: { value: string }) => m.value)).toEqual([b.id]);
    await as(t, hr.token)
      .put('/api/v1/scim/group-roles', { 'Engineering Leads': 'manager', Graduates: 'mentee', 'Graduates 2': 'mentee' })
      .expect(200);
    expect(await roles(b.id)).toEqual(['mentee']);
    await idp.delete(`/Groups/${group.id}`).expect(204);
    await idp.get(`/Groups/${group.id}`).expect(404);
    expect(await roles(b.id)).toEqual([]);
    const events = await as(t, hr.token).get(`/api/v1/audit-events?objectId=${group.id}`).expect(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
      'scim_group.delete',
      'scim_group.update',
      'scim_group.create',
    ]);
  });

  it('lists with filters, paging and excludedAttributes=members', async () => {
    const tag = `Team ${Date.now().toString(36)}`;
    for (let i = 0; i < 3; i++) await idp.post('/Groups', { displayName: `${tag} ${i}` }).expect(201);
    const exact = await idp
      .get(`/Groups?filter=${encodeURIComponent(`displayName eq "${tag.toLowerCase()} 1"`)}`)
      .expect(200);
    expect(exact.body.totalResults).toBe(1);
    const some = await idp
      .get(
        `/Groups?filter=${encodeURIComponent(`displayName sw "${tag}"`)}&startIndex=2&count=1&excludedAttributes=members`,
      )
      .expect(200);
    expect(some.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(some.body.Resources[0].members).toBeUndefined();
    expect(some.body.Resources[0].displayName).toBe(`${tag} 1`);
    await idp.get('/Groups?filter=displayName%20eq').expect(400);
  });

  it('a deleted person leaves group listings but their membership comes back with them', async () => {
    const a = await person();
    const group = (await idp.post('/Groups', { displayName: groupName(), members: [{ value: a.id }] }).expect(201))
      .body;
    await idp.delete(`/Users/${a.id}`).expect(204);
    expect((await idp.get(`/Groups/${group.id}`).expect(200)).body.members).toEqual([]);
    await idp.post('/Users', newUser({ userName: a.userName })).expect(201);
    expect(
      (await idp.get(`/Groups/${group.id}`).expect(200)).body.members.map((m: { value: string }) => m.value),
    ).toEqual([a.id]);
  });
});
