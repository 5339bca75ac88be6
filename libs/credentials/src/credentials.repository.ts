import { Injectable } from '@nestjs/common';
import { Database, type Sql } from '@leadpath/platform';
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
    sql: Sql,
    token: { organizationId: string; userId: string; purpose: TokenPurpose; deliveryId: string; expiresAt: Date },
  ): Promise<void> {
    await sql.query(
      `INSERT INTO auth_tokens (organization_id, user_id, purpose, delivery_id, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [token.organizationId, token.userId, token.purpose, token.deliveryId, token.expiresAt],
    );
  }

  /** Sets the hash of the token about to be mailed; none when the link is spent or expired. */
  async arm(deliveryId: string, tokenHash: string, now: Date): Promise<{ expires_at: Date } | undefined> {
    const [row] = await this.db.query<{ expires_at: Date }>(
      `UPDATE auth_tokens SET token_hash = $2
        WHERE delivery_id = $1 AND used_at IS NULL AND expires_at > $3
        RETURNING expires_at`,
      [deliveryId, tokenHash, now],
    );
    return row;
  }

  /**
   * A link names no organization, so finding its token is cross-organization system work (like
   * sign-in); everything after it runs in the token's organization's unit of work.
   */
  async findByHashAcrossOrganizations(tokenHash: string): Promise<TokenRow | undefined> {
    const [row] = await this.db.query<TokenRow>(
      `SELECT id, organization_id, user_id, purpose FROM auth_tokens WHERE token_hash = $1`,
      [tokenHash],
    );
    return row;
  }

  /** Spends the token if it is still usable; true when this call spent it. */
  async spend(sql: Sql, id: string, now: Date): Promise<boolean> {
    const rows = await sql.query(
      `UPDATE auth_tokens SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2 RETURNING id`,
      [id, now],
    );
    return rows.length === 1;
  }

  /** Every other open link of the user stops working (a new password revokes them all). */
  async spendAllOf(sql: Sql, userId: string, now: Date): Promise<void> {
    await sql.query(`UPDATE auth_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL`, [userId, now]);
  }

  async countSince(userId: string, purpose: TokenPurpose, since: Date, sql: Sql = this.db): Promise<number> {
    const [row] = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM auth_tokens WHERE user_id = $1 AND purpose = $2 AND created_at > $3`,
      [userId, purpose, since],
    );
    return row.n;
  }
}
