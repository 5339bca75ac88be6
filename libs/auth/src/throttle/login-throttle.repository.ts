import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { anyOf, qb } from '@leadpath/platform/database';

export interface Hits {
  hits: number;
  retryAfterSeconds: number;
}

/** Fixed-window counters in PostgreSQL, so every API instance sees the same numbers. */
@Injectable()
export class LoginThrottleRepository {
  /**
   * Counts one more hit on each key and returns every new count, in one statement: each count
   * is taken under the row's lock, so parallel attempts see 1, 2, 3 … and never the same number.
   * Keys are locked in sorted order, so two statements over overlapping keys cannot deadlock.
   */
  async hitAll(keys: string[], windowSeconds: number): Promise<Map<string, Hits>> {
    const window = sql`make_interval(secs => ${windowSeconds})`;
    const expired = sql<boolean>`t.window_start <= now() - ${window}`;
    const { rows } = await sql<{
      key: string;
      hits: number;
      retry_after: number;
    }>`INSERT INTO login_throttle AS t (key, window_start, hits)
       SELECT k, now(), 1 FROM unnest(${[...new Set(keys)].sort()}::varchar[]) AS k ORDER BY k
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN ${expired} THEN 1 ELSE t.hits + 1 END,
         window_start = CASE WHEN ${expired} THEN now() ELSE t.window_start END
       RETURNING key, hits, ceil(extract(epoch FROM t.window_start + ${window} - now()))::int AS retry_after`.execute(
      qb,
    );
    return new Map(rows.map((r) => [r.key, { hits: r.hits, retryAfterSeconds: Math.max(1, r.retry_after) }]));
  }

  /** A successful sign-in: forget the keys in `clear`, and take back the hit counted on `undo`. */
  async settle(clear: string[], undo: string): Promise<void> {
    await sql`WITH cleared AS (DELETE FROM login_throttle WHERE ${anyOf('key', clear, 'varchar')})
          UPDATE login_throttle SET hits = greatest(hits - 1, 0) WHERE key = ${undo}`.execute(qb);
  }

  /** Expired windows are only clutter; removed now and then. */
  async prune(): Promise<void> {
    await qb
      .deleteFrom('login_throttle')
      .where(sql<boolean>`window_start < now() - interval '1 day'`)
      .execute();
  }
}
