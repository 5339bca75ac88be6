import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import { type DB, qb } from '@leadpath/platform/database';
import type { TokenPurpose } from './entities/auth-token.entity';

/** A link's token as its use needs it; the purpose column holds only TokenPurpose values (CHECK). */
export type TokenRow = Pick<Selectable<DB['auth_tokens']>, 'id' | 'organization_id' | 'user_id'> & {
  purpose: TokenPurpose;
};

@Injectable()
export class CredentialsRepository {
  async insert(token: {
    organizationId: string;
    userId: string;
    purpose: TokenPurpose;
    deliveryId: string;
    expiresAt: Date;
    issuedAt: Date;
  }): Promise<void> {
    await qb
      .insertInto('auth_tokens')
      .values({
        organization_id: token.organizationId,
        user_id: token.userId,
        purpose: token.purpose,
        delivery_id: token.deliveryId,
        expires_at: token.expiresAt,
      })
      .execute();
    // The person is "invited" until they choose a password (the users repository clears it).
    if (token.purpose === 'invitation') {
      await qb
        .updateTable('users')
        .set({ invited_at: token.issuedAt })
        .where('organization_id', '=', token.organizationId)
        .where('id', '=', token.userId)
        .execute();
    }
  }

  /** Sets the hash of the token about to be mailed; none when the link is spent or expired. */
  async arm(
    deliveryId: string,
    tokenHash: string,
    now: Date,
  ): Promise<Pick<Selectable<DB['auth_tokens']>, 'expires_at'> | undefined> {
    return qb
      .updateTable('auth_tokens')
      .set({ token_hash: tokenHash })
      .where('delivery_id', '=', deliveryId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('expires_at')
      .executeTakeFirst();
  }

  /**
   * A link names no organization, so finding its token is cross-organization system work (like
   * sign-in); everything after it runs in the token's organization's unit of work.
   */
  async findByHashAcrossOrganizations(tokenHash: string): Promise<TokenRow | undefined> {
    return qb
      .selectFrom('auth_tokens')
      .select(['id', 'organization_id', 'user_id', 'purpose'])
      .where('token_hash', '=', tokenHash)
      .$narrowType<{ purpose: TokenPurpose }>()
      .executeTakeFirst();
  }

  /** Spends the token if it is still usable; true when this call spent it. */
  async spend(id: string, now: Date): Promise<boolean> {
    const rows = await qb
      .updateTable('auth_tokens')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('id')
      .execute();
    return rows.length === 1;
  }

  /** Every other open link of the user stops working (a new password revokes them all). */
  async spendAllOf(userId: string, now: Date): Promise<void> {
    await qb
      .updateTable('auth_tokens')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  /** Whether the user holds a link of `purpose` that still works. */
  async hasOpen(userId: string, purpose: TokenPurpose, now: Date): Promise<boolean> {
    const rows = await qb
      .selectFrom('auth_tokens')
      .select('id')
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .limit(1)
      .execute();
    return rows.length > 0;
  }

  async countSince(userId: string, purpose: TokenPurpose, since: Date): Promise<number> {
    const { n } = await qb
      .selectFrom('auth_tokens')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return n;
  }
}
