import { applyPatch, readPatch, ScimError } from '@leadpath/scim';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const user = () => ({
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  active: true,
  emails: [
    { value: 'ada@work.example', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
});
const group = () => ({ displayName: 'Leads', members: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });

const patch = (resource: Record<string, unknown>, ...ops: object[]) =>
  applyPatch(resource, readPatch({ schemas: [PATCH], Operations: ops }));

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('SCIM PATCH', () => {
  it('replaces a simple attribute by path, with the op name in any case', () => {
    expect(patch(user(), { op: 'Replace', path: 'active', value: false }).active).toBe(false);
    expect(patch(user(), { OP: 'REPLACE', PATH: 'userName', VALUE: 'x@example.com' }).userName).toBe('x@example.com');
  });

  it('replaces without a path: the value is an object of attributes (Entra ID, Okta)', () => {
    const out = patch(user(), {
      op: 'replace',
      value: { active: 'False', displayName: 'Ada L.', 'name.givenName': 'Augusta' },
    });
    expect(out).toMatchObject({
      active: 'False',
      displayName: 'Ada L.',
      name: { givenName: 'Augusta', familyName: 'Lovelace' },
    });
  });

  it('sets a sub-attribute, and an enterprise attribute through its URN path', () => {
    const out = patch(
      user(),
      { op: 'add', path: 'name.familyName', value: 'King' },
      { op: 'replace', path: `${ENTERPRISE}:department`, value: 'Research' },
      { op: 'replace', path: `${ENTERPRISE}:manager`, value: 'boss-id' },
    );
    expect(out).toMatchObject({
      name: { givenName: 'Ada', familyName: 'King' },
      [ENTERPRISE]: { department: 'Research', manager: 'boss-id' },
    });
  });

  it('takes an enterprise extension object without a path', () => {
    const out = patch(user(), { op: 'add', value: { [ENTERPRISE]: { department: 'Ops', manager: { value: 'm' } } } });
    expect(out[ENTERPRISE]).toEqual({ department: 'Ops', manager: { value: 'm' } });
  });

  it('replaces the value of a filtered element: emails[type eq "work"].value', () => {
    const out = patch(user(), { op: 'replace', path: 'emails[type eq "work"].value', value: 'new@work.example' });
    expect(out.emails).toEqual([
      { value: 'new@work.example', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home' },
    ]);
  });

  it('adds an element through a filter that matches nothing yet (Entra ID)', () => {
    const out = patch(
      { userName: 'x', emails: [] },
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'w@x.example' },
    );
    expect(out.emails).toEqual([{ type: 'work', value: 'w@x.example' }]);
  });

  it('removes filtered elements, and a sub-attribute of them', () => {
    expect(patch(user(), { op: 'remove', path: 'emails[type eq "home"]' }).emails).toHaveLength(1);
    const out = patch(user(), { op: 'remove', path: 'emails[type eq "work"].primary' });
    expect((out.emails as object[])[0]).toEqual({ value: 'ada@work.example', type: 'work' });
  });

  it('adds members without duplicates, removes one by value filter, and removes by value list', () => {
    expect(patch(group(), { op: 'add', path: 'members', value: [{ value: 'c' }, { value: 'd' }] }).members).toEqual([
      { value: 'a' },
      { value: 'b' },
      { value: 'c' },
      { value: 'd' },
    ]);
    expect(patch(group(), { op: 'remove', path: 'members[value eq "b"]' }).members).toEqual([
      { value: 'a' },
      { value: 'c' },
    ]);
    expect(patch(group(), { op: 'Remove', path: 'members', value: [{ value: 'a' }, { value: 'c' }] }).members).toEqual([
      { value: 'b' },
    ]);
    expect(patch(group(), { op: 'remove', path: 'members' }).members).toBeUndefined();
    expect(patch(group(), { op: 'replace', path: 'members', value: [{ value: 'z' }] }).members).toEqual([
      { value: 'z' },
    ]);
  });

  it('matches attribute names without regard to case', () => {
    const out = patch(user(), { op: 'replace', path: 'EMAILS[TYPE eq "work"].VALUE', value: 'c@x.example' });
    expect((out.emails as { value: string }[])[0].value).toBe('c@x.example');
    expect(patch(user(), { op: 'replace', path: 'NAME.GIVENNAME', value: 'A' }).name).toEqual({
      givenName: 'A',
      familyName: 'Lovelace',
    });
  });

  it('leaves the original resource untouched', () => {
    const original = user();
    patch(original, { op: 'replace', path: 'active', value: false });
    expect(original.active).toBe(true);
  });

  it.each([
    [{}, 'invalidSyntax'],
    [{ schemas: ['urn:wrong'], Operations: [{ op: 'add', path: 'title', value: 'x' }] }, 'invalidSyntax'],
    [{ schemas: [PATCH], Operations: [] }, 'invalidSyntax'],
    [{ schemas: [PATCH], Operations: [{ op: 'move', path: 'title', value: 'x' }] }, 'invalidSyntax'],
    [{ schemas: [PATCH], Operations: [{ op: 'add', path: 'title' }] }, 'invalidValue'],
    [{ schemas: [PATCH], Operations: [{ op: 'remove' }] }, 'noTarget'],
    [{ schemas: [PATCH], Operations: ['nope'] }, 'invalidSyntax'],
  ])('refuses a malformed request %j', (body, scimType) => {
    expect(scimError(() => readPatch(body))).toMatchObject({ status: 400, scimType });
  });

  it('refuses an unparseable path and a value-less add without path', () => {
    expect(scimError(() => patch(user(), { op: 'add', path: 'emails[type eq', value: 'x' }))).toMatchObject({
      scimType: 'invalidPath',
    });
    expect(scimError(() => patch(user(), { op: 'add', path: '%%', value: 'x' }))).toMatchObject({
      scimType: 'invalidPath',
    });
    expect(scimError(() => patch(user(), { op: 'replace', value: 'not an object' }))).toMatchObject({
      scimType: 'invalidValue',
    });
  });
});
