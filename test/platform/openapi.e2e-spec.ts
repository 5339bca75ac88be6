import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { OPENAPI_FILE, serializeOpenApi, validatorLimits } from '@leadpath/platform/http';
import { withTestApp } from '../support/suite';
import type { TestApp } from '../support/test-app';

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
  withTestApp((app) => (t = app));

  it(`${OPENAPI_FILE} is exactly what the API serves at /docs-json`, async () => {
    const served = serializeOpenApi((await request(t.server).get('/docs-json').expect(200)).body);
    const committed = readFileSync(join(__dirname, '../..', OPENAPI_FILE), 'utf8');
    const verdict =
      committed === served
        ? 'in step'
        : `${OPENAPI_FILE} differs from /docs-json (first difference at ${firstDifference(committed, served)}): run \`npm run openapi\` and commit the result`;
    expect(verdict).toBe('in step');
  });

  it('states every limit the validators enforce, for every DTO (request bodies and query strings)', async () => {
    type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema; type?: string };
    const doc = (await request(t.server).get('/docs-json').expect(200)).body as {
      components: { schemas: Record<string, Schema> };
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: Schema }[] }>>;
    };
    const queryParams = Object.values(doc.paths)
      .flatMap((item) => Object.values(item))
      .flatMap((op) => op.parameters ?? [])
      .filter((p) => p.in === 'query');
    // Swagger states length, range, pattern and format of an array's elements on its items.
    const ON_ITEMS = ['maxLength', 'minLength', 'pattern', 'format', 'maximum', 'minimum'];
    const problems: string[] = [];
    let compared = 0;
    for (const { target, property, schema, items, unknown } of validatorLimits()) {
      const where = `${target.name}.${property}`;
      if (unknown.length > 0) problems.push(`${where}: validators the document cannot state: ${unknown.join(', ')}`);
      const component = doc.components.schemas[target.name];
      const candidates = component
        ? [component.properties?.[property]]
        : queryParams.filter((p) => p.name === property).map((p) => p.schema);
      const documented = candidates.filter((c): c is Schema => c !== undefined);
      if (documented.length === 0) {
        problems.push(`${where}: validated but not in the document`);
        continue;
      }
      const states = (s: Schema): boolean => {
        const isArray = s.type === 'array';
        const top = Object.entries(schema).every(([key, value]) => {
          const holder = isArray && ON_ITEMS.includes(key) ? s.items : s;
          // A nullable enum lists null (OpenAPI 3.0.3); the validators let null through by @IsOptional.
          const documented =
            key === 'enum' && holder?.nullable === true && Array.isArray(holder.enum)
              ? holder.enum.filter((v) => v !== null)
              : holder?.[key];
          return JSON.stringify(documented) === JSON.stringify(value);
        });
        const each = Object.entries(items).every(
          ([key, value]) => JSON.stringify(s.items?.[key] ?? s[key]) === JSON.stringify(value),
        );
        return top && each;
      };
      compared++;
      if (!documented.some(states)) {
        problems.push(
          `${where}: validators say ${JSON.stringify({ ...schema, items })}, document says ${JSON.stringify(documented)}`,
        );
      }
    }
    expect(problems).toEqual([]);
    // Guard against a vacuous pass: the API validates well over a hundred properties.
    expect(compared).toBeGreaterThan(100);
  });
});
