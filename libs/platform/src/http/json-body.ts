import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { DomainError } from '../errors/domain-error';

/** Deeper than any request this API takes (three levels at most), far below what recursion survives. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether a JSON text nests deeper than `limit`, found in one pass over its bytes without parsing
 * (brackets inside strings do not count). UTF-8 continuation bytes are never ASCII, so scanning
 * bytes is exact. It stops at the first level too deep, so a hostile body costs next to nothing.
 */
export function nestsDeeperThan(body: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    if (inString) {
      // Jump to the next quote (a native search: long strings cost next to nothing); it ends the
      // string unless an odd number of backslashes escapes it.
      const next = body.indexOf(QUOTE, i);
      if (next === -1) return false;
      let backslashes = 0;
      while (next - backslashes - 1 >= i && body[next - backslashes - 1] === BACKSLASH) backslashes++;
      i = next;
      inString = backslashes % 2 === 1;
      continue;
    }
    const byte = body[i];
    if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/**
 * Form bodies, as mail providers send RFC 8058's one-click unsubscribe
 * (`List-Unsubscribe=One-Click`): parsed to a flat object of strings; a multipart form is
 * accepted and read as nothing (no route takes fields from one).
 */
export function useFormBodyParser(adapter: FastifyAdapter, bodyLimit: number): void {
  adapter.useBodyParser('application/x-www-form-urlencoded', false, { bodyLimit }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  });
  adapter.useBodyParser('multipart/form-data', false, { bodyLimit }, (_request, _body, done) => done(null, {}));
}

/**
 * The JSON body parser: refuses excessive nesting before anything walks it (parsing,
 * validation, logging), then parses as Fastify does, refusing prototype poisoning.
 */
export function useJsonBodyParser(adapter: FastifyAdapter, bodyLimit: number): void {
  const instance = adapter.getInstance();
  const parse = instance.getDefaultJsonParser('error', 'error');
  // SCIM clients send `application/scim+json` (RFC 7644 §3.1): the same JSON under its own name.
  adapter.useBodyParser(['application/json', 'application/scim+json'], false, { bodyLimit }, (request, body, done) => {
    // A SCIM DELETE may name the media type and carry nothing: no body, not a malformed one.
    if (body.length === 0 && request.url.startsWith('/scim/')) {
      done(null, undefined);
      return;
    }
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(DomainError.invalid('body', `must not nest deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    void parse(request, body.toString('utf8'), done);
  });
}

/** The largest CSV file a route reads as its body (a spreadsheet of some 50,000 people). */
export const CSV_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** The routes that read a `text/csv` body (for every other route it is a media type the API does not read). */
export const CSV_BODY_ROUTES = new Set(['/api/v1/imports/people']);

/**
 * CSV bodies, as a spreadsheet saves them: read as UTF-8 text and handed on as `{ csv }`, the
 * same shape as the JSON form of those routes, so one DTO validates both.
 */
export function useCsvBodyParser(adapter: FastifyAdapter): void {
  adapter.useBodyParser('text/csv', false, { bodyLimit: CSV_BODY_LIMIT_BYTES }, (request, body, done) => {
    const path = request.url.split('?')[0];
    if (!CSV_BODY_ROUTES.has(path)) {
      done(Object.assign(new Error('This route does not read text/csv'), { statusCode: 415 }), undefined);
      return;
    }
    done(null, { csv: body.toString('utf8') });
  });
}
