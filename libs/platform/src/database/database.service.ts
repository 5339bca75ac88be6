import { AsyncLocalStorage } from 'node:async_hooks';
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

/** The role tenant work runs as: it owns no table and row-level security binds it (see the RLS migration). */
export const APP_ROLE = 'leadpath_app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One organization's unit of work: a connection in a transaction running as APP_ROLE with
 * `app.organization_id` set for this transaction only (never a session SET, which would leak
 * to the next user of the pooled connection).
 */
export interface TenantSession {
  readonly organizationId: string;
  readonly client: PoolClient;
  /** Writes that must land even when the session's work is rolled back (denied-access audit). */
  readonly afterwards: ((sql: Sql) => Promise<void>)[];
  /** Runs one statement on the session's connection, after those already queued (callers may run several at once). */
  run<T>(text: string, params?: unknown[]): Promise<T[]>;
  end(commit: boolean): Promise<void>;
}

/**
 * A checked-out connection has no pool error handler: when the server goes away mid-request its
 * 'error' event would crash the process. The failing query rejects anyway, so the event is
 * only swallowed here, once per connection.
 */
const guarded = new WeakSet<PoolClient>();
async function connect(pool: Pool): Promise<PoolClient> {
  const client = await pool.connect();
  if (!guarded.has(client)) {
    guarded.add(client);
    client.on('error', () => undefined);
  }
  return client;
}

const asSql = (client: PoolClient): Sql => ({
  query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as R[],
});

/**
 * Plain SQL on the pool TypeORM manages. Repositories own their SQL and call this; TypeORM
 * stays in charge of connections, migrations and the schema description, not of row mapping
 * (measured: hydration and `save()` cost more than the queries on the hot paths).
 *
 * Inside a tenant session (every authenticated request, see RequestTransactionInterceptor) each
 * query runs on the session's connection, under row-level security. Outside one — sign-in,
 * sign-up, the token check, migrations, demo data — queries run as the connecting role.
 */
@Injectable()
export class Database implements Sql {
  private readonly sessions = new AsyncLocalStorage<TenantSession>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  async query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> {
    const session = this.sessions.getStore();
    if (session) return session.run<T>(text, params);
    return (await this.pool.query(text, params)).rows as T[];
  }

  /**
   * Runs `fn` in one transaction: everything it writes, audit events included, lands or none
   * does. Inside a tenant session it joins the session's transaction, which is the request's.
   */
  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const session = this.sessions.getStore();
    if (session) return fn({ query: (text, params) => session.run(text, params) });
    const client: PoolClient = await connect(this.pool);
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(asSql(client));
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

  /** Runs `fn` as one tenant session: committed if it resolves, rolled back if it throws. */
  async withTenant<T>(organizationId: string, fn: () => Promise<T>): Promise<T> {
    const session = await this.openTenantSession(organizationId);
    let result: T;
    try {
      result = await this.sessions.run(session, fn);
    } catch (error) {
      await session.end(false);
      throw error;
    }
    await session.end(true);
    return result;
  }

  /** Runs `fn` inside an already open session (a streamed export keeps its session open). */
  inSession<T>(session: TenantSession, fn: () => Promise<T>): Promise<T> {
    return this.sessions.run(session, fn);
  }

  /** A write that must survive the current session's rollback; outside a session it runs now. */
  async afterwards(write: (sql: Sql) => Promise<void>): Promise<void> {
    const session = this.sessions.getStore();
    if (session) session.afterwards.push(write);
    else await write(this);
  }

  async openTenantSession(organizationId: string): Promise<TenantSession> {
    // Inlined into one round trip; safe because it must be a UUID, checked here.
    if (!UUID.test(organizationId)) throw new Error('tenant session without a valid organization id');
    const begin = `BEGIN; SET LOCAL ROLE ${APP_ROLE}; SELECT set_config('app.organization_id', '${organizationId}', true)`;
    const client = await connect(this.pool);
    try {
      await client.query(begin);
    } catch (error) {
      client.release(true);
      throw error;
    }
    const afterwards: TenantSession['afterwards'] = [];
    let ended = false;
    let queue: Promise<unknown> = Promise.resolve();
    return {
      organizationId,
      client,
      afterwards,
      run: <T>(text: string, params?: unknown[]) => {
        const next = queue.then(async () => (await client.query(text, params)).rows as T[]);
        queue = next.catch(() => undefined);
        return next;
      },
      end: async (commit: boolean) => {
        if (ended) return;
        ended = true;
        let broken = false;
        try {
          await client.query(commit ? 'COMMIT' : 'ROLLBACK');
          if (afterwards.length > 0) {
            await client.query(begin);
            for (const write of afterwards) await write(asSql(client));
            await client.query('COMMIT');
          }
        } catch (error) {
          broken = true;
          if (commit) throw error;
        } finally {
          client.release(broken);
        }
      },
    };
  }

  /**
   * A connection of its own for system work that outlives one call. The caller must release it.
   */
  acquire(): Promise<PoolClient> {
    return connect(this.pool);
  }
}
