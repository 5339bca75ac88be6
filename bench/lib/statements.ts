import { Client } from 'pg';

/** PostgreSQL's own time per request, from pg_stat_statements: planning, execution and commit. */
export interface StatementTimes {
  planMs: number;
  execMs: number;
  /**
   * WAL flushes (fsync) per request and their time (pg_stat_wal with track_wal_io_timing): what a
   * synchronous COMMIT waits for. pg_stat_statements cannot show it: a COMMIT statement only ends
   * the transaction block, and the flush happens after the statement, in the commit itself.
   */
  commitMs: number;
  flushes: number;
}

export const NO_TIMES: StatementTimes = { planMs: NaN, execMs: NaN, commitMs: NaN, flushes: NaN };

/**
 * Planning, execution and commit time of every statement the server ran for one database, as
 * pg_stat_statements (with track_planning) sums them between a reset and a read. The embedded
 * server of the run loads the module (see database.ts); a DATABASE_URL server that does not has
 * no such figures, and the report says n/a.
 */
export class StatementStats {
  private constructor(private readonly client: Client) {}

  /** Undefined (with the reason logged) when the server does not load pg_stat_statements. */
  static async open(url: string, log: (line: string) => void): Promise<StatementStats | undefined> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      const { rows } = await client.query<{ on: string }>(
        `SELECT current_setting('pg_stat_statements.track_planning') AS on`,
      );
      if (rows[0]?.on !== 'on') log('  pg_stat_statements does not track planning: planning time is left out');
      await client.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
      const stats = new StatementStats(client);
      // Resetting takes a superuser (or the grants): without them there are no per-round figures.
      await stats.reset();
      return stats;
    } catch (error) {
      log(`  no PostgreSQL statement times (${error instanceof Error ? error.message : String(error)})`);
      await client.end();
      return undefined;
    }
  }

  async reset(): Promise<void> {
    await this.client.query(`SELECT pg_stat_statements_reset(), pg_stat_reset_shared('wal')`);
  }

  /** Totals since the last reset for this database (WAL: for the server), in ms per request. */
  async read(requests: number): Promise<StatementTimes> {
    const { rows } = await this.client.query<{ plan: number; exec: number; syncs: number; sync_ms: number }>(
      `SELECT COALESCE(sum(total_plan_time), 0)::float8 AS plan, COALESCE(sum(total_exec_time), 0)::float8 AS exec,
              (SELECT wal_sync FROM pg_stat_wal)::float8 AS syncs, (SELECT wal_sync_time FROM pg_stat_wal)::float8 AS sync_ms
         FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT ILIKE '%pg_stat_statements%'`,
    );
    const r = rows[0];
    return {
      planMs: r.plan / requests,
      execMs: r.exec / requests,
      commitMs: r.sync_ms / requests,
      flushes: r.syncs / requests,
    };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
