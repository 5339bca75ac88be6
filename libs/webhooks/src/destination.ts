import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses a webhook never reaches unless an allow-list entry names the host: loopback, private, link-local (cloud metadata included), unique-local, and the like. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/** Whether `address` (an IP literal) is one a webhook must not reach. */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isBlockedAddress(mapped[1]);
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) return BLOCKED.check(address, 'ipv6');
  return true;
}

export interface DestinationRules {
  /** Only `https://` (production); otherwise `http://` too. */
  httpsOnly: boolean;
  /** `host` or `host:port` entries (lower case) that may resolve to blocked addresses. */
  allowedHosts: readonly string[];
}

export type Resolver = (host: string) => Promise<string[]>;

const DNS_TIMEOUT_MS = 5000;

/** Every address the system resolver gives for `host`, within a bound. */
export const resolveHost: Resolver = async (host) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the name did not resolve in time')), DNS_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
    return found.map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
};

/** Why a URL may not receive webhooks (a sentence for the `url` field), or null when it may. */
export function checkUrlShape(raw: string, rules: DestinationRules): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !rules.httpsOnly)) {
    return rules.httpsOnly ? 'must be an https:// URL' : 'must be an http:// or https:// URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.hash) return 'must not carry a fragment';
  return null;
}

/** The URL's `host` and `host:port` as the allow-list names them. */
function allowListed(url: URL, rules: DestinationRules): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return rules.allowedHosts.includes(host) || rules.allowedHosts.includes(`${host}:${port}`);
}

/**
 * Checks a destination as it is registered and again before every delivery (DNS may have
 * changed): the scheme, then every address the host resolves to. Returns the reason it is
 * refused, or null. An allow-listed host skips the address check.
 */
export async function checkDestination(
  raw: string,
  rules: DestinationRules,
  resolve: Resolver = resolveHost,
): Promise<string | null> {
  const shape = checkUrlShape(raw, rules);
  if (shape) return shape;
  const url = new URL(raw);
  if (allowListed(url, rules)) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      return 'names a host that does not resolve';
    }
  }
  if (addresses.length === 0) return 'names a host that does not resolve';
  if (addresses.some(isBlockedAddress)) {
    return 'resolves to a loopback, private, link-local or otherwise internal address (allow it with WEBHOOK_ALLOWED_HOSTS)';
  }
  return null;
}

/** Whether the allow-list names this URL's host (then the connection may go to any address it resolves to). */
export function isAllowListed(raw: string, rules: DestinationRules): boolean {
  return allowListed(new URL(raw), rules);
}
