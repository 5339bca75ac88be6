/** Which way a mentee's readiness moved since the trend's previous point (the end of last month). */
export type ReadinessTrend = 'up' | 'down' | 'flat';

/**
 * Readiness at a past point, for features that list mentees but may not depend on the readiness
 * library (which depends on them). The readiness library provides the implementation, with the
 * one definition of readiness.
 */
export abstract class ReadinessHistory {
  /**
   * Each mentee's score at the end of last month (the point before "now" in the 12-month trend),
   * for a page of mentees in one query.
   */
  abstract scoresAtLastMonthEnd(organizationId: string, menteeIds: string[]): Promise<Map<string, number>>;
}

/** The trend from the earlier score to the current one. */
export function readinessTrend(earlier: number | undefined, now: number): ReadinessTrend | null {
  if (earlier === undefined) return null;
  return now > earlier ? 'up' : now < earlier ? 'down' : 'flat';
}
