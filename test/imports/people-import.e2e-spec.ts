import request from 'supertest';
import { AuditService } from '@leadpath/audit';
import { JobsService } from '@leadpath/jobs';
import { MAIL_JOB } from '@leadpath/mail';
import { Clock } from '@leadpath/platform/time';
import { tableChecksum } from '../support/checksum';
import { Factory, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { linkIn, startSmtp, tokenOf, type TestSmtp } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

interface RowError {
  row: number;
  column: string | null;
  message: string;
}

describe('people imports', () => {
  let t: TestApp;
  let f: Factory;
  let smtp: TestSmtp;
  let jobs: JobsService;
  let n = 0;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://leadpath.test' });
    f = new Factory(t);
    jobs = t.app.get(JobsService);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** An organization of its own for each test, with its HR admin. */
  async function organization(): Promise<{ orgId: string; hr: TestUser; domain: string }> {
    const orgId = (await f.organization(`Import ${++n}`)).id;
    return { orgId, hr: await f.user(orgId, ['hr_admin']), domain: `org${n}.example.test` };
  }

  const upload = (hr: TestUser, csv: string) =>
    request(t.server)
      .post('/api/v1/imports/people')
      .set('authorization', `Bearer ${hr.token}`)
      .set('content-type', 'text/csv; charset=utf-8')
      .send(csv);

  const apply = (hr: TestUser, id: string, body: object = {}) =>
    as(t, hr.token).post(`/api/v1/imports/${id}/apply`, body);

  const people = async (orgId: string) =>
    (
      await t.db.pool.query<{
        email: string;
        name: string;
        roles: string[];
        manager: string | null;
        phase: string | null;
      }>(
        `SELECT u.email, u.name, u.roles, mu.email AS manager, m.phase
           FROM users u LEFT JOIN mentees m ON m.user_id = u.id LEFT JOIN users mu ON mu.id = m.manager_id
          WHERE u.organization_id = $1 ORDER BY u.email`,
        [orgId],
      )
    ).rows;

  it('previews a comma-separated file without writing anyone, and shows the planned rows', async () => {
    const { orgId, hr, domain } = await organization();
    const before = await people(orgId);
    const res = await upload(
      hr,
      `email,name,roles,department,manager_email,mentor_email,phase\n` +
        `lead@${domain},Lea Lead,manager,,,,\n` +
        `ann@${domain},Ann,mentee,Platform,lead@${domain},,lead_without_title\n`,
    ).expect(201);
    expect(res.body).toMatchObject({
      status: 'previewed',
      creates: 2,
      updates: 0,
      unchanged: 0,
      errors: [],
      plannedRows: 2,
    });
    expect(res.body.rows[1]).toEqual({
      row: 3,
      email: `ann@${domain}`,
      action: 'create',
      name: 'Ann',
      roles: ['mentee'],
      managerEmail: `lead@${domain}`,
      mentorEmail: null,
      department: 'Platform',
      phase: 'lead_without_title',
    });
    expect(await people(orgId)).toEqual(before);
    const again = await as(t, hr.token).get(`/api/v1/imports/${res.body.id}`).expect(200);
    expect(again.body).toEqual(res.body);
  });

  it('reads a UTF-8 byte-order mark, `;` between cells and header names in any case and spacing', async () => {
    const { orgId, hr, domain } = await organization();
    const res = await upload(
      hr,
      `\uFEFF EMAIL ; Name ;ROLES;Manager_Email\r\nboss@${domain};Bärbel Boss;"manager;hr_admin";\r\nzoe@${domain};Zoë;mentee;boss@${domain}\r\n`,
    ).expect(201);
    expect(res.body).toMatchObject({ creates: 2, errors: [] });
    expect(res.body.rows[0]).toMatchObject({
      email: `boss@${domain}`,
      name: 'Bärbel Boss',
      roles: ['hr_admin', 'manager'],
    });
    expect(res.body.rows[1]).toMatchObject({ name: 'Zoë', roles: ['mentee'], managerEmail: `boss@${domain}` });
    await apply(hr, res.body.id).expect(200);
    expect((await people(orgId)).map((p) => [p.email, p.manager])).toEqual([
      [`boss@${domain}`, null],
      [hr.email, null],
      [`zoe@${domain}`, `boss@${domain}`],
    ]);
  });

  it('names every problem by row and column, and such an import cannot be applied', async () => {
    const { orgId, hr, domain } = await organization();
    const res = await upload(
      hr,
      [
        'email,name,roles,manager_email,mentor_email,phase',
        `not-an-address,X,mentee,,,`,
        `a@${domain},A,chief,,,`,
        `b@${domain},B,mentee,nobody@${domain},,`,
        `c@${domain},C,manager,,,orbit`,
        `d@${domain},,mentee,a@${domain},,`,
        `e@${domain},E,mentee,,,`,
        `m@${domain},M,manager,,,`,
        `f@${domain},F,mentee,m@${domain},m@${domain},growing_scope`,
        `g@${domain},G,mentee,m@${domain},,phase 9`,
      ].join('\n'),
    ).expect(201);
    const at = (res.body.errors as RowError[]).map((e) => [e.row, e.column]);
    expect(at).toEqual([
      [2, 'email'],
      [3, 'roles'],
      [4, 'manager_email'],
      [5, 'phase'],
      [6, 'name'],
      [7, 'manager_email'],
      [9, 'mentor_email'],
      [10, 'phase'],
    ]);
    expect((res.body.errors as RowError[]).find((e) => e.row === 4)!.message).toMatch(/nobody in this organization/);
    expect(res.body).toMatchObject({ creates: 1 });
    const before = await tableChecksum(t.db.pool);
    await apply(hr, res.body.id).expect(409);
    expect(await tableChecksum(t.db.pool)).toBe(before);
    expect(await people(orgId)).toHaveLength(1);
  });

  it('refuses an address that appears twice, on the second row', async () => {
    const { hr, domain } = await organization();
    const res = await upload(
      hr,
      `email,name,roles\nx@${domain},X,manager\nX@${domain.toUpperCase()},X again,manager\n`,
    ).expect(201);
    expect(res.body.errors).toEqual([
      { row: 3, column: 'email', message: 'email appears more than once in the file (first on row 2)' },
    ]);
  });

  it('refuses a loop of line managers, through the organization too', async () => {
    const { orgId, hr, domain } = await organization();
    const top = await f.user(orgId, ['manager', 'mentee'], { email: `top@${domain}` });
    const mid = await f.user(orgId, ['manager', 'mentee'], { email: `mid@${domain}` });
    await f.mentee(orgId, { managerId: top.id, user: mid });
    const res = await upload(
      hr,
      `email,name,roles,manager_email\ntop@${domain},Top,manager mentee,mid@${domain}\nx@${domain},X,manager|mentee,y@${domain}\ny@${domain},Y,manager|mentee,x@${domain}\n`,
    ).expect(201);
    expect((res.body.errors as RowError[]).map((e) => [e.row, e.column])).toEqual([
      [2, 'manager_email'],
      [3, 'manager_email'],
      [4, 'manager_email'],
    ]);
    expect(res.body.errors[0].message).toContain(`top@${domain} → mid@${domain} → top@${domain}`);
  });

  it('applies in one go: a manager on a later row resolves, mentees get their phase history, all audited', async () => {
    const { orgId, hr, domain } = await organization();
    const csv =
      `email,name,roles,department,manager_email,mentor_email,phase\n` +
      `ann@${domain},Ann,mentee,Platform,lead@${domain},mentor@${domain},first_management_role\n` +
      `lead@${domain},Lea Lead,manager,,,,\n` +
      `mentor@${domain},Max Mentor,manager,,,,\n`;
    const preview = await upload(hr, csv).expect(201);
    expect(preview.body).toMatchObject({ creates: 3, errors: [] });
    const res = await apply(hr, preview.body.id).expect(200);
    expect(res.body).toMatchObject({ id: preview.body.id, status: 'applied', creates: 3, updates: 0, invited: 0 });
    expect(await people(orgId)).toEqual([
      {
        email: `ann@${domain}`,
        name: 'Ann',
        roles: ['mentee'],
        manager: `lead@${domain}`,
        phase: 'first_management_role',
      },
      expect.objectContaining({ email: hr.email }),
      { email: `lead@${domain}`, name: 'Lea Lead', roles: ['manager'], manager: null, phase: null },
      { email: `mentor@${domain}`, name: 'Max Mentor', roles: ['manager'], manager: null, phase: null },
    ]);
    const mentee = await as(t, hr.token).get('/api/v1/mentees').expect(200);
    expect(mentee.body.items).toHaveLength(1);
    const history = await as(t, hr.token).get(`/api/v1/mentees/${mentee.body.items[0].id}/phase-history`).expect(200);
    expect(history.body.items.map((h: { toPhase: string }) => h.toPhase)).toEqual(['first_management_role']);
    const audit = await t.db.pool.query<{ action: string; n: string }>(
      `SELECT action, count(*) AS n FROM audit_events WHERE organization_id = $1 GROUP BY action ORDER BY action`,
      [orgId],
    );
    expect(Object.fromEntries(audit.rows.map((r) => [r.action, Number(r.n)]))).toEqual({
      'import.apply': 1,
      'import.preview': 1,
      'mentee.create': 1,
      'user.create': 3,
    });
    const read = await as(t, hr.token).get(`/api/v1/imports/${preview.body.id}`).expect(200);
    expect(read.body).toMatchObject({ status: 'applied', appliedAt: res.body.appliedAt });
  });

  it('is idempotent by address: the same file again changes nothing; a second apply of one import is 409', async () => {
    const { orgId, hr, domain } = await organization();
    const csv = `email,name,roles,manager_email\nlead@${domain},Lead,manager,\nann@${domain},Ann,mentee,lead@${domain}\n`;
    const first = await upload(hr, csv).expect(201);
    await apply(hr, first.body.id).expect(200);
    await apply(hr, first.body.id).expect(409);
    const after = await people(orgId);
    // The same people, the addresses in another case and the cells in another order.
    const second = await upload(
      hr,
      `Manager_Email;Email;Name;Roles\n;LEAD@${domain.toUpperCase()};Lead;manager\nlead@${domain};Ann@${domain};Ann;mentee\n`,
    ).expect(201);
    expect(second.body).toMatchObject({ creates: 0, updates: 0, unchanged: 2, errors: [] });
    await apply(hr, second.body.id).expect(200);
    expect(await people(orgId)).toEqual(after);
  });

  it('updates existing people: a new name, another role, a moved phase and manager', async () => {
    const { orgId, hr, domain } = await organization();
    const manager = await f.user(orgId, ['manager'], { email: `old-boss@${domain}` });
    await f.user(orgId, ['manager'], { email: `new-boss@${domain}` });
    const mentee = await f.mentee(orgId, { managerId: manager.id, phase: 'build_credibility' });
    const res = await upload(
      hr,
      `email,name,roles,manager_email,phase\n${mentee.user.email},Renamed,mentee manager,new-boss@${domain},lead_without_title\nold-boss@${domain},,,,\n`,
    ).expect(201);
    expect(res.body).toMatchObject({ creates: 0, updates: 1, unchanged: 1, errors: [] });
    await apply(hr, res.body.id).expect(200);
    const got = await as(t, hr.token).get(`/api/v1/mentees/${mentee.id}`).expect(200);
    expect(got.body).toMatchObject({ name: 'Renamed', phase: 'lead_without_title' });
    const user = await as(t, hr.token).get(`/api/v1/users/${mentee.userId}`).expect(200);
    expect(user.body.roles).toEqual(['manager', 'mentee']);
    // Roles changed: the person's old tokens stop working, as when HR edits them one by one.
    await as(t, mentee.user.token).get('/api/v1/me').expect(401);
  });

  it('refuses with 409 and changes nothing when the organization changed since the preview', async () => {
    const { orgId, hr, domain } = await organization();
    const boss = await f.user(orgId, ['manager'], { email: `boss@${domain}` });
    const res = await upload(
      hr,
      `email,name,roles,manager_email\na@${domain},A,mentee,boss@${domain}\nb@${domain},B,manager,\n`,
    ).expect(201);
    expect(res.body.errors).toEqual([]);
    await as(t, hr.token).patch(`/api/v1/users/${boss.id}`, { active: false }).expect(200);
    const before = await tableChecksum(t.db.pool);
    const refused = await apply(hr, res.body.id).expect(409);
    expect(refused.body.message).toMatch(/changed since the preview/);
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });

  it('of two imports adding the same person at the same time, one applies and the other answers 409', async () => {
    const { orgId, hr, domain } = await organization();
    const csv = `email,name,roles\nsame@${domain},Same,manager\nother@${domain},Other,manager\n`;
    const [a, b] = [(await upload(hr, csv).expect(201)).body.id, (await upload(hr, csv).expect(201)).body.id];
    const statuses = (await Promise.all([apply(hr, a), apply(hr, b)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect(await people(orgId)).toHaveLength(3);
  });

  it('rolls back every row when a fault strikes after the rows are written', async () => {
    const { orgId, hr, domain } = await organization();
    const res = await upload(
      hr,
      `email,name,roles,manager_email\nfirst@${domain},First,manager,\nsecond@${domain},Second,mentee,first@${domain}\n`,
    ).expect(201);
    const before = await tableChecksum(t.db.pool);
    // The audit events are written last: failing them leaves every user and mentee already inserted.
    jest.spyOn(t.app.get(AuditService), 'record').mockRejectedValueOnce(new Error('injected fault during apply'));
    await apply(hr, res.body.id).expect(500);
    expect(await tableChecksum(t.db.pool)).toBe(before);
    expect((await people(orgId)).map((p) => p.email)).toEqual([hr.email]);
    const read = await as(t, hr.token).get(`/api/v1/imports/${res.body.id}`).expect(200);
    expect(read.body.status).toBe('previewed');
    await apply(hr, res.body.id).expect(200);
    expect(await people(orgId)).toHaveLength(3);
  });

  it('mails each new person an invitation when asked, through the usual invitation link', async () => {
    const { hr, domain } = await organization();
    const res = await upload(
      hr,
      `email,name,roles\nnew1@${domain},New One,manager\nnew2@${domain},New Two,manager\n`,
    ).expect(201);
    const applied = await apply(hr, res.body.id, { invite: true }).expect(200);
    expect(applied.body.invited).toBe(2);
    await jobs.runDue(MAIL_JOB);
    for (const address of [`new1@${domain}`, `new2@${domain}`]) {
      const [mail] = smtp.received.filter((m) => m.to[0] === address);
      expect(mail.parsed.subject).toMatch(/You are invited to Leadpath/);
      const token = tokenOf(linkIn(mail, 'accept-invitation'));
      await request(t.server)
        .post('/api/v1/auth/password-reset/confirm')
        .send({ token, password: 'a passphrase chosen on arrival' })
        .expect(204);
      await request(t.server)
        .post('/api/v1/auth/login')
        .send({ email: address, password: 'a passphrase chosen on arrival' })
        .expect(200);
    }
  });

  it('sends no mail without invite', async () => {
    const { hr, domain } = await organization();
    const res = await upload(hr, `email,name,roles\nquiet@${domain},Quiet,manager\n`).expect(201);
    expect((await apply(hr, res.body.id, { invite: false }).expect(200)).body.invited).toBe(0);
    await jobs.runDue(MAIL_JOB);
    expect(smtp.received.filter((m) => m.to[0] === `quiet@${domain}`)).toEqual([]);
  });

  it('takes the file as JSON { csv } as well', async () => {
    const { hr, domain } = await organization();
    const res = await as(t, hr.token)
      .post('/api/v1/imports/people', { csv: `email,name,roles\njson@${domain},Jason,manager\n` })
      .expect(201);
    expect(res.body).toMatchObject({ creates: 1, errors: [] });
  });

  it("answers 404 for another organization's import and for an unknown one", async () => {
    const a = await organization();
    const b = await organization();
    const res = await upload(a.hr, `email,name,roles\nx@${a.domain},X,manager\n`).expect(201);
    await as(t, b.hr.token).get(`/api/v1/imports/${res.body.id}`).expect(404);
    await apply(b.hr, res.body.id).expect(404);
    await as(t, a.hr.token).get('/api/v1/imports/00000000-0000-4000-8000-000000000000').expect(404);
    const bad = await as(t, a.hr.token).get('/api/v1/imports/not-an-id').expect(400);
    expect(bad.body.fields[0].field).toBe('id');
    await apply(a.hr, res.body.id).expect(200);
  });

  it('answers 400 naming the field for bad input, and writes nothing', async () => {
    const { hr } = await organization();
    const ok = await upload(hr, 'email,name\n').expect(201);
    const before = await tableChecksum(t.db.pool);
    const fields = (res: request.Response) => (res.body.fields as { field: string }[]).map((x) => x.field);
    expect(fields(await as(t, hr.token).post('/api/v1/imports/people', {}).expect(400))).toEqual(['csv']);
    expect(
      fields(await as(t, hr.token).post('/api/v1/imports/people', { csv: 'email,name\n', extra: 1 }).expect(400)),
    ).toEqual(['extra']);
    for (const csv of ['', 'email,name,salary\n', 'name,roles\nAda,manager\n', 'email,name\n"ada@x.test,Ada\n']) {
      expect(fields(await upload(hr, csv).expect(400))).toEqual(['csv']);
    }
    expect(fields(await apply(hr, ok.body.id, { invite: 'yes' }).expect(400))).toEqual(['invite']);
    // Other routes do not read CSV.
    await request(t.server)
      .post('/api/v1/users')
      .set('authorization', `Bearer ${hr.token}`)
      .set('content-type', 'text/csv')
      .send('email,name\n')
      .expect(415);
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });

  it('keeps HR from removing their own HR admin role or enrolling themselves', async () => {
    const { hr } = await organization();
    const res = await upload(hr, `email,name,roles\n${hr.email},Me,manager\n`).expect(201);
    expect(res.body.errors).toEqual([{ row: 2, column: 'roles', message: 'You cannot remove your own HR admin role' }]);
    const enrol = await upload(
      hr,
      `email,name,roles,manager_email\n${hr.email},Me,hr_admin mentee,x@example.test\n`,
    ).expect(201);
    expect((enrol.body.errors as RowError[]).map((e) => e.column)).toContain('roles');
  });

  it('refuses with 409 a preview older than a day', async () => {
    const { orgId, hr, domain } = await organization();
    const res = await upload(hr, `email,name,roles\nlate@${domain},Late,manager\n`).expect(201);
    const clock = t.app.get(Clock);
    clock.set(new Date(Date.parse(res.body.expiresAt) + 1000));
    try {
      const refused = await apply(hr, res.body.id).expect(409);
      expect(refused.body.message).toMatch(/expired/);
    } finally {
      clock.set(undefined);
    }
    expect(await people(orgId)).toHaveLength(1);
  });

  it('is for HR admins only', async () => {
    const { orgId, hr } = await organization();
    const manager = await f.user(orgId, ['manager']);
    const res = await upload(hr, 'email,name\n').expect(201);
    await upload(manager, 'email,name\n').expect(403);
    await as(t, manager.token).get(`/api/v1/imports/${res.body.id}`).expect(403);
    await apply(manager, res.body.id).expect(403);
  });
});
