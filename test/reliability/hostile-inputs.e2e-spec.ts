import { connect, type AddressInfo } from 'node:net';
import request from 'supertest';
import { tableChecksum } from '../support/checksum';
import { Factory, buildWorld, type World } from '../support/factories';
import { as } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const UUID = '00000000-0000-4000-8000-000000000001';
const forged = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const nested = (depth: number) => `{"email":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}`;

/**
 * Inputs that used to crash or stall the server (issue 12, items 5–8): each answers 400 (or 408)
 * naming what was wrong, never 500, and changes nothing.
 */
describe('hostile inputs', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    // A short request timeout so the trickle test needs seconds, not minutes.
    t = await startTestApp({ REQUEST_TIMEOUT_MS: '2000', HEADERS_TIMEOUT_MS: '1000' });
    w = await buildWorld(new Factory(t));
  });

  afterAll(async () => {
    await t.close();
  });

  const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field);

  it('5. refuses JSON nested thousands deep before validation walks it: 400 naming the body', async () => {
    const before = await tableChecksum(t.db.pool);
    for (const depth of [33, 2000, 100000]) {
      const res = await request(t.server)
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send(nested(depth));
      expect({ depth, status: res.status, fields: fieldsOf(res.body) }).toEqual({
        depth,
        status: 400,
        fields: ['body'],
      });
    }
    // Brackets inside strings are text, not nesting.
    const text = await request(t.server)
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: `${'['.repeat(5000)}@example.test`, password: 'a long enough password' }));
    expect(text.status).toBe(400);
    expect(fieldsOf(text.body)).toEqual(['email']);
    // Within the limit, validation answers for the field.
    const shallow = await as(t, w.hr.token).patch(`/api/v1/users/${w.sibling.userId}`, {
      name: JSON.parse('['.repeat(30) + ']'.repeat(30)) as unknown,
    });
    expect(shallow.status).toBe(400);
    expect(fieldsOf(shallow.body)).toContain('name');
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });

  it('6. refuses a NUL byte in any string with 400 naming the field', async () => {
    const before = await tableChecksum(t.db.pool);
    const login = await request(t.server)
      .post('/api/v1/auth/login')
      .send({ email: 'a\u0000@example.test', password: 'a long enough password' });
    expect({ status: login.status, fields: fieldsOf(login.body) }).toEqual({ status: 400, fields: ['email'] });

    const cases: [string, () => request.Test, string][] = [
      ['mentees filter', () => as(t, w.hr.token).get('/api/v1/mentees?department=%00'), 'department'],
      ['CSV filter', () => as(t, w.hr.token).get('/api/v1/reports/readiness.csv?department=a%00b'), 'department'],
      ['audit filter', () => as(t, w.hr.token).get('/api/v1/audit-events?action=%00'), 'action'],
      [
        'feedback text',
        () =>
          as(t, w.manager.token).post(`/api/v1/mentees/${w.target.id}/feedback`, {
            occurredOn: '2026-11-02',
            visibility: 'shared',
            ratings: [],
            strengths: 'fine\u0000',
          }),
        'strengths',
      ],
      [
        'a nested key',
        () =>
          as(t, w.target.user.token).post(`/api/v1/mentees/${w.target.id}/assessments`, {
            kind: 'self',
            answers: { 'mentors_others\u0000': 3 },
          }),
        'answers.mentors_others\u0000',
      ],
      ['a path parameter', () => as(t, w.hr.token).get('/api/v1/users/%00'), 'id'],
    ];
    for (const [name, send, field] of cases) {
      const res = await send();
      expect({ name, status: res.status, fields: fieldsOf(res.body) }).toEqual({ name, status: 400, fields: [field] });
    }
    expect(await tableChecksum(t.db.pool)).toBe(before);
  });

  it('7. refuses a forged cursor whose date PostgreSQL would not take: 400 naming the cursor', async () => {
    const lists = [
      { path: '/api/v1/users', token: w.hr.token },
      { path: '/api/v1/mentees', token: w.hr.token },
      { path: '/api/v1/audit-events', token: w.hr.token },
      { path: `/api/v1/mentees/${w.target.id}/feedback`, token: w.manager.token },
      { path: `/api/v1/mentees/${w.target.id}/goals`, token: w.manager.token },
    ];
    for (const at of ['2020', '2020-13', '0000-01-01T00:00:00Z', '2021-02-30T00:00:00.000Z', '99999-01-01T00:00:00Z']) {
      for (const { path, token } of lists) {
        const res = await as(t, token).get(`${path}?cursor=${forged(`${at}|${UUID}`)}`);
        expect({ path, at, status: res.status, fields: fieldsOf(res.body) }).toEqual({
          path,
          at,
          status: 400,
          fields: ['cursor'],
        });
      }
    }
  });

  it('8. cuts off a body trickled one byte at a time with 408 (REQUEST_TIMEOUT_MS)', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n',
    );
    // Bounded by count, not by a clock: 400 bytes at one per 250 ms would take 100 s; the server
    // must end the request long before the body is complete.
    let sent = 0;
    let open = true;
    void closed.then(() => (open = false));
    while (open && sent < 400) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (open) socket.write('{');
      sent++;
    }
    await closed;
    expect(sent).toBeLessThan(400);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
