import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { Database, DomainError, ErrorCode, qb, run } from '@leadpath/platform';
import { PasswordService, toUserResponse, UsersRepository, type UserRow } from '@leadpath/users';
import type { LoginDto, LoginResponse, MeResponse } from './dto/auth.dto';
import { LoginThrottleService } from './throttle/login-throttle.service';
import type { SessionCookieJar } from './sessions/session-cookie';
import { SessionService } from './sessions/session.service';
import { TokenService } from './tokens/token.service';

const BAD_CREDENTIALS = 'Invalid e-mail or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Unknown e-mail, wrong password and deactivated account all get the same 401 after the same
   * work — one throttle statement, one lookup, one argon2 verification, one audit statement — so
   * neither the answer nor its timing tells which accounts exist.
   */
  async login(
    dto: LoginDto,
    clientIp: string,
    requestId: string | null,
    jar: SessionCookieJar,
  ): Promise<LoginResponse> {
    // Counting the attempt and finding the account are the system operation, committed before
    // the password is checked (with no connection held), so the count is taken atomically and
    // a refused attempt counts too.
    const { attempt, user } = await this.db.system('auth.login', async () => ({
      attempt: await this.throttle.beforeLogin(clientIp, dto.email),
      user: await this.users.findByEmailForLogin(dto.email),
    }));
    this.throttle.enforce(attempt);
    const ok = await this.passwords.verify(user?.password_hash, dto.password);
    if (!user || !ok || !user.active) {
      await this.db.system('auth.login', () => this.audit.recordLoginFailure(dto.email, requestId));
      throw new DomainError(ErrorCode.Unauthenticated, BAD_CREDENTIALS);
    }
    await this.db.system('auth.login', () => this.throttle.succeeded(attempt));
    const recordLogin = () =>
      this.db.tenant(user.organization_id, () =>
        this.audit.record(
          this.db,
          { organizationId: user.organization_id, userId: user.id, requestId },
          { action: 'auth.login', objectType: 'user', objectId: user.id },
        ),
      );
    if (dto.browserSession) await this.sessions.start(user, jar, recordLogin);
    else await recordLogin();
    return this.accessFor(user);
  }

  /** A new access token for the browser session in the cookie (which is rotated). */
  async refresh(jar: SessionCookieJar, requestId: string | null): Promise<LoginResponse> {
    return this.accessFor(await this.sessions.rotate(jar, requestId));
  }

  /** Ends the browser session in the cookie and the access token sent with the request, if any. */
  async logout(jar: SessionCookieJar, requestId: string | null, authorization: string | undefined): Promise<void> {
    await this.sessions.end(jar, requestId, this.tokens.verifyBearer(authorization));
  }

  private accessFor(user: UserRow): LoginResponse {
    const token = this.tokens.sign({ sub: user.id, org: user.organization_id, ver: user.token_version });
    return { ...token, tokenType: 'Bearer', user: toUserResponse(user) };
  }

  async me(actor: Actor): Promise<MeResponse> {
    await this.access.require(actor, Permission.ProfileRead);
    const [row] = await run(
      this.db,
      qb.selectFrom('organizations').select('name as organization_name').where('id', '=', actor.organizationId),
    );
    const user = await this.users.findById(actor.organizationId, actor.userId);
    if (!user || !row) throw DomainError.notFound('User');
    return {
      user: toUserResponse(user),
      roles: user.roles,
      organization: { id: actor.organizationId, name: row.organization_name },
      menteeId: actor.menteeId,
    };
  }
}
