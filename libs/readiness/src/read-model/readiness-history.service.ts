import { Injectable } from '@nestjs/common';
import { Clock, Database, ReadinessHistory } from '@leadpath/platform';
import { READINESS_SQL } from '../readiness.sql';
import { readinessParams } from '../readiness.repository';
import { trendPoints } from '../trend-points';

/** Readiness at the trend's previous point, computed by the one definition (READINESS_SQL) at that point only. */
@Injectable()
export class ReadinessHistoryService extends ReadinessHistory {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    super();
  }

  async scoresAtLastMonthEnd(organizationId: string, menteeIds: string[]): Promise<Map<string, number>> {
    if (menteeIds.length === 0) return new Map();
    const monthEnd = trendPoints(this.clock.now()).at(-1)!;
    // With no earlier points and "now" set to the month end, the definition runs at that one point.
    const rows = await this.db.query<{ mentee_id: string; score: number }>(
      `SELECT r.mentee_id, r.score FROM (${READINESS_SQL}) r`,
      readinessParams(organizationId, { menteeIds }, [], monthEnd),
    );
    return new Map(rows.map((r) => [r.mentee_id, Number(r.score)]));
  }
}
