import { Injectable } from '@nestjs/common';
import { Database } from '@leadpath/platform';

export interface Hits {
  hits: number;
  retryAfterSeconds: number;
}

/** Fixed-window counters in PostgreSQL, so every API instance sees the same numbers. */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly db: Database) {}

  /**
   * Counts one more hit on each key and returns every new count, in one statement: each count
   * is taken under the row's lock, so parallel attempts see 1, 2, 3 … and never the same number.
   * Keys are locked in sorted order, so two statements over overlapping keys cannot deadlock.
   */
  async hitAll(keys: string[], windowSeconds: number): Promise<Map<string, Hits>> {
    const rows = await this.db.query<{ key: string; hits: number; retry_after: number }>(
      `INSERT INTO login_throttle AS t (key, window_start, hits)
       SELECT k, now(), 1 FROM unnest($1::varchar[]) AS k ORDER BY k
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN t.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE t.hits + 1 END,
         window_start = CASE WHEN t.window_start <= now() - make_interval(secs => $2) THEN now() ELSE t.window_start END
       RETURNING key, hits, ceil(extract(epoch FROM t.window_start + make_interval(secs => $2) - now()))::int AS retry_after`,
      [[...new Set(keys)].sort(), windowSeconds],
    );
    return new Map(rows.map((r) => [r.key, { hits: r.hits, retryAfterSeconds: Math.max(1, r.retry_after) }]));
  }

  /** A successful sign-in: forget the keys in `clear`, and take back the hit counted on `undo`. */
  async settle(clear: string[], undo: string): Promise<void> {
    await this.db.query(
      `WITH cleared AS (DELETE FROM login_throttle WHERE key = ANY($1::varchar[]))
       UPDATE login_throttle SET hits = greatest(hits - 1, 0) WHERE key = $2`,
      [clear, undo],
    );
  }

  /** Expired windows are only clutter; removed now and then. */
  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM login_throttle WHERE window_start < now() - interval '1 day'`);
  }
}
