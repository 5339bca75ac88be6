import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, DomainError, ErrorCode, type AppConfig } from '@leadpath/platform';
import { LoginThrottleRepository, type Hits } from './login-throttle.repository';

/** The counters one sign-in attempt touches; settled when it succeeds. */
export interface LoginAttempt {
  readonly pair: string;
  readonly client: string;
  readonly account: string;
}

/**
 * Sign-in and sign-up throttling, on the client address as the socket sees it (or as a trusted
 * proxy reports it when TRUST_PROXY is on).
 *
 * Every attempt is counted as a failure *before* the password is checked and taken back when it
 * succeeds, so the count and the decision are one atomic step: thirty attempts in parallel get
 * the numbers 1 to 30 and only the first few reach the password check.
 *
 * Failures are counted per (account, client) and per client, which is what refuses an attacker.
 * The count per account across all clients cannot lock the owner out: past the limit it only
 * refuses clients that have themselves been failing, so the owner's correct password from a
 * client with a clean record still signs in, wherever the attack comes from.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly repository: LoginThrottleRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async beforeLogin(clientIp: string, email: string): Promise<LoginAttempt> {
    const { maxAttemptsPerClient, maxFailuresPerAccount, maxFailuresPerClient, windowSeconds } = this.config.login;
    const attempt: LoginAttempt = {
      pair: `login:fail:${clientIp}:${email}`,
      client: `login:fail-client:${clientIp}`,
      account: `login:fail-account:${email}`,
    };
    const attempts = `login:ip:${clientIp}`;
    const hits = await this.repository.hitAll([attempts, attempt.pair, attempt.client, attempt.account], windowSeconds);
    const at = (key: string): Hits => hits.get(key) ?? { hits: 0, retryAfterSeconds: 1 };
    const clean = at(attempt.pair).hits === 1 && at(attempt.client).hits === 1;
    const refused = [
      at(attempts).hits > maxAttemptsPerClient ? at(attempts) : undefined,
      at(attempt.pair).hits > maxFailuresPerAccount ? at(attempt.pair) : undefined,
      at(attempt.client).hits > maxFailuresPerClient ? at(attempt.client) : undefined,
      at(attempt.account).hits > maxFailuresPerAccount && !clean ? at(attempt.account) : undefined,
    ].find((h) => h !== undefined);
    if (refused) throw tooMany(refused.retryAfterSeconds);
    return attempt;
  }

  /** The password was right: this client's failures on the account, and the account's, are forgiven. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.repository.settle([attempt.pair, attempt.account], attempt.client);
    if (Math.random() < 0.01) await this.repository.prune();
  }

  /** Sign-ups: a few per client address and window, so nobody mass-creates organizations. */
  async beforeSignup(clientIp: string): Promise<void> {
    const key = `signup:ip:${clientIp}`;
    const hits = (await this.repository.hitAll([key], this.config.login.windowSeconds)).get(key);
    if (hits && hits.hits > this.config.login.maxSignupsPerClient) throw tooMany(hits.retryAfterSeconds);
  }
}

function tooMany(retryAfterSeconds: number): DomainError {
  return new DomainError(ErrorCode.TooManyRequests, 'Too many attempts; try again later', undefined, {
    'retry-after': String(retryAfterSeconds),
  });
}
