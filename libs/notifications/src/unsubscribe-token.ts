import { createHmac, timingSafeEqual } from 'node:crypto';
import { SWITCHES, type Switch } from './switches';

export interface UnsubscribeClaim {
  organizationId: string;
  userId: string;
  switch: Switch;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** How long an unsubscribe link works: a year, far longer than anyone keeps acting on a mail. */
export const UNSUBSCRIBE_TOKEN_DAYS = 365;

/**
 * The token of a one-click unsubscribe link: who, which switch and until when, signed with a key
 * derived from the server's secret. It needs no storage and cannot be forged, pointed at someone
 * else or kept working for ever (a link found in an old mailbox years later does nothing).
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('leadpath:unsubscribe:v1').digest();
  }

  /** A token for `claim` issued at `now`, working for UNSUBSCRIBE_TOKEN_DAYS. */
  sign(claim: UnsubscribeClaim, now: Date): string {
    const expires = Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_TOKEN_DAYS * 86400;
    const body = Buffer.from(`${claim.organizationId}.${claim.userId}.${claim.switch}.${expires}`, 'utf8').toString(
      'base64url',
    );
    return `${body}.${this.mac(body)}`;
  }

  /** The claim, or undefined for anything not signed here or expired at `now`. */
  verify(token: string, now: Date): UnsubscribeClaim | undefined {
    if (token.length > 300) return undefined;
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return undefined;
    const expected = Buffer.from(this.mac(body), 'utf8');
    const given = Buffer.from(mac, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const [organizationId, userId, name, expires, rest] = Buffer.from(body, 'base64url').toString('utf8').split('.');
    if (!UUID.test(organizationId ?? '') || !UUID.test(userId ?? '') || rest !== undefined) return undefined;
    if (!/^\d{1,12}$/.test(expires ?? '') || Number(expires) * 1000 <= now.getTime()) return undefined;
    if (!(SWITCHES as readonly string[]).includes(name)) return undefined;
    return { organizationId, userId, switch: name as Switch };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
