import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError, ErrorCode } from '../errors/domain-error';
import {
  RateLimiter,
  isRateLimitedPath,
  routedPath,
  rateLimitHeader,
  rateLimitPolicyHeader,
  type RateLimitPolicy,
  type RateLimitState,
} from './rate-limit';

type Counted = { policy: RateLimitPolicy; state: RateLimitState }[];
type LimitedRequest = FastifyRequest & { rateLimits?: Counted; user?: { userId?: string } };

/**
 * Per-address and per-user request limits for the API, counted in this instance's memory.
 * The address is counted as a request arrives (so sign-in, sign-up and requests without a valid
 * token count too); the user once the token is verified.
 */
@Injectable()
export class RateLimits {
  readonly perAddress: RateLimiter;
  readonly perUser: RateLimiter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { perAddress, perUser, windowSeconds } = config.rateLimit;
    this.perAddress = new RateLimiter({ name: 'per-address', quota: perAddress, windowSeconds });
    this.perUser = new RateLimiter({ name: 'per-user', quota: perUser, windowSeconds });
  }

  /** Fastify onRequest: counts the client address; answers 429 itself when it is over. */
  async countAddress(request: LimitedRequest, reply: FastifyReply): Promise<void> {
    if (!isRateLimitedPath(routedPath(request.url))) return;
    const state = this.perAddress.hit(request.ip);
    request.rateLimits = [{ policy: this.perAddress.policy, state }];
    this.setHeaders(reply, request.rateLimits);
    if (!state.allowed) {
      void reply.header('retry-after', String(state.resetSeconds));
      await reply.code(429).send({
        statusCode: 429,
        error: ErrorCode.TooManyRequests,
        message: `Too many requests from this address; try again in ${state.resetSeconds} s`,
      });
    }
  }

  /** After authentication: counts the user; throws 429 when they are over. */
  countUser(request: LimitedRequest, reply: FastifyReply): void {
    const userId = request.user?.userId;
    if (!userId || !request.rateLimits) return;
    const state = this.perUser.hit(userId);
    request.rateLimits = [...request.rateLimits, { policy: this.perUser.policy, state }];
    this.setHeaders(reply, request.rateLimits);
    if (!state.allowed) {
      throw new DomainError(
        ErrorCode.TooManyRequests,
        `Too many requests for this account; try again in ${state.resetSeconds} s`,
        undefined,
        { 'retry-after': String(state.resetSeconds) },
      );
    }
  }

  private setHeaders(reply: FastifyReply, counted: Counted): void {
    void reply.header('ratelimit-policy', rateLimitPolicyHeader(counted.map((c) => c.policy)));
    void reply.header('ratelimit', rateLimitHeader(counted));
  }
}

/** Runs after the global auth guard, before the request's unit of work opens. */
@Injectable()
export class UserRateLimitInterceptor implements NestInterceptor {
  constructor(private readonly limits: RateLimits) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    this.limits.countUser(http.getRequest<LimitedRequest>(), http.getResponse<FastifyReply>());
    return next.handle();
  }
}
