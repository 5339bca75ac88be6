import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-strategy';
import type { Actor } from '@leadpath/access';
import { Database } from '@leadpath/platform/database';
import { DomainError, ErrorCode } from '@leadpath/platform/domain';
import { RevokedTokensRepository } from './tokens/revoked-tokens.repository';
import { TokenService } from './tokens/token.service';

interface BearerRequest {
  id?: unknown;
  headers: { authorization?: string };
}

type Verified = (error: Error | null, actor?: Actor | null) => void;

/**
 * A passport strategy that hands the request to `validate`: the signature and expiry check is
 * TokenService.verifyBearer's, the one place tokens are read, with its KeyObject.
 */
class BearerTokenStrategy extends Strategy {
  constructor(private readonly verify: (request: BearerRequest, done: Verified) => void) {
    super();
  }

  override authenticate(request: BearerRequest): void {
    this.verify(request, (error, actor) => {
      if (error) this.error(error);
      else if (actor) this.success(actor);
      else this.fail(401);
    });
  }
}

/**
 * Verifies the bearer token (HS256 only, so `alg: none` and key confusion are refused) and
 * then the user row: a deactivated user, a changed role or password, a token of another
 * installation's user, or a token ended by a sign-out stops working on the next request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerTokenStrategy, 'jwt') {
  constructor(
    private readonly tokens: TokenService,
    private readonly revoked: RevokedTokensRepository,
    private readonly db: Database,
  ) {
    super();
  }

  async validate(request: BearerRequest): Promise<Actor> {
    // verifyBearer checks the signature, expiry, HS256 only, and that sub, org and jti are UUIDs:
    // every token we issue has an id; one without it could not be ended by a sign-out.
    const payload = this.tokens.verifyBearer(request.headers.authorization);
    if (!payload || typeof payload.ver !== 'number') throw unauthenticated();
    // One statement, one round trip: the user's state and the deny list together.
    const [state] = await this.db.systemRead('auth.token', this.revoked.tokenCheckQuery(payload.sub, payload.jti));
    if (
      !state ||
      !state.active ||
      state.revoked ||
      state.token_version !== payload.ver ||
      state.organization_id !== payload.org
    ) {
      throw unauthenticated();
    }
    return {
      userId: state.id,
      organizationId: state.organization_id,
      roles: state.roles,
      menteeId: state.mentee_id,
      requestId: typeof request.id === 'string' ? request.id : null,
    };
  }
}

export function unauthenticated(): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, 'A valid access token is required', undefined, {
    'www-authenticate': 'Bearer',
  });
}
