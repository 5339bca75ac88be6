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

  async hit(key: string, windowSeconds: number): Promise<Hits> {
    const [row] = await this.db.query<{ hits: number; retry_after: number }>(
      `INSERT INTO login_throttle AS t (key, window_start, hits) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN t.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE t.hits + 1 END,
         window_start = CASE WHEN t.window_start <= now() - make_interval(secs => $2) THEN now() ELSE t.window_start END
       RETURNING hits, ceil(extract(epoch FROM t.window_start + make_interval(secs => $2) - now()))::int AS retry_after`,
      [key, windowSeconds],
    );
    return { hits: row.hits, retryAfterSeconds: Math.max(1, row.retry_after) };
  }

  async peek(key: string, windowSeconds: number): Promise<Hits> {
    const [row] = await this.db.query<{ hits: number; retry_after: number }>(
      `SELECT hits, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry_after
         FROM login_throttle WHERE key = $1 AND window_start > now() - make_interval(secs => $2)`,
      [key, windowSeconds],
    );
    return { hits: row?.hits ?? 0, retryAfterSeconds: Math.max(1, row?.retry_after ?? 1) };
  }

  async clear(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }

  /** Expired windows are only clutter; removed now and then. */
  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM login_throttle WHERE window_start < now() - interval '1 day'`);
  }
}
