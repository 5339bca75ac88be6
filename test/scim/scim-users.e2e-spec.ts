import request from 'supertest';
import { Factory, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { withTestApp } from '../support/suite';
import type { TestApp } from '../support/test-app';
import { CORE_USER, ENTERPRISE, ERROR, newUser, patchOp, scim } from './scim-helpers';

describe('SCIM Users', () => {
  let t: TestApp;
  let f: Factory;
  let hr: TestUser;
  let orgId: string;
  let token: string;
  let idp: ReturnType<typeof scim>;

  withTestApp((app) => (t = app));

  beforeAll(async () => {
    f = new Factory(t);
    orgId = (await f.organization()).id;
    hr = await f.user(orgId, ['hr_admin']);
    token = (await f.scimToken(orgId, 'Okta')).token;
    idp = scim(t, token);
  });

  const filter = (text: string, extra = '') => idp.get(`/Users?filter=${encodeURIComponent(text)}${extra}`);
  const account = async (id: string) =>
    (await t.db.pool.query('SELECT email, name, roles, active, token_version FROM users WHERE id = $1', [id])).rows[0];

  it('creates a person: 201, Location, application/scim+json, the resource as stored, an account without roles', async () => {
    const body = newUser({ externalId: 'okta-00u1', title: 'Engineer' });
    const res = await idp.post('/Users', body).expect(201);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.headers.location).toBe(`http://localhost:3000/scim/v2/Users/${res.body.id}`);
    expect(res.body).toMatchObject({
      schemas: [CORE_USER],
      id: expect.any(String),
      externalId: 'okta-00u1',
      userName: body.userName,
      title: 'Engineer',
      active: true,
      emails: body.emails,
      groups: [],
      meta: { resourceType: 'User', location: res.headers.location },
    });
    expect(await account(res.body.id)).toMatchObject({
      email: String(body.userName),
      roles: [],
      active: true,
      name:
        (body.name as { givenName: string; familyName: string }).givenName +
        ' ' +
        (body.name as { familyName: string }).familyName,
    });
    await idp.get(`/Users/${res.body.id}`).expect(200);
  });

  it('userName is unique per organization without regard to case: 409 uniqueness', async () => {
    const body = newUser();
    await idp.post('/Users', body).expect(201);
    const res = await idp.post('/Users', { ...body, userName: String(body.userName).toUpperCase() }).expect(409);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
  });

  it('refuses bad input in the SCIM error schema, never a 500', async () => {
    const missing = await idp.post('/Users', { schemas: [CORE_USER], emails: [] }).expect(400);
    expect(missing.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
    await idp.post('/Users', newUser({ userName: 'x'.repeat(301) })).expect(400);
    await idp.post('/Users', newUser({ active: 'maybe' })).expect(400);
    await idp.post('/Users', newUser({ emails: 'nope' })).expect(201);
    await idp.post('/Users', [1, 2]).expect(400);
    const syntax = await request(t.server)
      .post('/scim/v2/Users')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/scim+json')
      .send('{"userName": ')
      .expect(400);
    expect(syntax.body).toMatchObject({ schemas: [ERROR], status: '400' });
    await idp.post('/Users', newUser({ userName: 'nul\u0000byte' })).expect(400);
  });

  it('ignores attributes it does not know, and accepts application/json', async () => {
    const res = await request(t.server)
      .post('/scim/v2/Users')
      .set('authorization', `Bearer ${token}`)
      .send(newUser({ nickName: 'Ace', 'urn:example:custom:1.0:User': { badge: 7 }, phoneNumbers: [{ value: '1' }] }))
      .expect(201);
    expect(res.body.nickName).toBeUndefined();
    const read = await idp.get(`/Users/${res.body.id}`).expect(200);
    expect(JSON.stringify(read.body)).not.toMatch(/badge|nickName|phoneNumbers/);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const res = await idp.get('/Users/00000000-0000-4000-8000-000000000000').expect(404);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '404' });
    await idp.get('/Users/not-a-uuid').expect(404);
    await idp.put('/Users/not-a-uuid', newUser()).expect(404);
  });

  it('lists with filters, startIndex/count and totalResults', async () => {
    const tag = `tag${Date.now().toString(36)}`;
    const made = [];
    for (let i = 0; i < 5; i++) {
      const r = await idp
        .post(
          '/Users',
          newUser({
            userName: `${tag}.${i}@corp.example`,
            emails: [{ value: `${tag}.${i}@corp.example`, type: 'work' }],
            name: { givenName: i % 2 ? 'Odd' : 'Even', familyName: tag },
          }),
        )
        .expect(201);
      made.push(r.body);
    }
    const all = await filter(`userName sw "${tag}."`).expect(200);
    expect(all.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 5,
      startIndex: 1,
      itemsPerPage: 5,
    });
    const page = await filter(`userName sw "${tag}."`, '&startIndex=2&count=2').expect(200);
    expect(page.body).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { id: string }) => r.id)).toEqual([made[1].id, made[2].id]);
    const zero = await filter(`userName sw "${tag}."`, '&count=0').expect(200);
    expect(zero.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    const exact = await filter(`USERNAME eq "${tag.toUpperCase()}.3@CORP.EXAMPLE"`).expect(200);
    expect(exact.body.Resources.map((r: { id: string }) => r.id)).toEqual([made[3].id]);
    const odd = await filter(`name.familyName eq "${tag}" and name.givenName eq "odd"`).expect(200);
    expect(odd.body.totalResults).toBe(2);
    const notOdd = await filter(`name.familyName eq "${tag}" and not (name.givenName eq "Odd")`).expect(200);
    expect(notOdd.body.totalResults).toBe(3);
    const either = await filter(`userName eq "${tag}.0@corp.example" or userName eq "${tag}.4@corp.example"`).expect(
      200,
    );
    expect(either.body.totalResults).toBe(2);
    const work = await filter(`emails[type eq "work" and value co "${tag}.2"]`).expect(200);
    expect(work.body.totalResults).toBe(1);
    const byValue = await filter(`emails.value ew "${tag}.1@corp.example"`).expect(200);
    expect(byValue.body.totalResults).toBe(1);
    const since = await filter(`meta.lastModified gt "2000-01-01T00:00:00Z" and name.familyName eq "${tag}"`).expect(
      200,
    );
    expect(since.body.totalResults).toBe(5);
    const future = await filter(`meta.lastModified gt "2999-01-01T00:00:00Z"`).expect(200);
    expect(future.body.totalResults).toBe(0);
    const byExternal = await filter(`externalId eq "none-such"`).expect(200);
    expect(byExternal.body.totalResults).toBe(0);
    const byId = await filter(`id eq "${made[0].id}"`).expect(200);
    expect(byId.body.totalResults).toBe(1);
  });

  it('pages through everyone without a filter, as a provider’s import does', async () => {
    const first = await idp.get('/Users?startIndex=1&count=2').expect(200);
    const total = first.body.totalResults as number;
    expect(total).toBeGreaterThan(3);
    expect(first.body).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    const seen: string[] = [];
    for (let start = 1; start <= total; start += 2) {
      const page = await idp.get(`/Users?startIndex=${start}&count=2`).expect(200);
      expect(page.body.totalResults).toBe(total);
      seen.push(...page.body.Resources.map((r: { id: string }) => r.id));
    }
    expect(new Set(seen).size).toBe(total);
    const beyond = await idp.get(`/Users?startIndex=${total + 5}`).expect(200);
    expect(beyond.body).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });
    const capped = await idp.get('/Users?count=100000&startIndex=-3').expect(200);
    expect(capped.body).toMatchObject({ startIndex: 1, itemsPerPage: Math.min(total, 200) });
  });

  it('refuses a filter it cannot parse with 400 invalidFilter', async () => {
    const res = await filter('userName eq').expect(400);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
    await filter('userName zz "a"').expect(400);
    await idp.get('/Users?startIndex=abc').expect(400);
  });

  it('narrows answers to attributes, or drops excludedAttributes', async () => {
    const made = await idp.post('/Users', newUser({ [ENTERPRISE]: { department: 'Ops' } })).expect(201);
    const only = await idp.get(`/Users/${made.body.id}?attributes=userName,name.givenName`).expect(200);
    expect(Object.keys(only.body).sort()).toEqual(['id', 'name', 'schemas', 'userName']);
    expect(Object.keys(only.body.name)).toEqual(['givenName']);
    const without = await idp.get(`/Users/${made.body.id}?excludedAttributes=emails,groups,meta`).expect(200);
    expect(without.body.emails).toBeUndefined();
    expect(without.body.groups).toBeUndefined();
    expect(without.body.userName).toBe(made.body.userName);
    const ext = await idp.get(`/Users/${made.body.id}?attributes=${ENTERPRISE}:department`).expect(200);
    expect(ext.body[ENTERPRISE]).toEqual({ department: 'Ops' });
    const list = await filter(`id eq "${made.body.id}"`, '&attributes=userName').expect(200);
    expect(Object.keys(list.body.Resources[0]).sort()).toEqual(['id', 'schemas', 'userName']);
  });

  it('PUT replaces the whole person: what is left out is gone', async () => {
    const made = await idp.post('/Users', newUser({ title: 'Engineer', externalId: 'x1' })).expect(201);
    const res = await idp
      .put(`/Users/${made.body.id}`, { ...newUser({ userName: made.body.userName }), displayName: 'Renamed' })
      .expect(200);
    expect(res.body.title).toBeUndefined();
    expect(res.body.externalId).toBeUndefined();
    expect(res.body.displayName).toBe('Renamed');
    expect((await account(made.body.id)).name).toBe('Renamed');
    const other = await idp.post('/Users', newUser()).expect(201);
    await idp.put(`/Users/${other.body.id}`, newUser({ userName: made.body.userName })).expect(409);
  });

  it('addresses need not be unique or deliverable; mail goes to the primary or first work address when it is one', async () => {
    const shared = `shared.${Date.now()}@corp.example`;
    const a = await idp.post('/Users', newUser({ emails: [{ value: shared, type: 'work' }] })).expect(201);
    const b = await idp.post('/Users', newUser({ emails: [{ value: shared, type: 'work' }] })).expect(201);
    expect((await account(a.body.id)).email).toBe(shared);
    expect((await account(b.body.id)).email).toBe(`${b.body.id}@scim.invalid`);
    expect(b.body.emails).toEqual([{ value: shared, type: 'work' }]);
    const weird = await idp
      .post('/Users', newUser({ emails: [{ value: 'not an address', type: 'work' }] }))
      .expect(201);
    expect((await account(weird.body.id)).email).toBe(`${weird.body.id}@scim.invalid`);
    const home = `home.${Date.now()}@corp.example`;
    const work = `work.${Date.now()}@corp.example`;
    const pick = await idp
      .post(
        '/Users',
        newUser({
          emails: [
            { value: home, type: 'home' },
            { value: work, type: 'work' },
          ],
        }),
      )
      .expect(201);
    expect((await account(pick.body.id)).email).toBe(work);
  });

  it('takes over an account HR made by hand for the same address, keeping its id and roles', async () => {
    const manual = await f.user(orgId, ['manager'], { email: `manual.${Date.now()}@corp.example` });
    const res = await idp
      .post('/Users', newUser({ userName: manual.email, emails: [{ value: manual.email, primary: true }] }))
      .expect(201);
    expect(res.body.id).toBe(manual.id);
    expect((await account(manual.id)).roles).toEqual(['manager']);
  });

  it('active: false deactivates — sign-in tokens stop, the person leaves SCIM lists — and a POST brings them back', async () => {
    const person = await f.user(orgId, ['mentee'], { email: `leaver.${Date.now()}@corp.example` });
    const made = await idp
      .post('/Users', newUser({ userName: person.email, emails: [{ value: person.email, primary: true }] }))
      .expect(201);
    await as(t, person.token).get('/api/v1/me').expect(200);
    const off = await idp
      .patch(`/Users/${made.body.id}`, patchOp({ op: 'Replace', path: 'active', value: 'False' }))
      .expect(200);
    expect(off.body.active).toBe(false);
    expect((await account(made.body.id)).active).toBe(false);
    await as(t, person.token).get('/api/v1/me').expect(401);
    const list = await filter(`userName eq "${person.email}"`).expect(200);
    expect(list.body.totalResults).toBe(0);
    await idp.get(`/Users/${made.body.id}`).expect(200);
    const back = await idp.post('/Users', newUser({ userName: person.email.toUpperCase() })).expect(201);
    expect(back.body).toMatchObject({ id: made.body.id, active: true });
    const events = await as(t, hr.token).get(`/api/v1/audit-events?objectId=${made.body.id}`).expect(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['user.deactivate', 'user.reactivate']),
    );
  });

  it('DELETE deactivates and hides the person (404), keeps their history, and a POST brings the same person back', async () => {
    const manager = await f.user(orgId, ['manager']);
    const mentee = await f.mentee(orgId, { managerId: manager.id });
    const made = await idp
      .post('/Users', newUser({ userName: mentee.user.email, emails: [{ value: mentee.user.email }] }))
      .expect(201);
    expect(made.body.id).toBe(mentee.user.id);
    await idp.delete(`/Users/${made.body.id}`).expect(204);
    await idp.get(`/Users/${made.body.id}`).expect(404);
    await idp.delete(`/Users/${made.body.id}`).expect(404);
    await idp.patch(`/Users/${made.body.id}`, patchOp({ op: 'replace', path: 'active', value: true })).expect(404);
    expect((await account(made.body.id)).active).toBe(false);
    const { rows } = await t.db.pool.query('SELECT id FROM mentees WHERE id = $1', [mentee.id]);
    expect(rows).toHaveLength(1);
    const back = await idp.post('/Users', newUser({ userName: mentee.user.email })).expect(201);
    expect(back.body).toMatchObject({ id: mentee.user.id, active: true });
    expect((await account(mentee.user.id)).active).toBe(true);
  });

  it('the enterprise department and manager reach the mentee enrolment; a manager who arrives later is linked then', async () => {
    const oldManager = await f.user(orgId, ['manager']);
    const mentee = await f.mentee(orgId, { managerId: oldManager.id, department: 'Before' });
    const newManager = await f.user(orgId, ['manager'], { email: `boss.${Date.now()}@corp.example` });
    const made = await idp
      .post(
        '/Users',
        newUser({
          userName: mentee.user.email,
          emails: [{ value: mentee.user.email }],
          schemas: [CORE_USER, ENTERPRISE],
          [ENTERPRISE]: { department: 'Platform', manager: { value: 'boss-ext-1' } },
        }),
      )
      .expect(201);
    expect(made.body[ENTERPRISE]).toEqual({ department: 'Platform', manager: { value: 'boss-ext-1' } });
    let row = (await t.db.pool.query('SELECT department, manager_id FROM mentees WHERE id = $1', [mentee.id])).rows[0];
    expect(row).toEqual({ department: 'Platform', manager_id: oldManager.id });
    // The manager arrives: their externalId is the pending reference.
    const boss = await idp
      .post(
        '/Users',
        newUser({ userName: newManager.email, externalId: 'boss-ext-1', emails: [{ value: newManager.email }] }),
      )
      .expect(201);
    expect(boss.body.id).toBe(newManager.id);
    row = (await t.db.pool.query('SELECT department, manager_id FROM mentees WHERE id = $1', [mentee.id])).rows[0];
    expect(row).toEqual({ department: 'Platform', manager_id: newManager.id });
    const read = await idp.get(`/Users/${made.body.id}`).expect(200);
    expect(read.body[ENTERPRISE].manager).toEqual({
      value: newManager.id,
      $ref: `http://localhost:3000/scim/v2/Users/${newManager.id}`,
    });
    // By SCIM id, through a PATCH path as Entra ID sends it; then removed.
    const byId = await idp
      .patch(`/Users/${made.body.id}`, patchOp({ op: 'Replace', path: `${ENTERPRISE}:manager`, value: newManager.id }))
      .expect(200);
    expect(byId.body[ENTERPRISE].manager.value).toBe(newManager.id);
    const removed = await idp
      .patch(`/Users/${made.body.id}`, patchOp({ op: 'remove', path: `${ENTERPRISE}:manager` }))
      .expect(200);
    expect(removed.body[ENTERPRISE]).toEqual({ department: 'Platform' });
  });
});
