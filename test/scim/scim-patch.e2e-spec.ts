import { Factory } from '../support/factories';
import { withTestApp } from '../support/suite';
import type { TestApp } from '../support/test-app';
import { CORE_USER, ENTERPRISE, ERROR, newUser, patchOp, scim } from './scim-helpers';

/** PATCH as Microsoft Entra ID and Okta send it (their documented requests), and as RFC 7644 §3.5.2 defines it. */
describe('SCIM PATCH of Users', () => {
  let t: TestApp;
  let idp: ReturnType<typeof scim>;

  withTestApp((app) => (t = app));

  beforeAll(async () => {
    const f = new Factory(t);
    const orgId = (await f.organization()).id;
    idp = scim(t, (await f.scimToken(orgId)).token);
  });

  const made = async (overrides: Record<string, unknown> = {}) =>
    (await idp.post('/Users', newUser(overrides)).expect(201)).body as Record<string, unknown> & { id: string };
  const name = async (id: string) =>
    (await t.db.pool.query('SELECT name, email FROM users WHERE id = $1', [id])).rows[0];

  it('Entra ID: Replace with string booleans and several operations in one request', async () => {
    const user = await made();
    const res = await idp
      .patch(
        `/Users/${user.id}`,
        patchOp(
          { op: 'Replace', path: 'displayName', value: 'Entra Name' },
          { op: 'Replace', path: 'active', value: 'False' },
          { op: 'Add', path: 'title', value: 'Lead' },
        ),
      )
      .expect(200);
    expect(res.body).toMatchObject({ displayName: 'Entra Name', active: false, title: 'Lead' });
    expect((await name(user.id)).name).toBe('Entra Name');
    const on = await idp
      .patch(`/Users/${user.id}`, patchOp({ op: 'Replace', path: 'active', value: 'True' }))
      .expect(200);
    expect(on.body.active).toBe(true);
  });

  it('Entra ID: emails[type eq "work"].value and name.givenName paths', async () => {
    const user = await made();
    const address = `changed.${Date.now()}@corp.example`;
    const res = await idp
      .patch(
        `/Users/${user.id}`,
        patchOp(
          { op: 'Replace', path: 'emails[type eq "work"].value', value: address },
          { op: 'Replace', path: 'name.givenName', value: 'Grace' },
        ),
      )
      .expect(200);
    expect(res.body.emails[0]).toMatchObject({ value: address, type: 'work' });
    expect(res.body.name.givenName).toBe('Grace');
    expect((await name(user.id)).email).toBe(address);
  });

  it('Entra ID: enterprise attributes through their URN paths, manager as a bare id', async () => {
    const boss = await made();
    const user = await made();
    const res = await idp
      .patch(
        `/Users/${user.id}`,
        patchOp(
          { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Finance' },
          { op: 'Add', path: `${ENTERPRISE}:manager`, value: boss.id },
        ),
      )
      .expect(200);
    expect(res.body.schemas).toEqual([CORE_USER, ENTERPRISE]);
    expect(res.body[ENTERPRISE]).toMatchObject({ department: 'Finance', manager: { value: boss.id } });
  });

  it('Okta: replace without a path, the value an object of attributes', async () => {
    const user = await made();
    const off = await idp.patch(`/Users/${user.id}`, patchOp({ op: 'replace', value: { active: false } })).expect(200);
    expect(off.body.active).toBe(false);
    const renamed = await idp
      .patch(
        `/Users/${user.id}`,
        patchOp({ op: 'replace', value: { active: true, name: { familyName: 'Hopper' }, 'name.givenName': 'Grace' } }),
      )
      .expect(200);
    expect(renamed.body).toMatchObject({ active: true, name: { givenName: 'Grace', familyName: 'Hopper' } });
  });

  it('Okta: an enterprise extension object without a path', async () => {
    const user = await made();
    const res = await idp
      .patch(`/Users/${user.id}`, patchOp({ op: 'add', value: { [ENTERPRISE]: { department: 'Sales' } } }))
      .expect(200);
    expect(res.body[ENTERPRISE]).toEqual({ department: 'Sales' });
  });

  it('remove: an attribute, a filtered element; attribute names in any case', async () => {
    const user = await made({
      title: 'Engineer',
      emails: [
        { value: 'w@corp.example', type: 'work', primary: true },
        { value: 'h@home.example', type: 'home' },
      ],
    });
    const res = await idp
      .patch(
        `/Users/${user.id}`,
        patchOp({ op: 'remove', path: 'TITLE' }, { op: 'remove', path: 'Emails[Type eq "home"]' }),
      )
      .expect(200);
    expect(res.body.title).toBeUndefined();
    expect(res.body.emails).toEqual([{ value: 'w@corp.example', type: 'work', primary: true }]);
  });

  it('a userName change keeps uniqueness: 409 when taken', async () => {
    const a = await made();
    const b = await made();
    const res = await idp
      .patch(`/Users/${b.id}`, patchOp({ op: 'replace', path: 'userName', value: a.userName }))
      .expect(409);
    expect(res.body).toMatchObject({ schemas: [ERROR], scimType: 'uniqueness' });
    await idp
      .patch(
        `/Users/${b.id}`,
        patchOp({ op: 'replace', path: 'userName', value: `renamed.${Date.now()}@corp.example` }),
      )
      .expect(200);
  });

  it('refuses malformed requests with 400 in the SCIM error schema', async () => {
    const user = await made();
    const cases: [object, string][] = [
      [{ Operations: [{ op: 'jump', path: 'title', value: 'x' }] }, 'invalidSyntax'],
      [{ schemas: ['urn:nope'], Operations: [{ op: 'add', path: 'title', value: 'x' }] }, 'invalidSyntax'],
      [patchOp({ op: 'add', path: 'emails[type eq', value: 'x' }), 'invalidPath'],
      [patchOp({ op: 'remove' }), 'noTarget'],
      [patchOp({ op: 'replace', path: 'userName', value: '' }), 'invalidValue'],
      [patchOp({ op: 'replace', path: 'active', value: 'perhaps' }), 'invalidValue'],
      [patchOp({ op: 'replace', value: 'flat' }), 'invalidValue'],
    ];
    for (const [body, scimType] of cases) {
      const res = await idp.patch(`/Users/${user.id}`, body).expect(400);
      expect(res.body).toMatchObject({ schemas: [ERROR], status: '400', scimType });
    }
    const unchanged = await idp.get(`/Users/${user.id}`).expect(200);
    expect(unchanged.body.userName).toBe(user.userName);
  });
});
