import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { OPENAPI_FILE } from '@leadpath/platform/http';
import { describeViolations, ResponseValidator, type OpenApiDocument, type Violation } from './openapi-responses';

/** Bodies above this are checked for status and content type only (large exports). */
const MAX_BODY = 8 * 1024 * 1024;

/** The SCIM routes (outside /api/v1) have their own document. */
export const SCIM_OPENAPI_FILE = 'apps/api/scim-openapi.json';
const SCIM_PREFIX = '/scim/v2';

let validator: ResponseValidator | undefined;
let scimValidator: ResponseValidator | undefined;
const found: Violation[] = [];
let checked = 0;

function documentValidator(): ResponseValidator {
  validator ??= new ResponseValidator(
    JSON.parse(readFileSync(join(__dirname, '../..', OPENAPI_FILE), 'utf8')) as OpenApiDocument,
  );
  return validator;
}

function scimDocumentValidator(): ResponseValidator {
  scimValidator ??= new ResponseValidator(
    JSON.parse(readFileSync(join(__dirname, '../..', SCIM_OPENAPI_FILE), 'utf8')) as OpenApiDocument,
    {
      scope: SCIM_PREFIX,
      errorContent: { 'application/scim+json': { schema: { $ref: '#/components/schemas/Error' } } },
    },
  );
  return scimValidator;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Checks every response the server sends against the committed OpenAPI document, whoever sent
 * the request (supertest in a test, a factory, a helper). What does not match is kept for
 * `takeViolations`, which the suite's setup turns into a failure of the test that caused it.
 */
export function checkResponses(server: Server): void {
  const listeners = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    record(req, res);
    for (const listener of listeners) listener.call(server, req, res);
  });
}

function record(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size <= MAX_BODY) chunks.push(buffer);
  };
  // Headers handed to writeHead alone never reach getHeader (Node's fast path): read them there.
  let written: string | undefined;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = (...args: unknown[]) => {
    written = contentTypeIn(args.find((a) => a !== null && typeof a === 'object'));
    return writeHead(...args);
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as ServerResponse['end'];
  res.once('finish', () => {
    const contentType = res.getHeader('content-type') ?? written;
    checked++;
    const url = req.url ?? '/';
    const scim = url === SCIM_PREFIX || url.startsWith(`${SCIM_PREFIX}/`) || url.startsWith(`${SCIM_PREFIX}?`);
    const violations = (scim ? scimDocumentValidator() : documentValidator()).check({
      method: req.method ?? 'GET',
      url,
      status: res.statusCode,
      contentType: contentType === undefined ? undefined : String(contentType),
      body: size <= MAX_BODY ? Buffer.concat(chunks) : undefined,
    });
    found.push(...violations);
  });
}

/** The content type among headers given as an object or as a flat [name, value, …] list. */
function contentTypeIn(headers: unknown): string | undefined {
  if (!headers) return undefined;
  const pairs: [string, unknown][] = Array.isArray(headers)
    ? headers.flatMap((_, i, all) => (i % 2 === 0 ? [[String(all[i]), all[i + 1]] as [string, unknown]] : []))
    : Object.entries(headers);
  const found = pairs.find(([name]) => name.toLowerCase() === 'content-type');
  return found === undefined ? undefined : String(found[1]);
}

/** The violations seen since the last call, and how many responses were checked in all. */
export function takeViolations(): { violations: Violation[]; checked: number } {
  return { violations: found.splice(0), checked };
}

/** Throws with every violation seen since the last call. */
export function assertResponsesMatchDocument(when: string): void {
  const { violations } = takeViolations();
  if (violations.length === 0) return;
  throw new Error(
    `${violations.length} response(s) ${when} differ from ${OPENAPI_FILE} (or, under /scim/v2, ${SCIM_OPENAPI_FILE}):\n${describeViolations(violations)}\n` +
      'Fix the response or the DTO decorators, then `npm run openapi`.',
  );
}
