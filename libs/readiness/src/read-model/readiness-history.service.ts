import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { qb, ReadinessHistory } from '@leadpath/platform/database';
import { Clock } from '@leadpath/platform/time';
import { readinessQuery, type ReadinessRow } from '../readiness.sql';
import { trendPoints } from '../trend-points';

/** Readiness at the trend's previous point, computed by the one definition (readinessQuery) at that point only. */
@Injectable()
export class ReadinessHistoryService extends ReadinessHistory {
  constructor(private readonly clock: Clock) {
    super();
  }

  async scoresAtLastMonthEnd(organizationId: string, menteeIds: string[]): Promise<Map<string, number>> {
    if (menteeIds.length === 0) return new Map();
    const monthEnd = trendPoints(this.clock.now()).at(-1)!;
    // With no earlier points and "now" set to the month end, the definition runs at that one point.
    const rows = (
      await sql<Pick<ReadinessRow, 'mentee_id' | 'score'>>`SELECT r.mentee_id, r.score
        FROM (${readinessQuery({ organizationId, filter: { menteeIds }, at: monthEnd })}) r`.execute(qb)
    ).rows;
    return new Map(rows.map((r) => [r.mentee_id, Number(r.score)]));
  }
}
