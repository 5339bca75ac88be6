import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { tableChecksum } from '../support/checksum';
import type { Factory, World } from '../support/factories';
import { withWorld } from '../support/suite';
import type { TestApp } from '../support/test-app';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
}

interface Operation {
  method: string;
  path: string;
  query: { name: string; schema: Schema }[];
  body?: Schema;
}

const HOSTILE = [
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '../../etc/passwd',
  '\u0000',
  '\ud83d\ude00'.repeat(20),
  'ﬀ\u202e\u200b',
  '%00%ff',
  '{"$gt": ""}',
  'x'.repeat(5000),
];

/**
 * Drives every operation of the OpenAPI document with generated input — valid by the schema,
 * then mutated: missing and extra fields, wrong types, huge strings and arrays, unicode,
 * injection strings, NUL bytes, JSON nested thousands deep, bad ids and forged cursors — as every
 * kind of caller. Seeded, so a failure replays.
 */
describe('fuzzing every operation from the OpenAPI document', () => {
  let t: TestApp;
  let w: World;
  let ops: Operation[];
  let schemas: Record<string, Schema>;
  let ids: string[];
  let f: Factory;

  withWorld((s) => ({ t, f, w } = s), { LOGIN_MAX_ATTEMPTS_PER_CLIENT: '100000' });

  beforeAll(async () => {
    const doc = (await request(t.server).get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { in: string; name: string; schema: Schema }[];
            requestBody?: { content: Record<string, { schema: Schema }> };
          }
        >
      >;
      components: { schemas: Record<string, Schema> };
    };
    schemas = doc.components.schemas;
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method,
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content['application/json']?.schema,
      })),
    );
    ids = [
      w.target.id,
      w.target.userId,
      w.sibling.id,
      w.stranger.id,
      w.menteeB.id,
      w.goal,
      w.sharedFeedback,
      w.manager.id,
      await f.competencyId(w.orgA.id, 'delegation'),
      await f.templateId(w.orgA.id, 'mentor_junior'),
      await f.milestone(w.target, 'completed'),
      randomUUID(),
    ];
  });

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length) return resolve(schema.allOf[0]);
    return schema;
  };

  /** Values the schema allows, so requests reach the services and not only the validator. */
  function valid(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
    const s = resolve(schema);
    if (s.enum) return fc.constantFrom(...s.enum);
    switch (s.type) {
      case 'object': {
        if (depth > 3 || !s.properties) return fc.constant({});
        const required = new Set(s.required ?? []);
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, prop] of Object.entries(s.properties)) model[key] = valid(prop, depth + 1);
        return fc.record(model, { requiredKeys: [...required].filter((k) => k in model) });
      }
      case 'array':
        return fc.array(valid(s.items ?? {}, depth + 1), { maxLength: 4 });
      case 'integer':
        return fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? 200 });
      case 'number':
        return fc.double({ min: s.minimum ?? -5, max: s.maximum ?? 200, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'string':
        switch (s.format) {
          case 'uuid':
            return fc.constantFrom(...ids);
          case 'date':
            return fc
              .date({ min: new Date('1999-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
              .map((d) => d.toISOString().slice(0, 10));
          case 'date-time':
            return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
          default:
            return fc.oneof(
              fc.string({ maxLength: 40 }),
              fc.constantFrom('communication', 'delegation', 'https://example.com/a', 'fuzz@example.test'),
            );
        }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  /** JSON nested past any depth the API takes: refused before anything walks it. */
  const deep = fc.integer({ min: 20, max: 3000 }).map((depth) => {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { x: value };
    return value;
  });

  /** NUL bytes inside otherwise ordinary text (PostgreSQL cannot store them). */
  const withNul = fc
    .tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }))
    .map(([a, b]) => `${a}\u0000${b}`);

  /** Cursors we never issued, around dates JavaScript parses and PostgreSQL refuses. */
  const forgedCursor = fc
    .tuple(
      fc.oneof(
        fc.constantFrom(
          '2020',
          '2020-13-01',
          '0000-01-01T00:00:00Z',
          '2021-02-30T00:00:00Z',
          '+275760-09-13T00:00:00Z',
        ),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string({ maxLength: 30 }),
      ),
      fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })),
    )
    .map(([at, id]) => Buffer.from(`${at}|${id}`, 'utf8').toString('base64url'));

  const hostile = fc.oneof(
    fc.constantFrom(...HOSTILE),
    deep,
    withNul,
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.integer(),
    fc.double(),
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.integer(), { minLength: 60, maxLength: 2000 }),
    fc.string({ minLength: 5000, maxLength: 20000 }),
    fc.jsonValue({ maxDepth: 4 }),
  );

  /** A valid value, or one bent out of shape. */
  function input(schema: Schema | undefined): fc.Arbitrary<unknown> {
    if (!schema) return fc.oneof(fc.constant(undefined), hostile);
    return fc.oneof(
      { weight: 3, arbitrary: valid(schema) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(valid(schema), fc.string({ minLength: 1, maxLength: 12 }), hostile, fc.nat())
          .map(([value, key, bad, pick]) => {
            if (!value || typeof value !== 'object' || Array.isArray(value)) return bad;
            const copy = { ...(value as Record<string, unknown>) };
            const keys = Object.keys(copy);
            switch (pick % 3) {
              case 0:
                if (keys.length) delete copy[keys[pick % keys.length]];
                break;
              case 1:
                copy[keys.length ? keys[pick % keys.length] : key] = bad;
                break;
              default:
                copy[key === '__proto__' ? 'proto' : key] = bad;
            }
            return copy;
          }),
      },
      { weight: 1, arbitrary: hostile },
    );
  }

  const pathValue = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => i)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...HOSTILE.slice(0, 10), '00000000-0000-0000-0000-000000000000', 'NaN', '-1'),
    },
  );

  it(`no input makes a 5xx, and no rejected request changes a row (${RUNS} requests)`, async () => {
    const callers = [w.hr.token, w.manager.token, w.mentor.token, w.target.user.token, w.hrB.token, undefined];
    let before = await tableChecksum(t.db.pool);
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.nat(callers.length - 1),
        pathValue,
        pathValue,
        fc.nat(),
        async (opPick, caller, idA, idB, seed) => {
          const op = ops[opPick % ops.length];
          const fill = (v: number | string) => encodeURIComponent(typeof v === 'number' ? ids[v % ids.length] : v);
          const path = op.path.replace('{id}', fill(idA)).replace('{templateId}', fill(idB));
          const query: Record<string, unknown> = {};
          const values = fc.sample(
            fc.tuple(
              ...op.query.map((q) =>
                fc.option(q.name === 'cursor' ? fc.oneof(input(q.schema), forgedCursor) : input(q.schema), {
                  freq: 2,
                }),
              ),
              fc.option(fc.tuple(fc.string({ maxLength: 8 }), hostile)),
            ),
            { numRuns: 1, seed },
          )[0];
          op.query.forEach((q, i) => {
            if (values[i] !== null && values[i] !== undefined)
              query[q.name] = typeof values[i] === 'object' ? JSON.stringify(values[i]) : values[i];
          });
          const extra = values[op.query.length] as [string, unknown] | null;
          if (extra && seed % 4 === 0) query[extra[0] || 'x'] = String(extra[1]);
          const body = op.method === 'get' ? undefined : fc.sample(input(op.body), { numRuns: 1, seed: seed + 1 })[0];
          let req = request(t.server)
            [op.method as 'get' | 'post' | 'put' | 'patch'](path)
            .query(query as Record<string, string>);
          // A sign-out ends the token it carries: it gets a fresh one, so the caller keeps theirs.
          const token =
            callers[caller] && op.path === '/api/v1/auth/logout' ? f.freshToken(callers[caller]) : callers[caller];
          if (token) req = req.set('authorization', `Bearer ${token}`);
          if (seed % 7 === 0)
            req = req.set(
              'if-match',
              JSON.stringify(fc.sample(hostile, { numRuns: 1, seed })[0])
                .replace(/[^\x20-\x7e]/g, '')
                .slice(0, 200),
            );
          if (seed % 11 === 0) req = req.set('idempotency-key', `fuzz-${seed % 5}`);
          if (body !== undefined) req = req.set('content-type', 'application/json').send(JSON.stringify(body));
          const res = await req;
          if (res.status >= 500) {
            failures.push(
              `${op.method.toUpperCase()} ${path} ${JSON.stringify(query)} ${JSON.stringify(body)?.slice(0, 300)} -> ${res.status}`,
            );
            throw new Error(failures[failures.length - 1]);
          }
          const after = await tableChecksum(t.db.pool);
          if (res.status >= 400 && after !== before) {
            throw new Error(`rejected ${op.method.toUpperCase()} ${path} (${res.status}) changed rows`);
          }
          before = after;
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261127), endOnFailure: true },
    );
    expect(failures).toEqual([]);
    // Bounded by its count of requests; the time limit only catches a hang.
  }, 900_000);
});
