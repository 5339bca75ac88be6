import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService, type AuditAction } from '@leadpath/audit';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { Database } from '@leadpath/platform/database';
import { DomainError, ErrorCode } from '@leadpath/platform/domain';
import { UsersRepository, type UserRow } from '@leadpath/users';
import { RevokedTokensRepository } from '../tokens/revoked-tokens.repository';
import type { TokenPayload } from '../tokens/token.service';
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
    private readonly revoked: RevokedTokensRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An https installation sends the cookie only over https, however a request reached it. */
  private get secure(): boolean {
    return this.config.publicUrl.startsWith('https://');
  }

  /** Starts a session for a user who just proved who they are, in one transaction with `alongside` (the sign-in's audit). */
  async start(user: UserRow, jar: SessionCookieJar, alongside: () => Promise<void>): Promise<void> {
    const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
    await this.db.system('auth.session', async () => {
      await alongside();
      await this.issue({ ...user, family_id: randomUUID(), expires_at: expiresAt }, jar);
      if (Math.random() < 0.01) await this.sessions.prune();
    });
  }

  /** Trades the cookie's token for a new one and returns the user it belongs to. */
  async rotate(jar: SessionCookieJar, requestId: string | null): Promise<UserRow> {
    const presented = jar.value;
    if (!presented || !TOKEN.test(presented)) throw this.signedOut(jar);
    const tokenHash = hash(presented);
    const user = await this.db.system('auth.session', async () => {
      const token = await this.sessions.consume(tokenHash);
      if (!token) return undefined;
      const row = await this.users.findById(token.organization_id, token.user_id);
      // A deactivation, role or password change bumped the version: every session of the user ends.
      if (!row || !row.active || row.token_version !== token.token_version) {
        await this.sessions.revokeFamily(token.family_id);
        await this.record(token.organization_id, token.user_id, requestId, 'auth.session_revoked');
        return undefined;
      }
      await this.issue({ ...row, family_id: token.family_id, expires_at: token.expires_at }, jar);
      await this.record(row.organization_id, row.id, requestId, 'auth.refresh');
      return row;
    });
    if (user) return user;
    await this.revokeOnReuse(tokenHash, requestId);
    throw this.signedOut(jar);
  }

  /**
   * Ends the cookie's session, whatever state it is in, and the access token presented with the
   * sign-out (deny-listed until it expires, for every instance); always clears the cookie.
   */
  async end(jar: SessionCookieJar, requestId: string | null, access?: TokenPayload): Promise<void> {
    const presented = jar.value;
    jar.clear(this.secure);
    const cookie = presented && TOKEN.test(presented) ? hash(presented) : undefined;
    if (!cookie && !access) return;
    await this.db.system('auth.session', async () => {
      const family = cookie ? await this.sessions.familyOf(cookie) : undefined;
      if (family) await this.sessions.revokeFamily(family.family_id);
      let ended = false;
      if (access) {
        ended = await this.revoked.revoke({
          jti: access.jti,
          organizationId: access.org,
          userId: access.sub,
          expiresAt: new Date(access.exp * 1000),
        });
        await this.revoked.prune();
      }
      if (family) await this.record(family.organization_id, family.user_id, requestId, 'auth.logout');
      else if (access && ended) await this.record(access.org, access.sub, requestId, 'auth.logout');
    });
  }

  /** A known token that could not be rotated was used before, revoked or expired: end its family. */
  private async revokeOnReuse(tokenHash: string, requestId: string | null): Promise<void> {
    await this.db.system('auth.session', async () => {
      const family = await this.sessions.familyOf(tokenHash);
      if (!family) return;
      const revoked = await this.sessions.revokeFamily(family.family_id);
      if (revoked === 0) return;
      await this.record(family.organization_id, family.user_id, requestId, 'auth.session_revoked');
    });
  }

  /** The audit event belongs to the user's organization: written as that tenant, in the same transaction. */
  private record(organizationId: string, userId: string, requestId: string | null, action: AuditAction): Promise<void> {
    return this.db.tenant(organizationId, () =>
      this.audit.record({ organizationId, userId, requestId }, { action, objectType: 'user', objectId: userId }),
    );
  }

  private async issue(
    session: UserRow & { family_id: string; expires_at: Date },
    jar: SessionCookieJar,
  ): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    await this.sessions.insert({
      organizationId: session.organization_id,
      userId: session.id,
      familyId: session.family_id,
      tokenHash: hash(token),
      tokenVersion: session.token_version,
      expiresAt: session.expires_at,
    });
    jar.set(token, (session.expires_at.getTime() - Date.now()) / 1000, this.secure);
  }

  private signedOut(jar: SessionCookieJar): DomainError {
    jar.clear(this.secure);
    return new DomainError(ErrorCode.Unauthenticated, SIGNED_OUT);
  }
}
