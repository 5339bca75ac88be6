import { isDatabaseUnavailable, isStatementTimeout } from './http-exception.filter';

describe('database error classification', () => {
  const timeout = { code: '57014', message: 'canceling statement due to statement timeout' };
  const cancelled = { code: '57014', message: 'canceling statement due to user request' };

  it('tells a statement timeout (slow) from an outage', () => {
    expect(isStatementTimeout(timeout)).toBe(true);
    expect(isStatementTimeout(cancelled)).toBe(false);
    expect(isStatementTimeout({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(
      false,
    );
  });

  it('still calls cancellations by others and lost connections unavailable', () => {
    expect(isDatabaseUnavailable(cancelled)).toBe(true);
    expect(isDatabaseUnavailable({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable({ code: '23505', message: 'duplicate key' })).toBe(false);
  });
});
