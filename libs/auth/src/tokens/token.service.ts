import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
import { APP_CONFIG, JWT_ALGORITHM, RUNTIME, type AppConfig, type Runtime } from '@leadpath/platform';

export interface TokenPayload {
  sub: string;
  org: string;
  /** The user's token version when issued; a bump revokes every older token. */
  ver: number;
}

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

  sign(payload: TokenPayload): { accessToken: string; expiresIn: number } {
    const expiresIn = this.config.accessTokenTtlSeconds;
    const accessToken = jwt.sign(payload, this.key, { algorithm: JWT_ALGORITHM, expiresIn });
    return { accessToken, expiresIn };
  }
}
