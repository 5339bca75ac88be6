import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
import { APP_CONFIG, RUNTIME, type AppConfig, type Runtime } from '@leadpath/platform';
import { JWT_ALGORITHM } from '@leadpath/platform/http';

export interface TokenClaims {
  sub: string;
  org: string;
  /** The user's token version when issued; a bump revokes every older token. */
  ver: number;
}

/** A verified token's payload: the claims, its id (a sign-out ends it by this) and its expiry (Unix seconds). */
export interface TokenPayload extends TokenClaims {
  jti: string;
  exp: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One algorithm, stated once: the OpenAPI document's bearer scheme names it too.
export { JWT_ALGORITHM };

@Injectable()
export class TokenService {
  /**
   * A KeyObject, not a string: jsonwebtoken tries to parse a string secret as a public key on
   * every verify, which costs more than the rest of a read request.
   */
  readonly key: KeyObject;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(runtime.jwtSecret, 'utf8'));
  }

  /**
   * The payload of an `Authorization: Bearer` token this installation issued that is still valid
   * by its signature and expiry (its user's state is not checked), else undefined.
   */
  verifyBearer(authorization: string | undefined): TokenPayload | undefined {
    const token = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    try {
      const payload = jwt.verify(token, this.key, { algorithms: [JWT_ALGORITHM] }) as Partial<TokenPayload>;
      const ok =
        typeof payload.sub === 'string' &&
        typeof payload.org === 'string' &&
        typeof payload.jti === 'string' &&
        typeof payload.exp === 'number' &&
        UUID.test(payload.sub) &&
        UUID.test(payload.org) &&
        UUID.test(payload.jti);
      return ok ? (payload as TokenPayload) : undefined;
    } catch {
      return undefined;
    }
  }

  /** A token with an id of its own (`jti`), so a sign-out can end this token and no other. */
  sign(claims: TokenClaims): { accessToken: string; expiresIn: number } {
    const expiresIn = this.config.accessTokenTtlSeconds;
    const accessToken = jwt.sign(claims, this.key, { algorithm: JWT_ALGORITHM, expiresIn, jwtid: randomUUID() });
    return { accessToken, expiresIn };
  }
}
