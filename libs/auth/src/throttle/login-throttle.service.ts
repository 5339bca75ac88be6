import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';
import { DomainError, ErrorCode } from '@leadpath/platform/domain';
import { LoginThrottleRepository, type Hits } from './login-throttle.repository';

/** The counters one sign-in attempt touches (settled when it succeeds), and whether it is refused. */
export interface LoginAttempt {
  readonly pair: string;
  readonly client: string;
  readonly account: string;
  /** Set when a limit refuses the attempt: when to try again. */
  readonly retryAfterSeconds: number | null;
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

  /** Counts the attempt on every counter it touches and decides; `enforce` refuses it. */
  async beforeLogin(clientIp: string, email: string): Promise<LoginAttempt> {
    const { maxAttemptsPerClient, maxFailuresPerAccount, maxFailuresPerClient, windowSeconds } = this.config.login;
    const keys = {
      pair: `login:fail:${clientIp}:${email}`,
      client: `login:fail-client:${clientIp}`,
      account: `login:fail-account:${email}`,
    };
    const attempts = `login:ip:${clientIp}`;
    const hits = await this.repository.hitAll([attempts, keys.pair, keys.client, keys.account], windowSeconds);
    const at = (key: string): Hits => hits.get(key) ?? { hits: 0, retryAfterSeconds: 1 };
    const clean = at(keys.pair).hits === 1 && at(keys.client).hits === 1;
    const refused = [
      at(attempts).hits > maxAttemptsPerClient ? at(attempts) : undefined,
      at(keys.pair).hits > maxFailuresPerAccount ? at(keys.pair) : undefined,
      at(keys.client).hits > maxFailuresPerClient ? at(keys.client) : undefined,
      at(keys.account).hits > maxFailuresPerAccount && !clean ? at(keys.account) : undefined,
    ].find((h) => h !== undefined);
    return { ...keys, retryAfterSeconds: refused?.retryAfterSeconds ?? null };
  }

  enforce(attempt: LoginAttempt): void {
    if (attempt.retryAfterSeconds !== null) throw tooMany(attempt.retryAfterSeconds);
  }

  /** The password was right: this client's failures on the account, and the account's, are forgiven. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.repository.settle([attempt.pair, attempt.account], attempt.client);
    if (Math.random() < 0.01) await this.repository.prune();
  }

  /** Other anonymous endpoints (password reset): every attempt counted per client address. */
  perClient(clientIp: string, scope: string): Promise<void> {
    return this.limit(`${scope}:ip:${clientIp}`, this.config.login.maxAttemptsPerClient);
  }

  /** Sign-ups: a few per client address and window, so nobody mass-creates organizations. */
  beforeSignup(clientIp: string): Promise<void> {
    return this.limit(`signup:ip:${clientIp}`, this.config.login.maxSignupsPerClient);
  }

  private async limit(key: string, max: number): Promise<void> {
    const hits = (await this.repository.hitAll([key], this.config.login.windowSeconds)).get(key);
    if (hits && hits.hits > max) throw tooMany(hits.retryAfterSeconds);
  }
}

function tooMany(retryAfterSeconds: number): DomainError {
  return new DomainError(ErrorCode.TooManyRequests, 'Too many attempts; try again later', undefined, {
    'retry-after': String(retryAfterSeconds),
  });
}
