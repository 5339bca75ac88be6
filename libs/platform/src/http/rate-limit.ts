/** One counter's state after a request was counted. */
export interface RateLimitState {
  allowed: boolean;
  /** Requests left in the window (0 once over). */
  remaining: number;
  /** Whole seconds until the window ends and the counter starts again (at least 1). */
  resetSeconds: number;
}

export interface RateLimitPolicy {
  /** Name used in the RateLimit and RateLimit-Policy headers. */
  name: string;
  /** Requests allowed per window. */
  quota: number;
  windowSeconds: number;
}

interface Counter {
  start: number;
  count: number;
}

/**
 * Fixed windows in this process's memory, one per key, each starting at the key's first request
 * (so no boundary where every client's window resets at once). Counting is one Map lookup:
 * nothing is shared with other instances, which docs/operations.md says. The map is bounded:
 * expired windows are swept when it fills, and if it is still full every further new key shares
 * one counter, so a flood of new keys is throttled as one client instead of growing memory.
 */
export class RateLimiter {
  private readonly counters = new Map<string, Counter>();

  constructor(
    readonly policy: RateLimitPolicy,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  hit(key: string): RateLimitState {
    const now = this.now();
    const windowMs = this.policy.windowSeconds * 1000;
    let counter = this.counters.get(key);
    if (counter && now - counter.start >= windowMs) counter = undefined;
    if (!counter) {
      if (this.counters.size >= this.maxKeys && !this.counters.has(key)) this.sweep(now, windowMs);
      const slot = this.counters.size >= this.maxKeys && !this.counters.has(key) ? '\u0000overflow' : key;
      counter = this.counters.get(slot);
      if (!counter || now - counter.start >= windowMs) {
        counter = { start: now, count: 0 };
        this.counters.set(slot, counter);
      }
    }
    counter.count++;
    const resetSeconds = Math.max(1, Math.ceil((counter.start + windowMs - now) / 1000));
    const allowed = counter.count <= this.policy.quota;
    return { allowed, remaining: Math.max(0, this.policy.quota - counter.count), resetSeconds };
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, counter] of this.counters) {
      if (now - counter.start >= windowMs) this.counters.delete(key);
    }
  }
}

/** `RateLimit-Policy` (draft-ietf-httpapi-ratelimit-headers): every policy with its quota and window. */
export function rateLimitPolicyHeader(policies: RateLimitPolicy[]): string {
  return policies.map((p) => `"${p.name}";q=${p.quota};w=${p.windowSeconds}`).join(', ');
}

/** `RateLimit`: what is left of each policy and when its window resets. */
export function rateLimitHeader(states: { policy: RateLimitPolicy; state: RateLimitState }[]): string {
  return states.map(({ policy, state }) => `"${policy.name}";r=${state.remaining};t=${state.resetSeconds}`).join(', ');
}

/** What the router strips from an absolute-form request target (the same pattern as find-my-way's). */
const ABSOLUTE_FORM = /^https?:\/\/.*?\//;

/**
 * The path a request is routed by: without its query or fragment and percent-decoded, as the
 * router decodes it before matching (`/%61pi/v1/me` is `/api/v1/me`). Every rule that looks at a
 * path (limits, cache headers, log redaction) decides on this, never on the raw URL, so an
 * encoding cannot walk around a rule while still reaching the route. `%2F` is decoded too:
 * the router keeps it as a character, so such a path reaches no API route, and treating it as a
 * slash here only ever applies a rule more often. A malformed encoding is left as sent (Fastify
 * answers it 400).
 */
export function routedPath(url: string): string {
  // A request line in absolute form (`GET http://host/api/v1/me`) is routed by its path too.
  const target = url.startsWith('/') ? url : url.replace(ABSOLUTE_FORM, '/');
  const end = target.search(/[?#]/);
  const path = end === -1 ? target : target.slice(0, end);
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The load balancer's probes (liveness and readiness), not the signed-in health details. */
const PROBE = /^\/api\/v1\/health(\/ready)?\/?$/;

/**
 * Authenticated API traffic and the public API routes; never the probes or the docs. Takes a
 * routed path (see routedPath) or a route's pattern.
 */
export function isRateLimitedPath(path: string): boolean {
  return path.startsWith('/api/v1/') && !PROBE.test(path);
}
