import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { OPENAPI_FILE, serializeOpenApi } from '@leadpath/platform';
import { startTestApp, type TestApp } from '../support/test-app';

/** The first line where two texts differ, with its number, to point at the drift. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i])
      return `line ${i + 1}: committed ${JSON.stringify(left[i])}, served ${JSON.stringify(right[i])}`;
  }
  return 'none';
}

describe('the committed OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it(`${OPENAPI_FILE} is exactly what the API serves at /docs-json`, async () => {
    const served = serializeOpenApi((await request(t.server).get('/docs-json').expect(200)).body);
    const committed = readFileSync(join(__dirname, '../..', OPENAPI_FILE), 'utf8');
    const verdict =
      committed === served
        ? 'in step'
        : `${OPENAPI_FILE} differs from /docs-json (first difference at ${firstDifference(committed, served)}): run \`npm run openapi\` and commit the result`;
    expect(verdict).toBe('in step');
  });
});
