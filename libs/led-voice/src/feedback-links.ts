import { createHash, createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, RUNTIME, type AppConfig, type Runtime } from '@leadpath/platform';

/** The shape of a link's token (base64url of an HMAC-SHA-256). */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A feedback link's token is derived from its request's id with a key of its own, so the database
 * keeps only the token's hash, and the invitation, each reminder and `/me/feedback-requests` can
 * give the same link again without it ever being stored.
 */
@Injectable()
export class FeedbackLinks {
  private readonly key: Buffer;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createHmac('sha256', runtime.jwtSecret).update('leadpath feedback links').digest();
  }

  token(requestId: string): string {
    return createHmac('sha256', this.key).update(requestId).digest('base64url');
  }

  /** Where the respondent's page is: the web app's path, and the full address for an e-mail. */
  path(requestId: string): string {
    return `/respond/${this.token(requestId)}`;
  }

  url(requestId: string): string {
    return `${this.config.publicUrl}${this.path(requestId)}`;
  }

  static hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
