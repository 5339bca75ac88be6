import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { tableChecksum } from '../support/checksum';
import { type Factory, PASSWORD, type World } from '../support/factories';
import { as } from '../support/http';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

/** Issue 12, items 12–15: each test replays what the hostile tester did. */
describe('smaller holes', () => {
  let t: TestApp;
  let f: Factory;
  let w: World;
  withWorld((s) => ({ t, f, w } = s));

  it('12. neutralises the CSV header too: a competency named =HYPERLINK(…) is text', async () => {
    await as(t, w.hr.token)
      .post('/api/v1/framework/competencies', { key: 'formula_bait', name: '=HYPERLINK("http://evil.example","x")' })
      .expect(201);
    const res = await as(t, w.hr.token).get('/api/v1/reports/readiness.csv').expect(200);
    const header = Object.keys(parse<Record<string, string>>(res.text, { columns: true })[0] ?? {});
    expect(header).toContain('\'=HYPERLINK("http://evil.example","x") (mean)');
    expect(header.every((cell) => !/^[=+\-@\t\r]/.test(cell))).toBe(true);
  });

  it('13. stores a client request id only as a well-formed prefix of an id unique to the request', async () => {
    const write = (id: string) =>
      as(t, w.manager.token)
        .patch(`/api/v1/mentees/${w.target.id}`, { department: `Dept ${id.length}-${Math.random()}` })
        .set('x-request-id', id)
        .expect(200);
    const first = await write('replayed-id');
    const second = await write('replayed-id');
    const forged = await write('x"); DROP TABLE users; --');
    const ids = [first, second, forged].map((r) => r.headers['x-request-id']);
    const { rows } = await t.db.pool.query<{ request_id: string }>(
      `SELECT request_id FROM audit_events WHERE request_id = ANY($1::varchar[]) ORDER BY occurred_at`,
      [ids],
    );
    expect(rows.map((r) => r.request_id)).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toMatch(/^replayed-id\./);
    expect(ids[2]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('14. answers with Cache-Control: no-store where tokens or personal data travel', async () => {
    const login = await request(t.server)
      .post('/api/v1/auth/login')
      .send({ email: w.hr.email, password: PASSWORD })
      .expect(200);
    const answers = [
      login,
      await request(t.server).post('/api/v1/auth/login').send({ email: w.hr.email, password: 'wrong password!' }),
      await as(t, w.hr.token).get('/api/v1/me'),
      await as(t, w.hr.token).get(`/api/v1/mentees/${w.target.id}`),
      await as(t, w.hr.token).get('/api/v1/reports/readiness.csv'),
      await as(t, w.hr.token).get(`/api/v1/mentees/${w.target.id}/report.pdf`),
      await as(t, w.hr.token).get('/api/v1/users/00000000-0000-4000-8000-000000000000'),
    ];
    expect(answers.map((r) => r.headers['cache-control'])).toEqual(answers.map(() => 'no-store'));
  });

  it('15. compares e-mail addresses after NFKC and case folding: a full-width look-alike is the same address', async () => {
    const email = `Ｆｕｌｌ${Date.now()}＠Example.TEST`;
    const plain = email.normalize('NFKC').toLowerCase();
    const created = await as(t, w.hr.token)
      .post('/api/v1/users', { email, name: 'Full Width', roles: ['mentee'], password: 'another long passphrase' })
      .expect(201);
    expect(created.body.email).toBe(plain);
    const before = await tableChecksum(t.db.pool);
    await as(t, w.hr.token)
      .post('/api/v1/users', {
        email: plain.toUpperCase(),
        name: 'Twin',
        roles: ['mentee'],
        password: 'another long passphrase',
      })
      .expect(409);
    expect(await tableChecksum(t.db.pool)).toBe(before);
    await request(t.server)
      .post('/api/v1/auth/login')
      .send({ email: plain.replace('@', '＠'), password: 'another long passphrase' })
      .expect(200);
  });

  it('15. refuses to verify a milestone of a retired template, as recording one is refused', async () => {
    const template = await f.milestone(w.target, 'completed');
    await as(t, w.hr.token).patch(`/api/v1/framework/milestones/${template}`, { retired: true }).expect(200);
    const path = `/api/v1/mentees/${w.target.id}/milestones/${template}`;
    const before = await tableChecksum(t.db.pool);
    const record = await as(t, w.manager.token).put(path, { status: 'completed' });
    const verify = await as(t, w.manager.token).post(`${path}/verify`);
    expect([record.status, verify.status]).toEqual([404, 404]);
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });
});
