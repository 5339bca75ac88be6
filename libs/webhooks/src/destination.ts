import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

const { IPv4, IPv6 } = ipaddr;

/** Where the IPv4 address sits in an IPv6 address that carries one (RFC 4291, 6052, 6145, 3056). */
const EMBEDDING: { prefix: [InstanceType<typeof IPv6>, number]; parts: [number, number] }[] = [
  // IPv4-mapped ::ffff:0:0/96 and IPv4-translated ::ffff:0:0:0/96
  { prefix: IPv6.parseCIDR('::ffff:0:0/96'), parts: [6, 7] },
  { prefix: IPv6.parseCIDR('::ffff:0:0:0/96'), parts: [6, 7] },
  // NAT64 well-known prefix 64:ff9b::/96
  { prefix: IPv6.parseCIDR('64:ff9b::/96'), parts: [6, 7] },
  // 6to4 2002:AABB:CCDD::/48
  { prefix: IPv6.parseCIDR('2002::/16'), parts: [1, 2] },
  // IPv4-compatible ::a.b.c.d (deprecated; :: and ::1 land on 0.0.0.0 and 0.0.0.1, both refused)
  { prefix: IPv6.parseCIDR('::/96'), parts: [6, 7] },
];

/** IANA's global unicast space: an IPv6 address outside it is reserved or special, whatever else it is. */
const GLOBAL_UNICAST = IPv6.parseCIDR('2000::/3');

/** The address a webhook would reach, with an embedded IPv4 address taken out of its IPv6 wrapping. */
function effectiveAddress(address: string): InstanceType<typeof IPv4> | InstanceType<typeof IPv6> {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed;
  const v6 = parsed as InstanceType<typeof IPv6>;
  for (const { prefix, parts } of EMBEDDING) {
    if (v6.match(prefix)) {
      const [high, low] = parts.map((i) => v6.parts[i]);
      return new IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
    }
  }
  return v6;
}

/**
 * Whether `address` (an IP literal) is one a webhook must not reach. Only public unicast
 * addresses pass, by ipaddr.js's range classification: loopback, private, link-local (cloud
 * metadata included), unique-local, carrier-grade NAT, multicast, documentation, benchmarking,
 * discard, Teredo, local-use NAT64 and every other special range are refused. An IPv6 address
 * that carries an IPv4 address (IPv4-mapped or -translated, NAT64, 6to4, IPv4-compatible) is
 * judged by the IPv4 address it carries, since that is where the packets end up.
 */
export function isBlockedAddress(address: string): boolean {
  if (!isIP(address)) return true;
  const effective = effectiveAddress(address);
  if (effective.range() !== 'unicast') return true;
  return effective.kind() === 'ipv6' && !(effective as InstanceType<typeof IPv6>).match(GLOBAL_UNICAST);
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
    return 'points to an internal address (a private network), which Leadpath does not post to; whoever runs Leadpath can allow this host';
  }
  return null;
}

/** Whether the allow-list names this URL's host (then the connection may go to any address it resolves to). */
export function isAllowListed(raw: string, rules: DestinationRules): boolean {
  return allowListed(new URL(raw), rules);
}
