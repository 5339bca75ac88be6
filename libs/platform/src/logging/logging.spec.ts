import { loadConfig } from '../config/config';
import { QuietStartupLogger, redactUrl, requestLines, serializeRequest } from './logging.module';

describe('logs', () => {
  it('are readable lines in development and JSON elsewhere, unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'development', LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be pretty or json/);
  });

  it('say one line per request: the path without its query, a feedback link redacted', () => {
    expect(
      requestLines.customSuccessMessage({ method: 'GET', url: '/api/v1/mentees?limit=5' }, { statusCode: 200 }, 12.4),
    ).toBe('GET /api/v1/mentees 200 12ms');
    expect(redactUrl('/api/v1/respond/abcDEF123_-?x=1')).toBe('/api/v1/respond/[link]');
    expect(redactUrl('/api/v1/r%65spond/abcDEF123_-')).toBe('/api/v1/respond/[link]');
    expect(redactUrl('/api/v1/mentees/%61b')).toBe('/api/v1/mentees/%61b');
  });

  it('never hold an unsubscribe token (or anything else of a query string)', () => {
    const token = 'eyJvcmcuLi4.c2lnbmF0dXJl';
    const url = `/api/v1/notifications/unsubscribe?token=${token}`;
    expect(serializeRequest({ id: 'r1', method: 'POST', url })).toEqual({
      id: 'r1',
      method: 'POST',
      url: '/api/v1/notifications/unsubscribe',
    });
    expect(
      requestLines.customErrorMessage({ method: 'POST', url }, { statusCode: 400 }, new Error('bad')),
    ).not.toContain(token);
  });

  it("move Nest's start-up route tables to debug and pass everything else on", () => {
    const seen: string[] = [];
    const inner = {
      log: (m: unknown) => seen.push(`log ${String(m)}`),
      debug: (m: unknown) => seen.push(`debug ${String(m)}`),
      error: (m: unknown) => seen.push(`error ${String(m)}`),
      warn: (m: unknown) => seen.push(`warn ${String(m)}`),
    };
    const logger = new QuietStartupLogger(inner);
    logger.log('Mapped {/api/v1/mentees, GET} route', 'RouterExplorer');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('workers started', 'Jobs');
    logger.warn('slow');
    expect(seen).toEqual([
      'debug Mapped {/api/v1/mentees, GET} route',
      'debug AppModule dependencies initialized',
      'log workers started',
      'warn slow',
    ]);
  });
});
