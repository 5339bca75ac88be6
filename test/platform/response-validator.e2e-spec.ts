import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_FILE } from '@leadpath/platform/http';
import { ResponseValidator, type OpenApiDocument, type SeenResponse } from '../support/openapi-responses';

/**
 * The validator that checks every response of the end-to-end suite (test/support/response-check.ts)
 * catches what it is there to catch; otherwise the whole suite could pass vacuously.
 */
describe('the response validator', () => {
  const ERROR = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } };
  const document = {
    paths: {
      '/api/v1/things/{id}': {
        get: {
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            '404': ERROR,
          },
        },
        delete: { responses: { '204': {}, '404': ERROR } },
      },
      '/api/v1/things/mine': {
        get: { responses: { '200': { content: { 'application/json': { schema: { type: 'array', items: {} } } } } } },
      },
      '/api/v1/things.csv': {
        get: { responses: { '200': { content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } } } } },
      },
    },
    components: {
      schemas: {
        Evidence: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
        Thing: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'at', 'swaggerStyle', 'strict', 'phase', 'sign'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            at: { type: 'string', format: 'date-time' },
            swaggerStyle: { type: 'object', nullable: true, allOf: [{ $ref: '#/components/schemas/Evidence' }] },
            strict: {
              oneOf: [{ $ref: '#/components/schemas/Evidence' }, { type: 'object', nullable: true, enum: [null] }],
            },
            phase: { type: 'string', nullable: true, enum: ['a', 'b'] },
            sign: { type: 'integer', minimum: 1, maximum: 5 },
          },
        },
        ErrorResponse: {
          type: 'object',
          required: ['statusCode', 'error', 'message'],
          properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  };
  const validator = new ResponseValidator(document);
  const id = '6f1c2a9e-4b7d-4c1e-9a3f-2d5b8e0c7a41';
  const good = { id, at: '2026-01-02T03:04:05.000Z', swaggerStyle: { text: 'x' }, strict: null, phase: 'a', sign: 3 };
  const seen = (over: Partial<SeenResponse> & { json?: unknown }): SeenResponse => ({
    method: 'GET',
    url: `/api/v1/things/${id}`,
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: over.json === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(over.json)),
    ...over,
  });
  const problems = (s: SeenResponse) => validator.check(s).map((v) => `${v.pointer} ${v.message}`);

  it('passes a response that matches', () => {
    expect(problems(seen({ json: good }))).toEqual([]);
  });

  it('refuses null where the document says object, as OpenAPI 3.0.3 reads `nullable`', () => {
    expect(problems(seen({ json: { ...good, swaggerStyle: null } }))).toEqual([
      expect.stringMatching(/^\/swaggerStyle must be object/),
    ]);
    expect(problems(seen({ json: { ...good, strict: { text: 'x' } } }))).toEqual([]);
    expect(problems(seen({ json: { ...good, phase: null } }))).toEqual([
      expect.stringMatching(/^\/phase must be equal to one of the allowed values/),
    ]);
  });

  it('names the field and the rule: range, format, unknown and missing fields', () => {
    const { sign: _sign, ...withoutSign } = good;
    expect(problems(seen({ json: { ...good, sign: -1 } }))).toEqual([expect.stringMatching(/^\/sign must be >= 1/)]);
    expect(problems(seen({ json: { ...good, id: 'nope', at: '2026-01-02' } })).sort()).toEqual([
      expect.stringMatching(/^\/at must match format "date-time"/),
      expect.stringMatching(/^\/id must match format "uuid"/),
    ]);
    expect(problems(seen({ json: { ...good, extra: 1 } }))).toEqual([
      expect.stringMatching(/must NOT have additional properties.*extra/),
    ]);
    expect(problems(seen({ json: withoutSign }))).toEqual([
      expect.stringMatching(/must have required property 'sign'/),
    ]);
  });

  it('refuses a status the route does not document, unless the HTTP layer answers it for any route', () => {
    expect(problems(seen({ status: 409, json: { statusCode: 409, error: 'conflict', message: 'x' } }))).toEqual([
      expect.stringMatching(/status 409 is not documented/),
    ]);
    expect(
      problems(seen({ status: 413, json: { statusCode: 413, error: 'payload_too_large', message: 'x' } })),
    ).toEqual([]);
    expect(problems(seen({ status: 413, json: { oops: true } }))).not.toEqual([]);
  });

  it('prefers a literal segment to a parameter, and checks unknown API routes for the error shape', () => {
    expect(problems(seen({ url: '/api/v1/things/mine?x=1', json: [] }))).toEqual([]);
    expect(
      problems(
        seen({ url: '/api/v1/nothing', status: 404, json: { statusCode: 404, error: 'not_found', message: 'x' } }),
      ),
    ).toEqual([]);
    expect(problems(seen({ url: '/api/v1/nothing', status: 200, json: {} }))).not.toEqual([]);
    expect(
      problems(seen({ url: '/some/page', status: 200, contentType: 'text/html', body: Buffer.from('<html>') })),
    ).toEqual([]);
  });

  it('checks content types: a CSV by its type only, no body where the document declares none', () => {
    const csv = { url: '/api/v1/things.csv', body: Buffer.from('a,b\n1,2\n') };
    expect(problems(seen({ ...csv, contentType: 'text/csv; charset=utf-8' }))).toEqual([]);
    expect(problems(seen({ ...csv, contentType: 'application/json' }))).toEqual([
      expect.stringMatching(/content type "application\/json", documented: text\/csv/),
    ]);
    expect(problems(seen({ method: 'DELETE', status: 204, contentType: undefined }))).toEqual([]);
    expect(problems(seen({ method: 'DELETE', status: 204, json: {} }))).not.toEqual([]);
    expect(problems(seen({ method: 'HEAD', contentType: 'application/json' }))).toEqual([]);
  });

  it('compiles every response schema of the committed document', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '../..', OPENAPI_FILE), 'utf8')) as OpenApiDocument;
    const onCommitted = new ResponseValidator(committed);
    const unusable: string[] = [];
    for (const [template, item] of Object.entries(committed.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!response.content?.['application/json']) continue;
          const url = template.replace(/\{[^}]+\}/g, id);
          const found = onCommitted.check({
            method,
            url,
            status: Number(status),
            contentType: 'application/json',
            body: Buffer.from('{}'),
          });
          unusable.push(...found.filter((v) => v.message.includes('does not compile')).map((v) => v.message));
        }
      }
    }
    expect(unusable).toEqual([]);
  });
});
