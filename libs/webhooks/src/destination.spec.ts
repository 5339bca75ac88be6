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
  ])('blocks %s', (address) => expect(isBlockedAddress(address)).toBe(true));

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '172.32.0.1', '8.8.8.8'])(
    'lets %s through',
    (address) => expect(isBlockedAddress(address)).toBe(false),
  );

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
