import { checkDestination, isBlockedAddress } from './destination';

const open = { httpsOnly: false, allowedHosts: [] as string[] };
const resolveTo =
  (...addresses: string[]) =>
  () =>
    Promise.resolve(addresses);

describe('webhook destinations (SSRF)', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    'fc00::1',
    '::ffff:10.0.0.1',
    '224.0.0.1',
    // IPv4 special ranges: documentation, benchmarking, reserved, broadcast.
    '192.0.2.1',
    '198.51.100.7',
    '203.0.113.9',
    '198.18.0.1',
    '240.0.0.1',
    '255.255.255.255',
    // An IPv4 address carried in IPv6 is judged by that IPv4 address.
    '::7f00:1',
    '::127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:0:7f00:1',
    '::ffff:0:a00:1',
    '64:ff9b::7f00:1',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::',
    '2002:a00:1::1',
    '2002:c0a8:101::1',
    // IPv6 special ranges: local-use NAT64, discard, documentation, Teredo, benchmarking, site-local, outside 2000::/3.
    '64:ff9b:1::7f00:1',
    '64:ff9b:1::808:808',
    '100::1',
    '2001:db8::1',
    '3fff::1',
    '2001::1',
    '2001:2::1',
    'fec0::1',
    '4000::1',
    'fe80::1%eth0',
    // Not an IP literal at all.
    'localhost',
    '0x7f.1',
  ])('blocks %s', (address) => expect(isBlockedAddress(address)).toBe(true));

  it.each([
    '93.184.216.34',
    '2606:2800:220:1:248:1893:25c8:1946',
    '172.32.0.1',
    '8.8.8.8',
    // Public IPv4 addresses carried in IPv6 pass, like the address itself.
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('lets %s through', (address) => expect(isBlockedAddress(address)).toBe(false));

  it('refuses the IPv6 spellings of internal addresses in a URL, and the allow-list still names them', async () => {
    for (const host of ['[::7f00:1]', '[::ffff:0:7f00:1]', '[64:ff9b:1::7f00:1]', '[2002:7f00:1::]', '[100::1]'])
      expect(await checkDestination(`http://${host}/x`, open)).toMatch(/internal address/);
    expect(await checkDestination('https://hooks.example.com/x', open, resolveTo('2002:7f00:1::'))).toMatch(
      /internal address/,
    );
    const rules = { httpsOnly: false, allowedHosts: ['[::7f00:1]'] };
    expect(await checkDestination('http://[::7f00:1]/x', rules)).toBeNull();
  });

  it('checks every address a name resolves to', async () => {
    expect(await checkDestination('https://hooks.example.com/x', open, resolveTo('93.184.216.34'))).toBeNull();
    expect(await checkDestination('https://hooks.example.com/x', open, resolveTo('93.184.216.34', '10.0.0.2'))).toMatch(
      /internal address/,
    );
    expect(
      await checkDestination('https://hooks.example.com/x', open, () => Promise.reject(new Error('NXDOMAIN'))),
    ).toBe('names a host that does not resolve');
  });

  it('allow-lists a host, or a host on one port', async () => {
    const rules = { httpsOnly: false, allowedHosts: ['internal.example', '127.0.0.1:8080'] };
    expect(await checkDestination('http://internal.example/x', rules, resolveTo('10.0.0.1'))).toBeNull();
    expect(await checkDestination('http://127.0.0.1:8080/x', rules)).toBeNull();
    expect(await checkDestination('http://127.0.0.1:8081/x', rules)).toMatch(/internal address/);
  });

  it('takes only https:// in production', async () => {
    const production = { httpsOnly: true, allowedHosts: ['127.0.0.1'] };
    expect(await checkDestination('http://127.0.0.1/x', production)).toBe('must be an https:// URL');
    expect(await checkDestination('https://127.0.0.1/x', production)).toBeNull();
  });
});
