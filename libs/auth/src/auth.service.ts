import { Injectable } from '@nestjs/common';
import { AccessService, Permission, type Actor } from '@leadpath/access';
import { AuditService } from '@leadpath/audit';
import { Database, qb } from '@leadpath/platform/database';
import { DomainError, ErrorCode } from '@leadpath/platform/domain';
import { PasswordService, toUserResponse, UsersRepository, type UserRow } from '@leadpath/users';
import type { LoginDto, LoginResponse, MeResponse } from './dto/auth.dto';
import { LoginThrottleService } from './throttle/login-throttle.service';
import type { SessionCookieJar } from './sessions/session-cookie';
import { SessionService } from './sessions/session.service';
import { TokenService } from './tokens/token.service';

const BAD_CREDENTIALS = 'Invalid e-mail or password';

/** The most organizations a `choose_organization` answer lists (the error shape's bound). */
const MAX_CHOICES = 100;

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
   *
   * An address is unique per organization, so it may name several accounts. Each one's password
   * is checked (side by side, so the wait stays that of one check); only a caller whose password
   * is right for two or more active accounts learns their organizations, with a 409
   * `choose_organization`, and signs in again naming one. Anyone else gets the 401 above.
   */
  async login(
    dto: LoginDto,
    clientIp: string,
    requestId: string | null,
    jar: SessionCookieJar,
  ): Promise<LoginResponse> {
    // Counting the attempt and finding the accounts are the system operation, committed before
    // the password is checked (with no connection held), so the count is taken atomically and
    // a refused attempt counts too.
    const { attempt, accounts } = await this.db.system('auth.login', async () => ({
      attempt: await this.throttle.beforeLogin(clientIp, dto.email),
      accounts: await this.users.findAccountsByEmail(dto.email, dto.organizationId),
    }));
    this.throttle.enforce(attempt);
    const hashes = accounts.length > 0 ? accounts.map((a) => a.password_hash) : [undefined];
    const verified = await Promise.all(hashes.map((hash) => this.passwords.verify(hash, dto.password)));
    const matching = accounts.filter((account, i) => verified[i] && account.active);
    if (matching.length === 0) {
      await this.db.system('auth.login', () => this.audit.recordLoginFailure(dto.email, requestId, dto.organizationId));
      throw new DomainError(ErrorCode.Unauthenticated, BAD_CREDENTIALS);
    }
    await this.db.system('auth.login', () => this.throttle.succeeded(attempt));
    if (matching.length > 1) {
      throw DomainError.chooseOrganization(
        matching.slice(0, MAX_CHOICES).map((a) => ({ id: a.organization_id, name: a.organization_name })),
      );
    }
    const [user] = matching;
    // Checked only once the password proved right, so the answer tells nothing to a guesser.
    if (user.sso_required && !user.break_glass) {
      throw new DomainError(
        ErrorCode.SsoRequired,
        'Your organization signs in through its identity provider: use “Continue with your organization’s sign-in”',
      );
    }
    const recordLogin = () =>
      this.db.tenant(user.organization_id, () =>
        this.audit.record(
          { organizationId: user.organization_id, userId: user.id, requestId },
          { action: 'auth.login', objectType: 'user', objectId: user.id },
        ),
      );
    if (dto.browserSession) await this.sessions.start(user, jar, recordLogin);
    else await recordLogin();
    return this.accessFor(user);
  }

  /** A new access token for the browser session in the cookie (which is rotated). */
  /**
   * A browser without a session cookie has nobody signed in: every first visit asks, so that answer
   * is `noSession` (204), not an error; a cookie that is no longer live still answers 401.
   */
  async refresh(
    jar: SessionCookieJar,
    requestId: string | null,
    noSession: () => void,
  ): Promise<LoginResponse | undefined> {
    if (jar.value === undefined) {
      noSession();
      return undefined;
    }
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
    const [row] = await qb
      .selectFrom('organizations')
      .select('name as organization_name')
      .where('id', '=', actor.organizationId)
      .execute();
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
