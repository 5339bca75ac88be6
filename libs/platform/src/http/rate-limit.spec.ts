import { RateLimiter, isRateLimitedPath, rateLimitHeader, rateLimitPolicyHeader, routedPath } from './rate-limit';

describe('RateLimiter', () => {
  const policy = { name: 'per-user', quota: 3, windowSeconds: 60 };

  it('allows the quota within a window, refuses the rest, and starts again when the window ends', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(policy, () => now);
    expect([1, 2, 3].map(() => limiter.hit('a').allowed)).toEqual([true, true, true]);
    now += 20_000;
    expect(limiter.hit('a')).toEqual({ allowed: false, remaining: 0, resetSeconds: 40 });
    expect(limiter.hit('b')).toEqual({ allowed: true, remaining: 2, resetSeconds: 60 });
    now += 40_000;
    expect(limiter.hit('a')).toEqual({ allowed: true, remaining: 2, resetSeconds: 60 });
  });

  it('keeps at most maxKeys counters: new keys beyond it share one, so memory stays bounded', () => {
    let now = 0;
    const limiter = new RateLimiter(policy, () => now, 2);
    limiter.hit('a');
    limiter.hit('b');
    // The map is full of live windows: c, d and e share the overflow counter (quota 3).
    expect(['c', 'd', 'e', 'f'].map((k) => limiter.hit(k).allowed)).toEqual([true, true, true, false]);
    now += 60_000;
    // Expired windows are swept when a new key arrives: g gets a counter of its own.
    expect(limiter.hit('g')).toEqual({ allowed: true, remaining: 2, resetSeconds: 60 });
  });

  it('writes the IETF RateLimit and RateLimit-Policy fields', () => {
    const other = { name: 'per-address', quota: 1200, windowSeconds: 60 };
    expect(rateLimitPolicyHeader([other, policy])).toBe('"per-address";q=1200;w=60, "per-user";q=3;w=60');
    expect(
      rateLimitHeader([
        { policy: other, state: { allowed: true, remaining: 1199, resetSeconds: 60 } },
        { policy, state: { allowed: false, remaining: 0, resetSeconds: 5 } },
      ]),
    ).toBe('"per-address";r=1199;t=60, "per-user";r=0;t=5');
  });
});

describe('routedPath', () => {
  it('is the path the router matches: decoded, without query or fragment, from any request-target form', () => {
    expect(routedPath('/%61pi/v1/me')).toBe('/api/v1/me');
    expect(routedPath('/%61%70%69/%76%31/%6D%65?x=%2F#f')).toBe('/api/v1/me');
    expect(routedPath('/api%2Fv1%2Fme')).toBe('/api/v1/me');
    expect(routedPath('http://example.test/api/v1/me?limit=1')).toBe('/api/v1/me');
    expect(routedPath('/api/v1/users?cursor=abc')).toBe('/api/v1/users');
    // A malformed encoding stays as sent (Fastify refuses it).
    expect(routedPath('/api/v1/%zz')).toBe('/api/v1/%zz');
  });

  it('limits every encoding of an API path and none of the probes', () => {
    for (const url of [
      '/%61pi/v1/me',
      '/api/v1/%6De',
      'http://h/api/v1/me',
      '/api/v1/auth/login',
      '/api/v1/health/details',
    ])
      expect(isRateLimitedPath(routedPath(url))).toBe(true);
    for (const url of ['/health', '/api/v1/health', '/%61pi/v1/health/ready', '/docs-json', '/'])
      expect(isRateLimitedPath(routedPath(url))).toBe(false);
  });
});
