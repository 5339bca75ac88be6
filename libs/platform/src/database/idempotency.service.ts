import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { Database } from './database.service';

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
  constructor(private readonly db: Database) {}

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
    const claimed = await this.db.query(
      `INSERT INTO idempotency_keys (organization_id, user_id, key, request_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING key`,
      [scope.organizationId, scope.userId, key, hash],
    );
    if (claimed.length === 0) {
      const [first] = await this.db.query<{ request_hash: string; response_body: T | null }>(
        `SELECT request_hash, response_body FROM idempotency_keys WHERE organization_id = $1 AND user_id = $2 AND key = $3`,
        [scope.organizationId, scope.userId, key],
      );
      if (!first || first.request_hash !== hash || first.response_body === null) {
        throw new DomainError(ErrorCode.Unprocessable, 'This Idempotency-Key was used with a different request');
      }
      return first.response_body;
    }
    const result = await fn();
    await this.db.query(
      `UPDATE idempotency_keys SET response_status = 201, response_body = $4
          WHERE organization_id = $1 AND user_id = $2 AND key = $3`,
      [scope.organizationId, scope.userId, key, JSON.stringify(result)],
    );
    return result;
  }
}
