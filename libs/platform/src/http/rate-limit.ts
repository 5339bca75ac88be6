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
 * nothing is shared with other instances, which is said in the README. The map is bounded:
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

/** Authenticated API traffic and the public API routes; never the probes or the docs. */
export function isRateLimitedPath(path: string): boolean {
  return path.startsWith('/api/v1/') && !path.startsWith('/api/v1/health');
}
