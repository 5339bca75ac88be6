import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, DomainError, ErrorCode, type AppConfig } from '@leadpath/platform';
import { LoginThrottleRepository } from './login-throttle.repository';

/**
 * Login and sign-up throttling. Per client address (as the socket sees it, or as a trusted proxy
 * reports it when TRUST_PROXY is on) for every attempt; per account for failures only, so an
 * attacker cannot reset the account counter by changing the address they claim.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly repository: LoginThrottleRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async beforeAttempt(clientIp: string, email: string, scope = 'login'): Promise<void> {
    const { maxAttemptsPerClient, maxFailuresPerAccount, windowSeconds } = this.config.login;
    const client = await this.repository.hit(`${scope}:ip:${clientIp}`, windowSeconds);
    if (client.hits > maxAttemptsPerClient) throw tooMany(client.retryAfterSeconds);
    if (scope !== 'login') return;
    const account = await this.repository.peek(`login:account:${email}`, windowSeconds);
    if (account.hits >= maxFailuresPerAccount) throw tooMany(account.retryAfterSeconds);
  }

  async failed(email: string): Promise<void> {
    await this.repository.hit(`login:account:${email}`, this.config.login.windowSeconds);
  }

  async succeeded(email: string): Promise<void> {
    await this.repository.clear(`login:account:${email}`);
    if (Math.random() < 0.01) await this.repository.prune();
  }
}

function tooMany(retryAfterSeconds: number): DomainError {
  return new DomainError(ErrorCode.TooManyRequests, 'Too many attempts; try again later', undefined, {
    'retry-after': String(retryAfterSeconds),
  });
}
