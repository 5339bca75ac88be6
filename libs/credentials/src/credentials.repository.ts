import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { Database, qb, run, type Sql } from '@leadpath/platform';
import type { TokenPurpose } from './entities/auth-token.entity';

export interface TokenRow {
  id: string;
  organization_id: string;
  user_id: string;
  purpose: TokenPurpose;
}

@Injectable()
export class CredentialsRepository {
  constructor(private readonly db: Database) {}

  async insert(
    db: Sql,
    token: { organizationId: string; userId: string; purpose: TokenPurpose; deliveryId: string; expiresAt: Date },
  ): Promise<void> {
    await run(
      db,
      qb.insertInto('auth_tokens').values({
        organization_id: token.organizationId,
        user_id: token.userId,
        purpose: token.purpose,
        delivery_id: token.deliveryId,
        expires_at: token.expiresAt,
      }),
    );
  }

  /** Sets the hash of the token about to be mailed; none when the link is spent or expired. */
  async arm(deliveryId: string, tokenHash: string, now: Date): Promise<{ expires_at: Date } | undefined> {
    const [row] = await run(
      this.db,
      qb
        .updateTable('auth_tokens')
        .set({ token_hash: tokenHash })
        .where('delivery_id', '=', deliveryId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('expires_at'),
    );
    return row;
  }

  /**
   * A link names no organization, so finding its token is cross-organization system work (like
   * sign-in); everything after it runs in the token's organization's unit of work.
   */
  async findByHashAcrossOrganizations(tokenHash: string): Promise<TokenRow | undefined> {
    const [row] = await run(
      this.db,
      qb
        .selectFrom('auth_tokens')
        .select(['id', 'organization_id', 'user_id', 'purpose'])
        .where('token_hash', '=', tokenHash)
        .$narrowType<{ purpose: TokenPurpose }>(),
    );
    return row;
  }

  /** Spends the token if it is still usable; true when this call spent it. */
  async spend(db: Sql, id: string, now: Date): Promise<boolean> {
    const rows = await run(
      db,
      qb
        .updateTable('auth_tokens')
        .set({ used_at: now })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('id'),
    );
    return rows.length === 1;
  }

  /** Every other open link of the user stops working (a new password revokes them all). */
  async spendAllOf(db: Sql, userId: string, now: Date): Promise<void> {
    await run(
      db,
      qb.updateTable('auth_tokens').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null),
    );
  }

  /** Whether the user holds a link of `purpose` that still works. */
  async hasOpen(db: Sql, userId: string, purpose: TokenPurpose, now: Date): Promise<boolean> {
    const rows = await run(
      db,
      qb
        .selectFrom('auth_tokens')
        .select('id')
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .limit(1),
    );
    return rows.length > 0;
  }

  async countSince(userId: string, purpose: TokenPurpose, since: Date, db: Sql = this.db): Promise<number> {
    const [row] = await run(
      db,
      qb
        .selectFrom('auth_tokens')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('created_at', '>', since),
    );
    return row.n;
  }
}
