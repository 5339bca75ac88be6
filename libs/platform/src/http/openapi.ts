import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERROR_LIMITS } from '../errors/http-exception.filter';
import { applyValidatorLimits, validatorLimits } from './openapi-limits';
import { CSV_BODY_LIMIT_BYTES } from './json-body';
import { MAX_LIMIT } from './pagination';
import { IS_PUBLIC } from './public.decorator';
import { UUID_SCHEMA, UuidParamPipe } from './uuid-param.pipe';

/** The one signing algorithm tokens use and verification accepts (never `none`, never a choice left to the token). */
export const JWT_ALGORITHM = 'HS256' as const;

const BEARER_DESCRIPTION = [
  `A JWS access token signed with ${JWT_ALGORITHM} by this server, from \`POST /api/v1/auth/login\` or sign-up.`,
  'It lives `ACCESS_TOKEN_TTL_SECONDS` (default 900 s, 15 minutes); sign in again for a new one.',
  'Handled as RFC8725 (JSON Web Token Best Current Practices) advises: verification accepts only',
  `${JWT_ALGORITHM} with the server's key (\`alg: none\` and every other algorithm are refused), checks`,
  'expiry, and the account is re-read on every request, so deactivation, role or password changes',
  'revoke tokens at once.',
].join(' ');

const HEADER_REF = (name: string): ReferenceObject => ({ $ref: `#/components/headers/${name}` });
const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } };

/** What each error status means here, for every operation it applies to. */
const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'Invalid input: `fields` names every bad field; nothing changed',
  '401': 'No valid access token: missing, malformed, expired or revoked',
  '403': 'Your roles lack this function',
  '404': 'Not found, or not visible to you (the two look the same)',
  '409': 'Conflicts with the current state; nothing changed',
  '412': '`If-Match` names a version that is no longer current; the `ETag` header carries the current one',
  '413': 'The body is larger than `BODY_LIMIT_BYTES`',
  '422': 'This `Idempotency-Key` was used with a different request',
  '429': 'Too many requests: wait the seconds `Retry-After` says',
  '500': 'Unexpected error: `requestId` finds it in the server log; no detail is disclosed',
  '503': 'The database is unavailable or the server is shutting down; retry after `Retry-After` seconds',
};

const TAGS: Record<string, string> = {
  assessments: 'Self and manager assessments of fit for leadership',
  audit: 'The audit trail of every write and every refused attempt (HR)',
  auth: 'Sign-in and who you are',
  feedback: 'One-on-one feedback: shared or private, revisions, acknowledgement',
  framework: 'Phases, competencies, milestone templates and readiness settings',
  goals: 'Readiness goals and their check-ins',
  health: 'Liveness and readiness probes',
  imports: 'People from a spreadsheet: a preview first, then apply (HR)',
  mentees: 'Aspiring leads: enrolment, managers, phase history',
  milestones: 'Milestones recorded with evidence, verified or revoked',
  organizations: 'Sign-up: a new organization and its first HR admin',
  readiness: 'Readiness score, its gaps, and progress over time',
  reports: 'HR exports: CSV, dashboard summary, per-person PDF',
  users: 'Accounts and roles (HR)',
};

/** The probes answer with their own bodies (not the error shape): described exactly. */
function describeHealth(document: OpenAPIObject): void {
  const indicator: SchemaObject = {
    type: 'object',
    additionalProperties: false,
    required: ['status'],
    properties: {
      status: { type: 'string', enum: ['up', 'down'] },
      message: { type: 'string', maxLength: ERROR_LIMITS.text },
    },
  };
  const checks: SchemaObject = {
    type: 'object',
    additionalProperties: false,
    properties: { database: indicator },
  };
  const readiness: SchemaObject = {
    type: 'object',
    additionalProperties: false,
    required: ['status'],
    properties: {
      status: { type: 'string', enum: ['ok'] },
      info: { ...checks, nullable: true },
      error: { ...checks, nullable: true },
      details: checks,
    },
  };
  const liveness: SchemaObject = {
    type: 'object',
    additionalProperties: false,
    required: ['status'],
    properties: { status: { type: 'string', enum: ['ok'] } },
  };
  const json = (schema: SchemaObject) => ({ 'application/json': { schema } });
  for (const [path, item] of Object.entries(document.paths)) {
    const operation = item.get;
    if (!operation || !/^(\/api\/v1)?\/health(\/ready)?$/.test(path)) continue;
    const ready = path.endsWith('/ready');
    operation.responses = ready
      ? {
          '200': { description: 'Ready: the database answers', content: json(readiness) },
          '503': {
            description: 'Not ready: the database does not answer, or the server is draining',
            content: ERROR_CONTENT,
            headers: { 'Retry-After': HEADER_REF('Retry-After') },
          },
        }
      : { '200': { description: 'The process answers', content: json(liveness) } };
  }
}

interface RouteFacts {
  isPublic: boolean;
  /** Path parameters checked by UuidParamPipe. */
  uuidParams: Set<string>;
}

/** What the controllers themselves declare about each handler, keyed like Swagger's operationIds. */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { data?: unknown; pipes?: unknown[] }
        >;
        const uuidParams = new Set<string>();
        for (const [key, arg] of Object.entries(args)) {
          const isPathParam = key.split(':')[0] === String(RouteParamtypes.PARAM);
          if (isPathParam && typeof arg.data === 'string' && arg.pipes?.includes(UuidParamPipe))
            uuidParams.add(arg.data);
        }
        const isPublic = Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller));
        facts.set(`${controller.name}_${name}`, { isPublic, uuidParams });
      }
    }
  }
  return facts;
}

const errorSchemas: Record<string, SchemaObject> = {
  FieldError: {
    type: 'object',
    additionalProperties: false,
    required: ['field', 'messages'],
    properties: {
      field: { type: 'string', maxLength: ERROR_LIMITS.text, description: 'the field, dotted for nested ones' },
      messages: {
        type: 'array',
        maxItems: ERROR_LIMITS.messages,
        items: { type: 'string', maxLength: ERROR_LIMITS.text },
      },
    },
  },
  ErrorResponse: {
    type: 'object',
    additionalProperties: false,
    required: ['statusCode', 'error', 'message'],
    description: 'Every error has this shape.',
    properties: {
      statusCode: { type: 'integer', format: 'int32', minimum: 400, maximum: 599 },
      error: {
        type: 'string',
        maxLength: 40,
        pattern: '^[a-z0-9_]+$',
        description: 'machine-readable code: validation_failed, unauthenticated, forbidden, not_found, conflict…',
        example: 'validation_failed',
      },
      message: { type: 'string', maxLength: ERROR_LIMITS.text },
      fields: {
        type: 'array',
        maxItems: ERROR_LIMITS.fields,
        items: { $ref: '#/components/schemas/FieldError' },
        description: 'with 400: every bad field',
      },
      organizations: {
        type: 'array',
        maxItems: 100,
        description:
          'with 409 `choose_organization` from sign-in: the organizations where the password given is right; sign in again with one `organizationId`',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'name'],
          properties: {
            id: { type: 'string', format: 'uuid', maxLength: 36 },
            name: { type: 'string', maxLength: 200 },
          },
        },
      },
      requestId: {
        type: 'string',
        maxLength: 64,
        pattern: '^[A-Za-z0-9._-]+$',
        description: 'with 500 and 503: the `x-request-id` to look for in the server log',
      },
    },
  },
};

const retryAfterHeader = {
  'Retry-After': {
    description: 'seconds to wait before trying again',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86400 },
  },
};

const rateLimitHeaders = {
  RateLimit: {
    description:
      'IETF RateLimit header (draft-ietf-httpapi-ratelimit-headers): per policy, the requests left (`r`) and the seconds until the window resets (`t`), e.g. `"per-address";r=1190;t=42, "per-user";r=590;t=42`',
    schema: { type: 'string', maxLength: 200, pattern: '^[ -~]*$' },
  },
  'RateLimit-Policy': {
    description:
      'IETF RateLimit-Policy header: each policy with its quota (`q`) per window of `w` seconds, e.g. `"per-address";q=1200;w=60, "per-user";q=600;w=60`',
    schema: { type: 'string', maxLength: 200, pattern: '^[ -~]*$' },
  },
};

/**
 * Response fields that carry what another validated field wrote: a cursor the API issued is
 * what `cursor` accepts; the names of people are users' names.
 */
const WRITTEN_AS: Record<string, string> = {
  nextCursor: 'cursor',
  authorName: 'name',
  changedByName: 'name',
  actorName: 'name',
  verifiedByName: 'name',
  managerName: 'name',
  mentorName: 'name',
  competency: 'key',
  revokeReason: 'reason',
  assignmentTitle: 'title',
  leadName: 'name',
  askedByName: 'name',
};

/**
 * Lists as long as the organization's framework (HR adds competencies at will): no validator
 * bounds them, whatever a request field of the same name may hold.
 */
const FRAMEWORK_LISTS = new Set([
  'FrameworkResponse.competencies',
  'ReadinessResponse.competencies',
  'FrameworkDocumentResponse.competencies',
]);

/**
 * Bounds for response fields: a string or array holds what the validators let in under the same
 * name (the largest bound of that name), a formatted string is as long as its format, a page
 * (`…Page`) holds at most MAX_LIMIT items.
 */
function boundResponses(document: OpenAPIObject): void {
  const byName = new Map<string, { maxLength?: number; maxItems?: number; itemMaxLength?: number }>();
  for (const { property, schema, items } of validatorLimits()) {
    const known = byName.get(property) ?? {};
    const found = { maxLength: schema.maxLength, maxItems: schema.maxItems, itemMaxLength: items.maxLength };
    for (const key of ['maxLength', 'maxItems', 'itemMaxLength'] as const) {
      const value = found[key] as number | undefined;
      if (value !== undefined && (known[key] ?? -1) < value) known[key] = value;
    }
    byName.set(property, known);
  }
  const limitOf = (name: string | undefined) => (name ? (byName.get(name) ?? byName.get(WRITTEN_AS[name])) : undefined);
  const FORMAT_LENGTH: Record<string, number> = { uuid: 36, date: 10, 'date-time': 32, email: 254 };
  const visit = (schema: SchemaObject | ReferenceObject | undefined, name?: string, owner?: string): void => {
    if (!schema || '$ref' in schema) return;
    if (schema.type === 'string' && schema.maxLength === undefined && !schema.enum) {
      const byFormat = schema.format ? FORMAT_LENGTH[schema.format] : undefined;
      const maxLength = byFormat ?? limitOf(name)?.maxLength;
      if (maxLength !== undefined) schema.maxLength = maxLength;
    }
    if (schema.type === 'array' && schema.maxItems === undefined) {
      const maxItems = limitOf(name)?.maxItems;
      if (maxItems !== undefined) schema.maxItems = maxItems;
      const items = schema.items as SchemaObject | undefined;
      const itemMaxLength = limitOf(name)?.itemMaxLength;
      if (items?.type === 'string' && items.maxLength === undefined && itemMaxLength !== undefined) {
        items.maxLength = itemMaxLength;
      }
    }
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      if (!FRAMEWORK_LISTS.has(`${owner}.${key}`)) visit(child, key);
    }
    if (schema.items) visit(schema.items, name);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) visit(part, name);
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    // A page (PageQueryDto's `limit`) holds at most MAX_LIMIT items.
    const items = 'properties' in schema ? (schema.properties?.items as SchemaObject | undefined) : undefined;
    if (name.endsWith('Page') && items?.type === 'array') items.maxItems = MAX_LIMIT;
    visit(schema, undefined, name);
  }
}

/** Only null: what a nullable reference adds beside the referenced schema. */
const NULL_ONLY: SchemaObject = { type: 'object', nullable: true, enum: [null] };

/**
 * `nullable` as OpenAPI 3.0.3 defines it: it adds null only beside a `type`, and every other
 * keyword still applies to the null — so Swagger's nullable reference (`allOf: [$ref]` with
 * `nullable`) and a nullable enum without null in its list both refuse the null the API sends.
 * A nullable reference becomes "the reference or null"; a nullable enum lists null.
 */
function strictNullable(document: OpenAPIObject): void {
  const visit = (schema: SchemaObject | ReferenceObject | undefined): void => {
    if (!schema || '$ref' in schema) return;
    if (schema.nullable === true && schema.allOf?.length === 1 && !schema.properties) {
      const [reference] = schema.allOf;
      delete schema.allOf;
      delete schema.nullable;
      delete schema.type;
      schema.oneOf = [reference, { ...NULL_ONLY }];
    }
    if (schema.nullable === true && schema.enum && !schema.enum.includes(null)) {
      schema.enum = [...(schema.enum as unknown[]), null];
    }
    for (const child of Object.values(schema.properties ?? {})) visit(child);
    if (schema.items) visit(schema.items);
    if (typeof schema.additionalProperties === 'object') visit(schema.additionalProperties);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) visit(part);
  };
  for (const schema of Object.values(document.components?.schemas ?? {})) visit(schema);
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as OperationObject[]) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      for (const param of (operation.parameters ?? []) as ParameterObject[]) visit(param.schema);
      for (const response of Object.values(operation.responses) as ResponseObject[]) {
        for (const media of Object.values(response.content ?? {})) visit(media.schema);
      }
    }
  }
}

function describeOperation(
  operation: OperationObject,
  facts: RouteFacts | undefined,
  options: { rateLimited: boolean; readsBody: boolean },
): void {
  // Deny by default: a handler we cannot find is documented as needing a token.
  const isPublic = facts?.isPublic ?? false;
  operation.security = isPublic ? [] : [{ bearer: [] }];

  // Merge header parameters Swagger lists twice (once from @Headers, once from @ApiHeader).
  const params: ParameterObject[] = [];
  for (const param of (operation.parameters ?? []) as ParameterObject[]) {
    const twin = params.find((p) => p.in === param.in && p.name.toLowerCase() === param.name.toLowerCase());
    if (!twin) params.push(param);
    else if (param.description) Object.assign(twin, param, { required: twin.required && param.required });
  }
  for (const param of params) {
    if (param.in === 'path' && facts?.uuidParams.has(param.name)) {
      param.schema = { ...UUID_SCHEMA };
      param.description ??= 'a UUID; anything else is a 400';
    }
  }
  operation.parameters = params;

  const statuses = new Set<string>(['500', '503']);
  // A method that carries a body has it parsed before the handler runs, whether or not the
  // handler reads it: malformed JSON, nesting too deep or a NUL character is a 400 anywhere.
  if (params.length > 0 || operation.requestBody || options.readsBody) statuses.add('400');
  if (!isPublic) ['401', '403'].forEach((s) => statuses.add(s));
  if (params.some((p) => p.in === 'path')) statuses.add('404');
  if (operation.requestBody) statuses.add('413');
  if (params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match')) statuses.add('412');
  if (params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')) statuses.add('422');
  if (options.rateLimited) statuses.add('429');

  const responses = operation.responses as Record<string, ResponseObject>;
  for (const status of statuses) responses[status] ??= { description: ERROR_DESCRIPTIONS[status] };
  for (const [status, response] of Object.entries(responses)) {
    const code = Number(status);
    if (code >= 400) {
      response.content = ERROR_CONTENT;
      if (!response.description) response.description = ERROR_DESCRIPTIONS[status] ?? 'Error';
    } else if (!response.description) {
      response.description = code === 201 ? 'Created' : code === 204 ? 'No content' : 'OK';
    }
    const headers: Record<string, ReferenceObject> = {};
    if (options.rateLimited && code < 500) {
      headers.RateLimit = HEADER_REF('RateLimit');
      headers['RateLimit-Policy'] = HEADER_REF('RateLimit-Policy');
    }
    if (code === 429 || code === 503) headers['Retry-After'] = HEADER_REF('Retry-After');
    if (Object.keys(headers).length > 0) response.headers = { ...(response.headers ?? {}), ...headers };
  }
}

export interface OpenApiOptions {
  /** Whether the operation is subject to the rate limits (and so answers 429 with their headers). */
  rateLimited: (path: string) => boolean;
}

/**
 * The OpenAPI document as served at /docs-json: Swagger's reading of the controllers, with the
 * validators' limits, the error shape, security per route and rate-limit headers made explicit.
 */
export function createOpenApiDocument(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  applyValidatorLimits();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Leadpath API')
      .setDescription(
        'Mentoring tracker: readiness of aspiring leads, backed by evidence. Errors share one shape ' +
          '(`ErrorResponse`); lists are paged with `limit` and `cursor`. Besides the statuses each ' +
          'operation lists, any request may be answered 408 (sent too slowly), 413 (body too large), ' +
          '415 (a body in a media type the API does not read) or 503 (shutting down), in that shape.',
      )
      .setVersion('1')
      .addServer('/', 'production or local: the Leadpath server that serves this document')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: BEARER_DESCRIPTION })
      .build(),
  );
  const facts = routeFacts(app);
  let usesRateLimits = false;
  const tags = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const key = operation.operationId?.replace(/\[\d+\]$/, '');
      const rateLimited = options.rateLimited(path);
      usesRateLimits ||= rateLimited;
      describeOperation(operation, key ? facts.get(key) : undefined, { rateLimited, readsBody: method !== 'get' });
      // Routes that also read a spreadsheet's CSV as the whole body (`text/csv`, see useCsvBodyParser).
      const csv = operation as typeof operation & { 'x-csv-body'?: boolean };
      if (csv['x-csv-body']) {
        delete csv['x-csv-body'];
        const body = operation.requestBody as { content?: Record<string, unknown> } | undefined;
        if (body?.content) {
          body.content['text/csv'] = {
            schema: { type: 'string', maxLength: CSV_BODY_LIMIT_BYTES, description: 'the file itself, UTF-8' },
          };
        }
      }
      operation.tags?.forEach((tag) => tags.add(tag));
    }
  }
  document.info.license = { name: 'UNLICENSED' };
  document.tags = [...tags].sort().map((name) => ({ name, description: TAGS[name] ?? name }));
  document.servers = document.servers?.map((server) => ({ ...server, 'x-internal': false }));
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...errorSchemas },
    headers: { ...retryAfterHeader, ...(usesRateLimits ? rateLimitHeaders : {}) },
  };
  describeHealth(document);
  // Request bodies reject unknown fields (forbidNonWhitelisted); responses are built field by
  // field by the mappers. Either way an object has exactly the properties listed.
  for (const schema of Object.values(document.components.schemas ?? {})) {
    if ('properties' in schema && schema.properties) schema.additionalProperties = false;
  }
  boundResponses(document);
  strictNullable(document);
  return document;
}
