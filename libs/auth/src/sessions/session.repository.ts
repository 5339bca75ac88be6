import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import { type DB, qb } from '@leadpath/platform/database';

type RefreshToken = Selectable<DB['refresh_tokens']>;

export type RotatedToken = Pick<
  RefreshToken,
  'organization_id' | 'user_id' | 'family_id' | 'token_version' | 'expires_at'
>;

/**
 * Refresh tokens by their hash. Looked up before anyone is known to be signed in, so these run
 * as system work outside a tenant session; each statement names the token or family it touches.
 */
@Injectable()
export class SessionRepository {
  async insert(row: {
    organizationId: string;
    userId: string;
    familyId: string;
    tokenHash: string;
    tokenVersion: number;
    expiresAt: Date;
  }): Promise<void> {
    await qb
      .insertInto('refresh_tokens')
      .values({
        organization_id: row.organizationId,
        user_id: row.userId,
        family_id: row.familyId,
        token_hash: row.tokenHash,
        token_version: row.tokenVersion,
        expires_at: row.expiresAt,
      })
      .execute();
  }

  /** Marks a live token used, atomically: of two concurrent uses only one gets the row back. */
  async consume(tokenHash: string): Promise<RotatedToken | undefined> {
    return qb
      .updateTable('refresh_tokens')
      .set({ used_at: sql`now()` })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .returning(['organization_id', 'user_id', 'family_id', 'token_version', 'expires_at'])
      .executeTakeFirst();
  }

  /** The family of a token that exists, whatever its state (to revoke it on reuse or logout). */
  async familyOf(
    tokenHash: string,
  ): Promise<Pick<RefreshToken, 'family_id' | 'organization_id' | 'user_id'> | undefined> {
    return qb
      .selectFrom('refresh_tokens')
      .select(['family_id', 'organization_id', 'user_id'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  revokeFamily(familyId: string): Promise<number> {
    return this.revokeLive('family_id', familyId);
  }

  /** Ends every session of a user at once (a password set from a link), in their organization's unit of work. */
  revokeAllOfUser(userId: string): Promise<number> {
    return this.revokeLive('user_id', userId);
  }

  /** Revokes the tokens not yet revoked whose `column` is `value`; returns how many. */
  private async revokeLive(column: 'family_id' | 'user_id', value: string): Promise<number> {
    const rows = await qb
      .updateTable('refresh_tokens')
      .set({ revoked_at: sql`now()` })
      .where(column, '=', value)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    return rows.length;
  }

  /** Ended sessions are only clutter; removed now and then. */
  async prune(): Promise<void> {
    await qb
      .deleteFrom('refresh_tokens')
      .where(sql<boolean>`expires_at < now() - interval '1 day'`)
      .execute();
  }
}
