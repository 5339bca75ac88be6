import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@leadpath/audit';
import { CredentialsService } from '@leadpath/credentials';
import { JobsService, OnJob } from '@leadpath/jobs';
import { Database } from '@leadpath/platform/database';
import { DomainError } from '@leadpath/platform/domain';
import { PasswordService, UsersRepository } from '@leadpath/users';
import type { AcceptedResponse, PasswordResetConfirmDto, PasswordResetDto } from '../dto/auth.dto';
import { SessionRepository } from '../sessions/session.repository';
import { LoginThrottleService } from '../throttle/login-throttle.service';

export const PASSWORD_RESET_JOB = 'auth.password-reset';

/** More reset mails than this per account and hour are not sent (the request still answers 202). */
export const RESETS_PER_HOUR = 3;

const RESET_ACCEPTED = 'If an account has this address, a link to choose a new password is on its way.';

const BAD_LINK = 'This link is invalid, used or expired; ask for a new one';

/**
 * Password reset and invitation acceptance. Asking for a reset only enqueues a job naming the
 * address, whether or not an account has it, so the answer (202) and the work before it are the
 * same for every address; the job looks the account up and mails the link.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger('PasswordReset');

  constructor(
    private readonly db: Database,
    private readonly jobs: JobsService,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: SessionRepository,
  ) {}

  /** The address names no organization yet: counting and enqueuing are system work, like sign-in. */
  async request(dto: PasswordResetDto, clientIp: string): Promise<AcceptedResponse> {
    await this.db.system('auth.password-reset', async () => {
      await this.throttle.perClient(clientIp, 'password-reset');
      await this.jobs.enqueue(PASSWORD_RESET_JOB, { email: dto.email });
    });
    return { message: RESET_ACCEPTED };
  }

  /**
   * An address may hold an account in several organizations: each active one gets its own link,
   * issued and throttled in its own organization's unit of work (the request answered 202 long
   * before, whatever the count).
   */
  @OnJob(PASSWORD_RESET_JOB)
  private async sendLink({ email }: { email: string }): Promise<void> {
    const accounts = await this.db.system('auth.password-reset', () => this.users.findAccountsByEmail(email));
    for (const user of accounts.filter((a) => a.active)) {
      await this.db.tenant(user.organization_id, async () => {
        if ((await this.credentials.recentCount(user.id, 'password_reset')) >= RESETS_PER_HOUR) {
          this.logger.warn({ userId: user.id }, 'password reset mails throttled for this account');
          return;
        }
        await this.credentials.issue(user.organization_id, user.id, 'password_reset');
        await this.audit.record(
          { organizationId: user.organization_id, userId: null, requestId: null },
          { action: 'auth.password_reset_requested', objectType: 'user', objectId: user.id },
        );
      });
    }
  }

  /** Sets the password from an invitation or reset link; every token, browser session and link of the user stops working. */
  async confirm(dto: PasswordResetConfirmDto, clientIp: string): Promise<void> {
    // The link names no organization: finding it is system work; the rest is its organization's.
    const token = await this.db.system('auth.link', async () => {
      await this.throttle.perClient(clientIp, 'password-reset-confirm');
      return this.credentials.find(dto.token);
    });
    if (!token) throw DomainError.invalid('token', BAD_LINK);
    await this.db.tenant(token.organization_id, async () => {
      const user = await this.users.lock(token.organization_id, token.user_id);
      if (!user || !user.active) throw DomainError.invalid('token', BAD_LINK);
      this.passwords.assertAcceptable(dto.password, 'password', user.email);
      if (!(await this.credentials.spend(token))) throw DomainError.invalid('token', BAD_LINK);
      const passwordHash = await this.passwords.hash(dto.password);
      // Bumping the token version revokes every access token the user holds; their browser
      // sessions end now too, not only when a refresh cookie next comes back.
      await this.users.update(token.organization_id, user.id, { passwordHash }, true);
      await this.sessions.revokeAllOfUser(user.id);
      await this.audit.record(
        { organizationId: token.organization_id, userId: user.id, requestId: null },
        {
          action: token.purpose === 'invitation' ? 'auth.invitation_accepted' : 'auth.password_reset',
          objectType: 'user',
          objectId: user.id,
        },
      );
    });
  }
}
