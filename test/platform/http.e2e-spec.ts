import request from 'supertest';
import { withTestApp } from '../support/suite';
import type { TestApp } from '../support/test-app';

describe('HTTP platform', () => {
  let t: TestApp;
  withTestApp((app) => (t = app));

  it('answers liveness and readiness at the root and under /api/v1', async () => {
    for (const path of ['/health', '/api/v1/health']) {
      await request(t.server).get(path).expect(200, { status: 'ok' });
    }
    for (const path of ['/health/ready', '/api/v1/health/ready']) {
      const res = await request(t.server).get(path).expect(200);
      expect(res.body.details.database.status).toBe('up');
    }
  });

  it('serves the Swagger UI and the OpenAPI document', async () => {
    await request(t.server).get('/docs').expect(200).expect('content-type', /html/);
    const doc = await request(t.server).get('/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/health/ready');
  });

  it('sends security headers and a request id', async () => {
    const res = await request(t.server).get('/health').set('x-request-id', 'trace-42').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    // The client's id leads, ours follows, so two requests never share one (issue 12, item 13).
    expect(res.headers['x-request-id']).toMatch(/^trace-42\.[A-Za-z0-9_-]{12}$/);
    const again = await request(t.server).get('/health').set('x-request-id', 'trace-42').expect(200);
    expect(again.headers['x-request-id']).not.toBe(res.headers['x-request-id']);
    for (const bad of ['bad id<script>', 'x'.repeat(41), 'a\tb']) {
      const generated = await request(t.server).get('/health').set('x-request-id', bad).expect(200);
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const res = await request(t.server).get('/api/v1/no-such-thing').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'not_found' });
  });

  it('refuses malformed JSON with 400 and oversized bodies with 413', async () => {
    const bad = await request(t.server)
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(bad.body.statusCode).toBe(400);
    const huge = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(400 * 1024) });
    await request(t.server).post('/api/v1/auth/login').set('content-type', 'application/json').send(huge).expect(413);
  });
});
