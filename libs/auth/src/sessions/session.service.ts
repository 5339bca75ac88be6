import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@leadpath/audit';
import { APP_CONFIG, Database, DomainError, ErrorCode, type AppConfig, type Sql } from '@leadpath/platform';
import { UsersRepository, type UserRow } from '@leadpath/users';
import type { SessionCookieJar } from './session-cookie';
import { SessionRepository } from './session.repository';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const SIGNED_OUT = 'Your session has ended; sign in again';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Browser sessions: a refresh token in an HttpOnly cookie, rotated on every use. The session's
 * absolute end is fixed at sign-in. A token presented a second time means two parties hold it,
 * so the whole family is revoked and both must sign in again.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a session for a user who just proved who they are. */
  async start(sql: Sql, user: UserRow, jar: SessionCookieJar): Promise<void> {
    const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
    await this.issue(sql, { ...user, family_id: randomUUID(), expires_at: expiresAt }, jar);
    if (Math.random() < 0.01) await this.sessions.prune(sql);
  }

  /** Trades the cookie's token for a new one and returns the user it belongs to. */
  async rotate(jar: SessionCookieJar, requestId: string | null): Promise<UserRow> {
    const presented = jar.value;
    if (!presented || !TOKEN.test(presented)) throw this.signedOut(jar);
    const tokenHash = hash(presented);
    const user = await this.db.transaction(async (tx) => {
      const token = await this.sessions.consume(tx, tokenHash);
      if (!token) return undefined;
      const row = await this.users.findById(token.organization_id, token.user_id, tx);
      // A deactivation, role or password change bumped the version: every session of the user ends.
      if (!row || !row.active || row.token_version !== token.token_version) {
        await this.sessions.revokeFamily(tx, token.family_id);
        await this.audit.record(
          tx,
          { organizationId: token.organization_id, userId: token.user_id, requestId },
          { action: 'auth.session_revoked', objectType: 'user', objectId: token.user_id },
        );
        return undefined;
      }
      await this.issue(tx, { ...row, family_id: token.family_id, expires_at: token.expires_at }, jar);
      await this.audit.record(
        tx,
        { organizationId: row.organization_id, userId: row.id, requestId },
        { action: 'auth.refresh', objectType: 'user', objectId: row.id },
      );
      return row;
    });
    if (user) return user;
    await this.revokeOnReuse(tokenHash, requestId);
    throw this.signedOut(jar);
  }

  /** Ends the cookie's session, whatever state it is in; always clears the cookie. */
  async end(jar: SessionCookieJar, requestId: string | null): Promise<void> {
    const presented = jar.value;
    jar.clear();
    if (!presented || !TOKEN.test(presented)) return;
    await this.db.transaction(async (tx) => {
      const family = await this.sessions.familyOf(tx, hash(presented));
      if (!family) return;
      await this.sessions.revokeFamily(tx, family.family_id);
      await this.audit.record(
        tx,
        { organizationId: family.organization_id, userId: family.user_id, requestId },
        { action: 'auth.logout', objectType: 'user', objectId: family.user_id },
      );
    });
  }

  /** A known token that could not be rotated was used before, revoked or expired: end its family. */
  private async revokeOnReuse(tokenHash: string, requestId: string | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      const family = await this.sessions.familyOf(tx, tokenHash);
      if (!family) return;
      const revoked = await this.sessions.revokeFamily(tx, family.family_id);
      if (revoked === 0) return;
      await this.audit.record(
        tx,
        { organizationId: family.organization_id, userId: family.user_id, requestId },
        { action: 'auth.session_revoked', objectType: 'user', objectId: family.user_id },
      );
    });
  }

  private async issue(
    sql: Sql,
    session: UserRow & { family_id: string; expires_at: Date },
    jar: SessionCookieJar,
  ): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    await this.sessions.insert(sql, {
      organizationId: session.organization_id,
      userId: session.id,
      familyId: session.family_id,
      tokenHash: hash(token),
      tokenVersion: session.token_version,
      expiresAt: session.expires_at,
    });
    jar.set(token, (session.expires_at.getTime() - Date.now()) / 1000);
  }

  private signedOut(jar: SessionCookieJar): DomainError {
    jar.clear();
    return new DomainError(ErrorCode.Unauthenticated, SIGNED_OUT);
  }
}
