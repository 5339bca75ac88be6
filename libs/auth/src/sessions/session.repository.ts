import { Injectable } from '@nestjs/common';
import type { Sql } from '@leadpath/platform';

export interface RotatedToken {
  organization_id: string;
  user_id: string;
  family_id: string;
  token_version: number;
  expires_at: Date;
}

/**
 * Refresh tokens by their hash. Looked up before anyone is known to be signed in, so these run
 * as system work outside a tenant session; each statement names the token or family it touches.
 */
@Injectable()
export class SessionRepository {
  async insert(
    sql: Sql,
    row: {
      organizationId: string;
      userId: string;
      familyId: string;
      tokenHash: string;
      tokenVersion: number;
      expiresAt: Date;
    },
  ): Promise<void> {
    await sql.query(
      `INSERT INTO refresh_tokens (organization_id, user_id, family_id, token_hash, token_version, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.organizationId, row.userId, row.familyId, row.tokenHash, row.tokenVersion, row.expiresAt],
    );
  }

  /** Marks a live token used, atomically: of two concurrent uses only one gets the row back. */
  async consume(sql: Sql, tokenHash: string): Promise<RotatedToken | undefined> {
    const [row] = await sql.query<RotatedToken>(
      `UPDATE refresh_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING organization_id, user_id, family_id, token_version, expires_at`,
      [tokenHash],
    );
    return row;
  }

  /** The family of a token that exists, whatever its state (to revoke it on reuse or logout). */
  async familyOf(
    sql: Sql,
    tokenHash: string,
  ): Promise<{ family_id: string; organization_id: string; user_id: string } | undefined> {
    const [row] = await sql.query<{ family_id: string; organization_id: string; user_id: string }>(
      'SELECT family_id, organization_id, user_id FROM refresh_tokens WHERE token_hash = $1',
      [tokenHash],
    );
    return row;
  }

  async revokeFamily(sql: Sql, familyId: string): Promise<number> {
    const rows = await sql.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL RETURNING id',
      [familyId],
    );
    return rows.length;
  }

  /** Ends every session of a user at once (a password set from a link), in their organization's unit of work. */
  async revokeAllOfUser(sql: Sql, userId: string): Promise<number> {
    const rows = await sql.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id',
      [userId],
    );
    return rows.length;
  }

  /** Ended sessions are only clutter; removed now and then. */
  async prune(sql: Sql): Promise<void> {
    await sql.query(`DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'`);
  }
}
