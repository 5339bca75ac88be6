import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Actor } from '@leadpath/access';
import { Database } from '@leadpath/platform/database';
import { DomainError, ErrorCode } from '@leadpath/platform/domain';
import { RevokedTokensRepository } from './tokens/revoked-tokens.repository';
import { JWT_ALGORITHM, TokenService, type TokenPayload } from './tokens/token.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies the bearer token (HS256 only, so `alg: none` and key confusion are refused) and
 * then the user row: a deactivated user, a changed role or password, a token of another
 * installation's user, or a token ended by a sign-out stops working on the next request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    tokens: TokenService,
    private readonly revoked: RevokedTokensRepository,
    private readonly db: Database,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands this straight to jsonwebtoken, which accepts a KeyObject.
      secretOrKey: tokens.key as unknown as string,
      algorithms: [JWT_ALGORITHM],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(request: { id?: string }, payload: TokenPayload): Promise<Actor> {
    if (typeof payload?.sub !== 'string' || typeof payload.org !== 'string' || typeof payload.ver !== 'number') {
      throw unauthenticated();
    }
    // Every token we issue has an id; one without it could not be ended by a sign-out.
    if (!UUID.test(payload.sub) || typeof payload.jti !== 'string' || !UUID.test(payload.jti)) throw unauthenticated();
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
