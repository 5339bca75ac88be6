import type { LookupAddress, lookup as dnsLookup } from 'node:dns';
import { guardedLookup, postWebhook } from './sender';

/** A resolver that answers every name with these addresses. */
const resolvesTo = (...addresses: string[]) =>
  ((_host: string, _options: object, callback: (error: null, found: LookupAddress[]) => void) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    )) as unknown as typeof dnsLookup;

/** What the socket's lookup hands back for one name. */
const connectTo = (allowed: boolean, ...addresses: string[]) =>
  new Promise<{ error: Error | null; address: string }>((resolve) =>
    guardedLookup(allowed, resolvesTo(...addresses))('hooks.example.com', { family: 0 }, (error, address) =>
      resolve({ error, address: typeof address === 'string' ? address : JSON.stringify(address) }),
    ),
  );

describe('the lookup the webhook socket connects by', () => {
  it.each(['::7f00:1', '::ffff:0:7f00:1', '64:ff9b:1::7f00:1', '2002:7f00:1::', '100::1', '2001:db8::1', '127.0.0.1'])(
    'refuses a name that resolves to %s at connection time',
    async (address) => {
      const { error } = await connectTo(false, '93.184.216.34', address);
      expect(error?.message).toBe('the host resolves to an internal address');
    },
  );

  it('connects to a public address, and to any address of an allow-listed host', async () => {
    expect(await connectTo(false, '93.184.216.34')).toEqual({ error: null, address: '93.184.216.34' });
    expect(await connectTo(true, '::7f00:1')).toEqual({ error: null, address: '::7f00:1' });
  });

  it('refuses an internal IP literal itself (Node connects to a literal without a lookup)', async () => {
    const result = await postWebhook('http://[::ffff:0:7f00:1]:9/hook', {}, '{}', {
      timeoutMs: 1000,
      rules: { httpsOnly: false, allowedHosts: [] },
    });
    expect(result).toMatchObject({ ok: false, statusCode: null, error: 'the host is an internal address' });
  });
});
