import { ScimError } from '@leadpath/scim';
import { matches, parseFilter } from '@leadpath/scim';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const ada = {
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'AdaExt',
  userName: 'Ada.Lovelace@Example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  displayName: 'Ada Lovelace',
  title: 'Engineer',
  active: true,
  emails: [
    { value: 'ada@work.example', type: 'work', primary: true },
    { value: 'ada@home.example', type: 'home' },
  ],
  [ENTERPRISE]: { department: 'Engineering', manager: { value: 'boss-1' } },
  meta: { created: '2026-01-10T10:00:00.000Z', lastModified: '2026-03-01T12:00:00.000Z' },
};
const bob = {
  id: '3819c223-7f76-453a-919d-413861904646',
  userName: 'bob@example.com',
  displayName: 'Bob',
  active: false,
  emails: [{ value: 'bob@example.com', type: 'home' }],
  meta: { created: '2026-02-10T10:00:00.000Z', lastModified: '2026-02-11T12:00:00.000Z' },
};

const hits = (filter: string) => [ada, bob].filter((r) => matches(r, parseFilter(filter))).map((r) => r.displayName);

describe('SCIM filters', () => {
  it.each([
    ['userName eq "ada.lovelace@example.com"', ['Ada Lovelace']],
    ['USERNAME Eq "ADA.LOVELACE@EXAMPLE.COM"', ['Ada Lovelace']],
    ['userName ne "bob@example.com"', ['Ada Lovelace']],
    ['userName co "lovelace"', ['Ada Lovelace']],
    ['userName sw "bob"', ['Bob']],
    ['userName ew "@example.com"', ['Ada Lovelace', 'Bob']],
    ['title pr', ['Ada Lovelace']],
    ['not (title pr)', ['Bob']],
    ['active eq true', ['Ada Lovelace']],
    ['active eq false', ['Bob']],
    ['emails[type eq "work"]', ['Ada Lovelace']],
    ['emails[type eq "work" and value co "@work."]', ['Ada Lovelace']],
    ['emails[type eq "home"] and not (emails[type eq "work"])', ['Bob']],
    ['emails.value eq "ada@home.example"', ['Ada Lovelace']],
    ['emails.type eq "home"', ['Ada Lovelace', 'Bob']],
    ['name.givenName eq "ada"', ['Ada Lovelace']],
    ['name.familyName pr', ['Ada Lovelace']],
    ['meta.lastModified gt "2026-02-20T00:00:00Z"', ['Ada Lovelace']],
    ['meta.lastModified lt "2026-02-20T00:00:00Z"', ['Bob']],
    ['meta.created ge "2026-02-10T10:00:00.000Z"', ['Bob']],
    ['meta.created le "2026-01-10T10:00:00Z"', ['Ada Lovelace']],
    ['userName gt "b"', ['Bob']],
    ['(userName sw "ada" or userName sw "bob") and active eq true', ['Ada Lovelace']],
    ['userName sw "ada" or (userName sw "bob" and active eq false)', ['Ada Lovelace', 'Bob']],
    [`${ENTERPRISE}:department eq "engineering"`, ['Ada Lovelace']],
    [`${ENTERPRISE}:manager.value eq "boss-1"`, ['Ada Lovelace']],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "bob"', ['Bob']],
    ['externalId eq "AdaExt"', ['Ada Lovelace']],
    ['externalId eq "adaext"', []],
    ['unknownAttribute eq "x"', []],
    ['unknownAttribute ne "x"', ['Ada Lovelace', 'Bob']],
  ])('%s', (filter, expected) => {
    expect(hits(filter)).toEqual(expected);
  });

  it.each(['userName eq', 'userName xx "a"', '(userName eq "a"', 'emails[type eq "work"', 'active gt true', ''])(
    'refuses %j as invalidFilter',
    (filter) => {
      let error: unknown;
      try {
        parseFilter(filter);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ScimError);
      expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    },
  );

  it('refuses a filter longer than the limit', () => {
    expect(() => parseFilter(`userName eq "${'a'.repeat(3000)}"`)).toThrow(ScimError);
  });
});
