import request from 'supertest';
import { JobsService } from '@leadpath/jobs';
import { MAIL_JOB } from '@leadpath/mail';
import { tableChecksum } from '../support/checksum';
import { Factory, type TestUser } from '../support/factories';
import { as } from '../support/http';
import { linkIn, startSmtp, tokenOf, type TestSmtp } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 27, HR's daily work: editing a person, their invitation status, resending an invitation,
 * and finding anyone by name or address.
 */
describe('people administration', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let f: Factory;
  let hr: TestUser;
  let manager: TestUser;
  let orgId: string;
  let jobs: JobsService;
  let n = 0;

  const mailTo = (address: string) => smtp.received.filter((m) => m.to[0] === address);
  const auditOf = async (userId: string) =>
    (
      await t.db.pool.query<{ action: string; actor_id: string; changes: unknown }>(
        'SELECT action, actor_id, changes FROM audit_events WHERE object_id = $1 ORDER BY occurred_at, id',
        [userId],
      )
    ).rows;

  async function invite(name = `Invited ${++n}`): Promise<{ id: string; email: string }> {
    const email = `people-${++n}@example.test`;
    const res = await as(t, hr.token)
      .post('/api/v1/users', { email, name, roles: ['mentee'] })
      .expect(201);
    return { id: res.body.id as string, email };
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://leadpath.test' });
    f = new Factory(t);
    orgId = (await f.organization('People')).id;
    hr = await f.user(orgId, ['hr_admin']);
    manager = await f.user(orgId, ['manager']);
    jobs = t.app.get(JobsService);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('shows a person invited until they accept, then active; deactivated when HR deactivates them', async () => {
    const person = await invite();
    const invited = await as(t, hr.token).get(`/api/v1/users/${person.id}`).expect(200);
    expect(invited.body).toMatchObject({ status: 'invited', active: true });
    expect(typeof invited.body.invitedAt).toBe('string');

    await jobs.runDue(MAIL_JOB);
    const token = tokenOf(linkIn(mailTo(person.email)[0], 'accept-invitation'));
    await request(t.server)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: 'a chosen passphrase for this' })
      .expect(204);
    const accepted = await as(t, hr.token).get(`/api/v1/users/${person.id}`).expect(200);
    expect(accepted.body).toMatchObject({ status: 'active', invitedAt: null });

    await as(t, hr.token).patch(`/api/v1/users/${person.id}`, { active: false }).expect(200);
    const listed = await as(t, hr.token)
      .get(`/api/v1/users?q=${encodeURIComponent(person.email)}`)
      .expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: person.id, status: 'deactivated' })]);

    // A person HR gave a password is active from the start.
    const withPassword = await as(t, hr.token)
      .post('/api/v1/users', {
        email: `set-${++n}@example.test`,
        name: 'Set',
        roles: ['mentee'],
        password: 'a long passphrase here',
      })
      .expect(201);
    expect(withPassword.body).toMatchObject({ status: 'active', invitedAt: null });
  });

  it('resends an invitation whose new link works, audited; refuses an active or deactivated person with 409', async () => {
    const person = await invite();
    await jobs.runDue(MAIL_JOB);
    expect(mailTo(person.email)).toHaveLength(1);

    const res = await as(t, hr.token).post(`/api/v1/users/${person.id}/invitation`).expect(200);
    expect(res.body).toMatchObject({ id: person.id, status: 'invited' });
    await jobs.runDue(MAIL_JOB);
    const mails = mailTo(person.email);
    expect(mails).toHaveLength(2);
    expect((await auditOf(person.id)).map((e) => e.action)).toEqual(['user.invite', 'user.invite']);

    await request(t.server)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: tokenOf(linkIn(mails[1], 'accept-invitation')), password: 'a chosen passphrase for this' })
      .expect(204);
    const active = await as(t, hr.token).post(`/api/v1/users/${person.id}/invitation`).expect(409);
    expect(active.body.message).toMatch(/already chosen a password/);

    const other = await invite();
    await as(t, hr.token).patch(`/api/v1/users/${other.id}`, { active: false }).expect(200);
    const before = await tableChecksum(t.db.pool);
    await as(t, hr.token).post(`/api/v1/users/${other.id}/invitation`).expect(409);
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });

  it('sends one person at most three invitations an hour (429), and only HR may send them', async () => {
    const person = await invite();
    await as(t, hr.token).post(`/api/v1/users/${person.id}/invitation`).expect(200);
    await as(t, hr.token).post(`/api/v1/users/${person.id}/invitation`).expect(200);
    const before = await tableChecksum(t.db.pool);
    const throttled = await as(t, hr.token).post(`/api/v1/users/${person.id}/invitation`).expect(429);
    expect(throttled.headers['retry-after']).toBeDefined();
    expect(await tableChecksum(t.db.pool)).toBe(before);

    await as(t, manager.token).post(`/api/v1/users/${person.id}/invitation`).expect(403);
    await as(t, hr.token).post('/api/v1/users/00000000-0000-4000-8000-000000000000/invitation').expect(404);
    await as(t, hr.token).post('/api/v1/users/not-a-uuid/invitation').expect(400);
  });

  it('promotes a mentee to manager and corrects name and e-mail, audited before → after', async () => {
    const lead = await f.user(orgId, ['mentee'], { name: 'Rae Ready', email: `rae-${++n}@example.test` });
    const res = await as(t, hr.token)
      .patch(`/api/v1/users/${lead.id}`, {
        name: 'Rae Ready-Lead',
        email: `Rae.Lead-${n}@Example.test`,
        roles: ['mentee', 'manager'],
      })
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'Rae Ready-Lead',
      email: `rae.lead-${n}@example.test`,
      roles: ['mentee', 'manager'],
    });
    const [event] = (await auditOf(lead.id)).filter((e) => e.action === 'user.update');
    expect(event.actor_id).toBe(hr.id);
    expect(event.changes).toEqual({
      name: { from: 'Rae Ready', to: 'Rae Ready-Lead' },
      email: { from: `rae-${n}@example.test`, to: `rae.lead-${n}@example.test` },
      roles: { from: ['mentee'], to: ['mentee', 'manager'] },
    });

    const trail = await as(t, hr.token).get(`/api/v1/audit-events?objectId=${lead.id}`).expect(200);
    expect(trail.body.items[0]).toMatchObject({
      action: 'user.update',
      actionLabel: 'Person changed',
      objectName: 'Rae Ready-Lead',
      changes: expect.arrayContaining([{ field: 'roles', from: 'mentee', to: 'mentee, manager' }]),
    });
  });

  it('refuses an e-mail address another person of the organization holds with 409, changing nothing', async () => {
    const a = await f.user(orgId, ['mentee'], { email: `taken-${++n}@example.test` });
    const b = await f.user(orgId, ['mentee']);
    const before = await tableChecksum(t.db.pool);
    await as(t, hr.token)
      .patch(`/api/v1/users/${b.id}`, { email: `TAKEN-${n}@example.test`, name: 'New' })
      .expect(409);
    expect(await tableChecksum(t.db.pool)).toBe(before);
    // Another organization's address is not taken here.
    const elsewhere = (await f.organization()).id;
    const c = await f.user(elsewhere, ['mentee']);
    await as(t, hr.token).patch(`/api/v1/users/${b.id}`, { email: c.email }).expect(200);
    expect(a.id).not.toBe(b.id);
  });

  it('finds people by part of a name or address, case-insensitively, with wildcards matching themselves', async () => {
    const zelda = await f.user(orgId, ['manager'], { name: 'Zelda Quigley', email: `zq-${++n}@example.test` });
    const percent = await f.user(orgId, ['mentee'], { name: 'Zed 100% Sure', email: `zed-${n}@example.test` });
    const find = async (q: string, extra = '') =>
      (
        await as(t, hr.token)
          .get(`/api/v1/users?q=${encodeURIComponent(q)}${extra}`)
          .expect(200)
      ).body.items.map((u: { id: string }) => u.id);
    expect(await find('quig')).toEqual([zelda.id]);
    expect(await find('ZELDA q')).toEqual([zelda.id]);
    expect(await find(`ZQ-${n}@`)).toEqual([zelda.id]);
    expect(await find('100%')).toEqual([percent.id]);
    expect(await find('%')).toEqual([percent.id]);
    expect(await find('z_d')).toEqual([]);
    expect(await find('z', '&role=manager')).toEqual([zelda.id]);
    const long = await as(t, hr.token)
      .get(`/api/v1/users?q=${'x'.repeat(101)}`)
      .expect(400);
    expect(long.body.fields[0].field).toBe('q');
  });
});
