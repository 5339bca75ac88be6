import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { DomainError } from '../errors/domain-error';

/** Deeper than any request this API takes (three levels at most), far below what recursion survives. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]);
const CLOSE = new Set([0x5d, 0x7d]);

/**
 * Whether a JSON text nests deeper than `limit`, found in one pass over its bytes without parsing
 * (brackets inside strings do not count). UTF-8 continuation bytes are never ASCII, so scanning
 * bytes is exact. It stops at the first level too deep, so a hostile body costs next to nothing.
 */
export function nestsDeeperThan(body: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPEN.has(byte)) {
      if (++depth > limit) return true;
    } else if (CLOSE.has(byte)) {
      depth--;
    }
  }
  return false;
}

/**
 * The JSON body parser: refuses excessive nesting before anything walks it (parsing,
 * validation, logging), then parses as Fastify does, refusing prototype poisoning.
 */
export function useJsonBodyParser(adapter: FastifyAdapter, bodyLimit: number): void {
  const instance = adapter.getInstance();
  const parse = instance.getDefaultJsonParser('error', 'error');
  adapter.useBodyParser('application/json', false, { bodyLimit }, (request, body, done) => {
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(DomainError.invalid('body', `must not nest deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    void parse(request, body.toString('utf8'), done);
  });
}
