import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { ExpressionBuilder } from 'kysely';
import { qb, type DB } from './query-builder';

/** What an Idempotency-Key may be; the OpenAPI document states it too. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` for creating POSTs. The key row is inserted in the same transaction as the
 * write; a concurrent repeat waits on the key's unique index, then finds the committed first
 * answer and returns it. It runs in the caller's unit of work. The same key with a different body is a 422. Keys are scoped to the
 * organization and the user, so nobody can replay or probe another caller's keys.
 */
@Injectable()
export class IdempotencyService {
  async run<T>(
    scope: { organizationId: string; userId: string },
    key: string | undefined,
    request: unknown,
    fn: () => Promise<T>,
  ): Promise<T> {
    if (key === undefined) return fn();
    if (!IDEMPOTENCY_KEY.test(key))
      throw DomainError.invalid('Idempotency-Key', 'must be 1–200 printable ASCII characters');
    const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const thisKey = (eb: ExpressionBuilder<DB, 'idempotency_keys'>) =>
      eb.and({ organization_id: scope.organizationId, user_id: scope.userId, key });
    const claimed = await qb
      .insertInto('idempotency_keys')
      .values({ organization_id: scope.organizationId, user_id: scope.userId, key, request_hash: hash })
      .onConflict((conflict) => conflict.doNothing())
      .returning('key')
      .execute();
    if (claimed.length === 0) {
      const [first] = await qb
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'response_body'])
        .where(thisKey)
        .execute();
      if (!first || first.request_hash !== hash || first.response_body === null) {
        throw new DomainError(ErrorCode.Unprocessable, 'This Idempotency-Key was used with a different request');
      }
      // Stored below from this route's result: the same request (same hash) got this answer first.
      return first.response_body as T;
    }
    const result = await fn();
    await qb
      .updateTable('idempotency_keys')
      .set({ response_status: 201, response_body: JSON.stringify(result) })
      .where(thisKey)
      .execute();
    return result;
  }
}
