import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { types, type Pool, type PoolClient } from 'pg';
import { DataSource } from 'typeorm';

// Calendar dates stay 'YYYY-MM-DD' strings: a Date would shift them by the server's time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** What a repository needs to run SQL, inside or outside a transaction. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * Plain SQL on the pool TypeORM manages. Repositories own their SQL and call this; TypeORM
 * stays in charge of connections, migrations and the schema description, not of row mapping
 * (measured: hydration and `save()` cost more than the queries on the hot paths).
 */
@Injectable()
export class Database implements Sql {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  async query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> {
    const result = await this.pool.query(text, params);
    return result.rows as T[];
  }

  /**
   * A connection of its own, for work that outlives one call (a streamed export holding a
   * cursor and a session lock). The caller must release it.
   */
  acquire(): Promise<PoolClient> {
    return this.pool.connect();
  }

  /** Runs `fn` in one transaction: everything it writes, audit events included, lands or none does. */
  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const tx: Sql = {
        query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as R[],
      };
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
