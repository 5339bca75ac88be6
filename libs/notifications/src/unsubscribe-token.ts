import { createHmac, timingSafeEqual } from 'node:crypto';
import { SWITCHES, type Switch } from './switches';

export interface UnsubscribeClaim {
  organizationId: string;
  userId: string;
  switch: Switch;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The token of a one-click unsubscribe link: who and which switch, signed with a key derived
 * from the server's secret. It needs no storage and cannot be forged or pointed at someone else.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('leadpath:unsubscribe:v1').digest();
  }

  sign(claim: UnsubscribeClaim): string {
    const body = Buffer.from(`${claim.organizationId}.${claim.userId}.${claim.switch}`, 'utf8').toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The claim, or undefined for anything not signed here. */
  verify(token: string): UnsubscribeClaim | undefined {
    if (token.length > 300) return undefined;
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return undefined;
    const expected = Buffer.from(this.mac(body), 'utf8');
    const given = Buffer.from(mac, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const [organizationId, userId, name] = Buffer.from(body, 'base64url').toString('utf8').split('.');
    if (!UUID.test(organizationId ?? '') || !UUID.test(userId ?? '')) return undefined;
    if (!(SWITCHES as readonly string[]).includes(name)) return undefined;
    return { organizationId, userId, switch: name as Switch };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
