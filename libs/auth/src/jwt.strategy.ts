import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Actor } from '@leadpath/access';
import { Database, DomainError, ErrorCode } from '@leadpath/platform';
import { UsersRepository } from '@leadpath/users';
import { JWT_ALGORITHM, TokenService, type TokenPayload } from './tokens/token.service';

/**
 * Verifies the bearer token (HS256 only, so `alg: none` and key confusion are refused) and
 * then the user row: a deactivated user, a changed role or password, or a token of another
 * installation's user stops working on the next request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    tokens: TokenService,
    private readonly users: UsersRepository,
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
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(payload.sub)) throw unauthenticated();
    const [state] = await this.db.systemRead('auth.token', this.users.authStateQuery(payload.sub));
    if (!state || !state.active || state.token_version !== payload.ver || state.organization_id !== payload.org) {
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
