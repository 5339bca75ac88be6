import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { qb } from '@leadpath/platform/database';
import { UsersRepository } from '@leadpath/users';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Access tokens ended by a sign-out, by token id (`jti`), kept in PostgreSQL so that every
 * instance refuses them; a row lives until the token would have expired anyway.
 */
@Injectable()
export class RevokedTokensRepository {
  constructor(private readonly users: UsersRepository) {}

  /**
   * The token check's one statement (for `db.systemRead('auth.token', …)`): the user's state and
   * whether a sign-out ended this token, so the deny list costs no extra round trip. Its values
   * are literals, escaped by the query builder after they were checked to be UUIDs.
   */
  tokenCheckQuery(userId: string, jti: string) {
    if (!UUID.test(jti)) throw new Error('tokenCheckQuery takes a UUID token id');
    return this.users.authStateQuery(userId).select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('revoked_access_tokens as r')
            .select('r.jti')
            .where(sql<boolean>`r.jti = ${sql.lit(jti)}::uuid`),
        )
        .as('revoked'),
    );
  }

  /**
   * Ends one access token until `expiresAt` (its own expiry), when its user still exists in the
   * organization the token names; ending it twice is harmless. Returns whether a row was added.
   */
  async revoke(token: { jti: string; organizationId: string; userId: string; expiresAt: Date }): Promise<boolean> {
    const rows = await qb
      .insertInto('revoked_access_tokens')
      .columns(['jti', 'organization_id', 'user_id', 'expires_at'])
      .expression((eb) =>
        eb
          .selectFrom('users as u')
          .select([
            sql<string>`${token.jti}::uuid`.as('jti'),
            'u.organization_id',
            'u.id',
            sql<Date>`${token.expiresAt}::timestamptz`.as('expires_at'),
          ])
          .where('u.id', '=', token.userId)
          .where('u.organization_id', '=', token.organizationId),
      )
      .onConflict((oc) => oc.column('jti').doNothing())
      .returning('jti')
      .execute();
    return rows.length > 0;
  }

  /** Rows of tokens that have expired are refused by their expiry alone: removed at each sign-out. */
  async prune(): Promise<number> {
    const rows = await qb
      .deleteFrom('revoked_access_tokens')
      .where('expires_at', '<', sql<Date>`now()`)
      .returning('jti')
      .execute();
    return rows.length;
  }
}
