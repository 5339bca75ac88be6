import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** One response as the client saw it. */
export interface SeenResponse {
  method: string;
  /** The request target: path and query, as sent. */
  url: string;
  status: number;
  contentType: string | undefined;
  /** The body as received; undefined when it was too large to keep. */
  body: Buffer | undefined;
}

export interface Violation {
  method: string;
  url: string;
  /** The document's path template the URL matched, if any. */
  template: string | undefined;
  status: number;
  /** JSON pointer into the body ('' for the whole body or a header). */
  pointer: string;
  message: string;
}

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
interface Operation {
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

/**
 * Statuses the HTTP layer answers before a route's own code runs, for any route, in the
 * document's error shape — as its description says: a request that stalls (408), a body over
 * the limit (413) or in a media type no parser takes (415), a request refused while the server
 * shuts down (503).
 */
export const GENERIC_ERRORS = new Set([408, 413, 415, 503]);
/** An unknown route or method answers 404 or 405, in the same error shape. */
const UNROUTED = new Set([404, 405]);
const ERROR = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } };

/** The document's own id inside Ajv, so every `#/components/...` reference resolves against it. */
const DOC_ID = 'openapi.json';

/** A copy of a schema whose local references point into the registered document. */
function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `${DOC_ID}${value}` : anchored(value);
  }
  return out;
}

interface Route {
  template: string;
  pattern: RegExp;
  /** Literal segments: `/mentees/me` wins over `/mentees/{id}`. */
  literals: number;
  item: Record<string, Operation>;
}

/**
 * Checks responses against an OpenAPI 3.0 document: the status must be documented for the
 * operation (or be a generic error), the content type one the document lists, and a JSON body
 * valid against its schema — OpenAPI's `nullable` as 3.0.3 states it (only beside `type`; an
 * enum admits null only if it lists it), formats checked (uuid, date-time, date, email, uri).
 */
export class ResponseValidator {
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction | Error>();

  /**
   * `scope` is the path prefix the document answers for (outside it, only the web app and
   * static files); `errorContent` is how its generic errors (408, 413, 415, 503, an unknown
   * route) look.
   */
  constructor(
    document: OpenApiDocument,
    private readonly options: { scope: string; errorContent: Record<string, MediaType> } = {
      scope: '/api/',
      errorContent: ERROR,
    },
  ) {
    // strict: false lets OpenAPI's own keywords (example, format int32, …) through unvalidated;
    // `nullable` is a keyword Ajv implements itself.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addFormat('int32', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
    });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    for (const name of ['float', 'double', 'binary', 'byte', 'password']) this.ajv.addFormat(name, true);
    this.ajv.addSchema({ $id: DOC_ID, components: anchored(document.components ?? {}) });
    this.routes = Object.entries(document.paths)
      .map(([template, item]) => {
        const segments = template.split('/');
        const source = segments.map((s) =>
          /^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        );
        return {
          template,
          pattern: new RegExp(`^${source.join('/')}$`),
          literals: segments.filter((s) => !s.startsWith('{')).length,
          item,
        };
      })
      .sort((a, b) => b.literals - a.literals);
  }

  /** The document's template for a path, preferring literal segments. */
  match(pathname: string): Route | undefined {
    return this.routes.find((r) => r.pattern.test(pathname));
  }

  check(seen: SeenResponse): Violation[] {
    // As the router sees it: percent-decoded (a malformed escape stays as it was).
    const raw = seen.url.split('?')[0];
    let pathname = raw;
    try {
      pathname = decodeURI(raw);
    } catch {
      pathname = raw;
    }
    const method = seen.method.toLowerCase();
    const route = this.match(pathname);
    const violation = (message: string, pointer = ''): Violation => ({
      method: seen.method,
      url: seen.url,
      template: route?.template,
      status: seen.status,
      pointer,
      message,
    });
    // Outside the document: the web app, Swagger UI, static files. Under /api/ only errors.
    if (!route && !pathname.startsWith(this.options.scope)) return [];
    // HEAD answers what GET would, without a body; OPTIONS is not part of the API.
    const operation = method === 'options' ? undefined : route?.item[method === 'head' ? 'get' : method];
    if (!operation) {
      if (UNROUTED.has(seen.status) || GENERIC_ERRORS.has(seen.status))
        return this.checkBody(seen, this.options.errorContent, violation);
      return [violation(`${seen.status} for a route or method the document does not list`)];
    }
    const response = operation.responses[String(seen.status)];
    if (!response) {
      if (GENERIC_ERRORS.has(seen.status)) return this.checkBody(seen, this.options.errorContent, violation);
      const documented = Object.keys(operation.responses).join(', ');
      return [violation(`status ${seen.status} is not documented (documented: ${documented})`)];
    }
    return method === 'head' ? [] : this.checkBody(seen, response.content, violation);
  }

  private checkBody(
    seen: SeenResponse,
    content: Record<string, MediaType> | undefined,
    violation: (message: string, pointer?: string) => Violation,
  ): Violation[] {
    const length = seen.body?.length ?? 0;
    if (!content || Object.keys(content).length === 0) {
      return length > 0 || seen.contentType
        ? [violation(`a body (${seen.contentType ?? 'no content type'}) where the document declares none`)]
        : [];
    }
    const mediaType = (seen.contentType ?? '').split(';')[0].trim().toLowerCase();
    const declared = Object.keys(content);
    if (!declared.includes(mediaType)) {
      return [violation(`content type ${JSON.stringify(seen.contentType)}, documented: ${declared.join(', ')}`)];
    }
    const schema = content[mediaType].schema;
    // Non-JSON bodies (CSV, PDF) are checked for their content type only.
    const json = mediaType === 'application/json' || mediaType.endsWith('+json');
    if (!json || schema === undefined || seen.body === undefined) return [];
    let body: unknown;
    try {
      body = JSON.parse(seen.body.toString('utf8'));
    } catch {
      return [violation('the body is not JSON')];
    }
    const validate = this.compile(schema);
    if (validate instanceof Error) return [violation(`the document's schema does not compile: ${validate.message}`)];
    if (validate(body)) return [];
    return dedupe(validate.errors ?? []).map((e) =>
      violation(`${e.message ?? e.keyword} (${e.schemaPath}${params(e)})`, e.instancePath),
    );
  }

  /** Compiled once per distinct schema: most responses share a few (`ErrorResponse` above all). */
  private compile(schema: unknown): ValidateFunction | Error {
    const key = JSON.stringify(schema);
    let found = this.compiled.get(key);
    if (!found) {
      try {
        found = this.ajv.compile(anchored(schema) as object);
      } catch (error) {
        found = error as Error;
      }
      this.compiled.set(key, found);
    }
    return found;
  }
}

function params(e: ErrorObject): string {
  const shown = Object.entries(e.params).filter(([, v]) => v !== undefined);
  return shown.length ? `; ${shown.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')}` : '';
}

/** allErrors reports an `allOf`/`anyOf` failure and each of its causes; keep the causes. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.instancePath} ${e.schemaPath} ${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One line per violation, for a test failure. */
export function describeViolations(violations: Violation[], max = 30): string {
  const lines = violations
    .slice(0, max)
    .map(
      (v) =>
        `  ${v.method} ${v.url}${v.template ? ` (${v.template})` : ''} → ${v.status}: ${v.pointer || '(body)'} ${v.message}`,
    );
  if (violations.length > max) lines.push(`  … and ${violations.length - max} more`);
  return lines.join('\n');
}
