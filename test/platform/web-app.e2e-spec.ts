import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

describe('serving the web app', () => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    // A stand-in for `npm run build:web`: the same layout, tiny files.
    root = mkdtempSync(join(tmpdir(), 'leadpath-web-root-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><title>Leadpath</title><script type="module" src="/assets/index-abc123.js"></script>',
    );
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("app")');
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestApp({}, { webRoot: root });
  });

  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at / and for every app path, never cached, with a CSP that forbids inline scripts', async () => {
    for (const path of ['/', '/mentees/123', '/progress?tab=goals', '/sign-in']) {
      const res = await request(t.server).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<title>Leadpath</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = res.headers['content-security-policy'];
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
  });

  it('serves the respondent’s page for a feedback link, and no page it loads learns the link through the Referer', async () => {
    const res = await request(t.server)
      .get(`/respond/${'A'.repeat(43)}`)
      .expect(200);
    expect(res.text).toContain('<title>Leadpath</title>');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('caches hashed assets for a year and other files not at all', async () => {
    const asset = await request(t.server).get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const icon = await request(t.server).get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('leaves the API, the docs and the probes alone: unknown paths there are JSON 404s', async () => {
    const api = await request(t.server).get('/api/v1/nothing-here').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404 });
    await request(t.server).get('/api/nothing').expect(404);
    await request(t.server).get('/health/nothing').expect(404);
    await request(t.server).get('/health').expect(200);
    await request(t.server).get('/docs-json').expect(200);
    await request(t.server).get('/api/v1/me').expect(401);
  });

  it('never serves a file outside the build, however the path is written', async () => {
    for (const path of ['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/%E0%A4%A']) {
      const res = await request(t.server).get(path);
      expect(res.text).not.toContain('"name": "leadpath"');
    }
  });
});
