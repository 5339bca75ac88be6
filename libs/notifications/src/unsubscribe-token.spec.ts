import { UNSUBSCRIBE_TOKEN_DAYS, UnsubscribeTokens } from './unsubscribe-token';

const claim = {
  organizationId: '0b7c1e9a-3c1f-4f53-9a55-3d3f1f1f0a01',
  userId: '6f1e2d3c-4b5a-4968-8776-655443322110',
  switch: 'weeklyDigest' as const,
};
const DAY = 86_400_000;

describe('unsubscribe tokens', () => {
  const tokens = new UnsubscribeTokens('a-server-secret-that-is-long-enough-0123456789');
  const issued = new Date('2026-03-01T12:00:00Z');

  it('work for a year from the day the mail was written, and not after', () => {
    const token = tokens.sign(claim, issued);
    expect(tokens.verify(token, issued)).toEqual(claim);
    expect(tokens.verify(token, new Date(issued.getTime() + (UNSUBSCRIBE_TOKEN_DAYS - 1) * DAY))).toEqual(claim);
    expect(tokens.verify(token, new Date(issued.getTime() + UNSUBSCRIBE_TOKEN_DAYS * DAY))).toBeUndefined();
    expect(UNSUBSCRIBE_TOKEN_DAYS).toBe(365);
  });

  it('refuse a token without an expiry (the first format), an altered expiry, or another key', () => {
    const body = Buffer.from(`${claim.organizationId}.${claim.userId}.${claim.switch}`, 'utf8').toString('base64url');
    const mac = (b: string) => (tokens as unknown as { mac(body: string): string }).mac.call(tokens, b);
    expect(tokens.verify(`${body}.${mac(body)}`, issued)).toBeUndefined();
    const [signed, signature] = tokens.sign(claim, issued).split('.');
    const later = Buffer.from(
      Buffer.from(signed, 'base64url')
        .toString('utf8')
        .replace(/\.\d+$/, '.99999999999'),
      'utf8',
    ).toString('base64url');
    expect(tokens.verify(`${later}.${signature}`, issued)).toBeUndefined();
    expect(
      new UnsubscribeTokens('another-secret-another-secret-0123456789').verify(tokens.sign(claim, issued), issued),
    ).toBeUndefined();
  });
});
