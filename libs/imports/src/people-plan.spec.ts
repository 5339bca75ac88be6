import { parsePeopleCsv } from './people-csv';
import { planPeople, type ExistingPerson, type OrganizationPeople } from './people-plan';

function organization(...people: ExistingPerson[]): OrganizationPeople {
  return { byEmail: new Map(people.map((p) => [p.email, p])), byId: new Map(people.map((p) => [p.id, p])) };
}

const hr: ExistingPerson = {
  id: 'u-hr',
  email: 'hr@example.test',
  name: 'HR',
  roles: ['hr_admin'],
  active: true,
  mentee: null,
};
const boss: ExistingPerson = {
  id: 'u-boss',
  email: 'boss@example.test',
  name: 'Boss',
  roles: ['manager'],
  active: true,
  mentee: null,
};

const plan = (csv: string, ...people: ExistingPerson[]) =>
  planPeople(parsePeopleCsv(csv).rows, organization(hr, boss, ...people), hr.email);

describe('parsePeopleCsv', () => {
  it('strips a byte-order mark, reads `;` from the header and matches header names in any case', () => {
    const { columns, rows } = parsePeopleCsv('\uFEFF Email ;NAME;Roles\nada@example.test;Ada;"manager;mentee"\n');
    expect(columns).toEqual(['email', 'name', 'roles']);
    expect(rows).toEqual([{ row: 2, values: { email: 'ada@example.test', name: 'Ada', roles: 'manager;mentee' } }]);
  });

  it('refuses an unknown column, a repeated one, a missing email column and an unclosed quote, naming csv', () => {
    for (const csv of [
      'email,name,boss\n',
      'email,name,email\n',
      'name\nAda\n',
      'email,name\n"ada@example.test,Ada\n',
      '',
    ]) {
      expect(() => parsePeopleCsv(csv)).toThrow(
        expect.objectContaining({ fields: [expect.objectContaining({ field: 'csv' })] }),
      );
    }
  });
});

describe('planPeople', () => {
  it('creates, updates and leaves unchanged, comparing with the organization', () => {
    const p = plan(
      'email,name,roles\nnew@example.test,New,manager\nboss@example.test,Boss,manager\nHR@example.test,Renamed,hr_admin\n',
    );
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.email, r.action])).toEqual([
      ['new@example.test', 'create'],
      ['boss@example.test', 'unchanged'],
      ['hr@example.test', 'update'],
    ]);
  });

  it('resolves a manager defined on a later row, and refuses a loop of line managers', () => {
    const ok = plan(
      'email,name,roles,manager_email\na@example.test,A,mentee,b@example.test\nb@example.test,B,manager,\n',
    );
    expect(ok.errors).toEqual([]);
    const loop = plan(
      'email,name,roles,manager_email\na@example.test,A,mentee|manager,b@example.test\nb@example.test,B,mentee|manager,a@example.test\n',
    );
    expect(loop.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'manager_email'],
      [3, 'manager_email'],
    ]);
    expect(loop.rows).toEqual([]);
  });

  it('names the row and column of each problem', () => {
    const p = plan(
      [
        'email,name,roles,manager_email,phase',
        'not-an-address,X,mentee,boss@example.test,',
        'a@example.test,A,chief,,',
        'b@example.test,B,mentee,nobody@example.test,',
        'c@example.test,C,mentee,boss@example.test,orbit',
        'a@example.test,A again,manager,,',
        'd@example.test,D,mentee,,',
        'e@example.test,E,manager,boss@example.test,',
        'hr@example.test,HR,manager,,',
      ].join('\n'),
    );
    expect(p.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'email'],
      [3, 'roles'],
      [4, 'manager_email'],
      [5, 'phase'],
      [6, 'email'],
      [7, 'manager_email'],
      [8, 'manager_email'],
      [9, 'roles'],
    ]);
  });

  it('keeps what a row leaves blank for an existing mentee', () => {
    const mentee: ExistingPerson = {
      id: 'u-m',
      email: 'm@example.test',
      name: 'M',
      roles: ['mentee'],
      active: true,
      mentee: { id: 'm-1', managerId: boss.id, mentorId: null, department: 'Ops', phase: 'lead_without_title' },
    };
    const p = plan('email,name\nm@example.test,M\n', mentee);
    expect(p.rows[0]).toMatchObject({
      action: 'unchanged',
      mentee: { managerEmail: boss.email, phase: 'lead_without_title' },
    });
    const moved = plan('email;name;phase\nm@example.test;M;First management role\n', mentee);
    expect(moved.rows[0]).toMatchObject({
      action: 'update',
      mentee: { action: 'update', phase: 'first_management_role' },
    });
  });
});
