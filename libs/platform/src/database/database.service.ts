import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Compilable } from 'kysely';
import { Client, Pool, types, type PoolClient, type PoolConfig, type QueryConfig, type QueryResult } from 'pg';
import { Clock } from '../clock';
import { POOL_CONFIG } from './pool';
import { SYSTEM_OPERATIONS, SYSTEM_ROLE, type SystemOperation } from './system-operations';
import { currentUnit, OutsideUnitOfWorkError, runInUnit, unitStatements, type StatementRunner } from './unit-of-work';

export { OutsideUnitOfWorkError } from './unit-of-work';

// Calendar dates stay 'YYYY-MM-DD' strings: a Date would shift them by the server's time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** What a repository needs to run SQL: the current unit of work's connection. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** The role tenant work runs as: it owns no table and row-level security binds it (see the RLS migration). */
export const APP_ROLE = 'leadpath_app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Plan once: every statement with parameters runs as a named prepared statement of its
 * connection, named by a hash of its text. The connection parses it the first time; after that
 * each run is only Bind and Execute, and once PostgreSQL has seen a few runs it may keep a
 * generic plan instead of planning every call. Correctness stays PostgreSQL's: a cached plan is
 * re-planned when a table, index, policy or function it depends on changes, when the search path
 * differs, and when the role differs where row-level security applies. The one change it refuses
 * instead is a statement whose result columns changed ("cached plan must not change result type"
 * after a migration altered a `SELECT *` table): that statement fails, and its connection is
 * discarded when released, so the next unit of work parses the statement afresh.
 *
 * A connection keeps at most PREPARED_PER_CONNECTION statements; past that, new texts run unnamed
 * (parsed and planned each time, as before). Statements without parameters run as they are.
 */
const PREPARED_PER_CONNECTION = 200;
const preparedBy = new WeakMap<PoolClient, Set<string>>();
/** Connections with a prepared statement the server no longer accepts: dropped at release. */
const stalePlans = new WeakSet<PoolClient>();
/** Statement text → name, so that a hot statement is hashed once per process, not per run. */
const names = new Map<string, string>();
const NAMES_KEPT = 2000;

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `lp_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
    if (names.size >= NAMES_KEPT) names.clear();
    names.set(text, name);
  }
  return name;
}

/** The query to send: named (prepared on this connection) when it has parameters and room is left. */
function preparedQuery(client: PoolClient, text: string, params?: unknown[]): QueryConfig | string {
  if (!params || params.length === 0) return text;
  let prepared = preparedBy.get(client);
  if (!prepared) preparedBy.set(client, (prepared = new Set()));
  const name = statementName(text);
  if (!prepared.has(name)) {
    if (prepared.size >= PREPARED_PER_CONNECTION) return { text, values: params };
    prepared.add(name);
  }
  return { name, text, values: params };
}

/** 0A000 "cached plan must not change result type", or 26000: the named statement is gone. */
function isStalePlan(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code === '0A000' && /cached plan/.test(message ?? '')) || code === '26000';
}

/** Returns a connection to the pool; one that failed, or holds a stale prepared statement, is closed. */
function release(client: PoolClient, broken: boolean): void {
  client.release(broken || stalePlans.has(client));
}

/**
 * Whether a statement can write anything but an audit row: what decides if the unit of work's
 * COMMIT must wait for its WAL to reach the disk. Reads (SELECT, or WITH, without a data-changing
 * keyword anywhere in the text) and inserts into audit_events cannot; anything else may. A false
 * "may" only costs a synchronous commit.
 */
const READ = /^\s*(select|with|values|show)\b/i;
const CHANGES_DATA = /\b(insert|update|delete|merge|nextval|setval)\b|leadpath_seed/i;
const AUDIT_INSERT = /^\s*insert\s+into\s+"?audit_events"?[\s(]/i;
export function writesBeyondAudit(text: string): boolean {
  if (READ.test(text)) return CHANGES_DATA.test(text);
  return !AUDIT_INSERT.test(text) || /\b(update|delete)\b/i.test(text);
}

/**
 * One connection in one transaction, with its statements queued in order (callers may start
 * several at once; a connection runs one at a time).
 */
class Connection {
  private queue: Promise<unknown> = Promise.resolve();
  /** Whether a statement of this transaction may have written anything but an audit row. */
  wrote = false;

  constructor(readonly client: PoolClient) {}

  run<T>(text: string, params?: unknown[]): Promise<T[]> {
    if (!this.wrote && writesBeyondAudit(text)) this.wrote = true;
    const next = this.queue.then(async () => {
      try {
        return (await this.client.query(preparedQuery(this.client, text, params))).rows as T[];
      } catch (error) {
        if (isStalePlan(error)) stalePlans.add(this.client);
        throw error;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/**
 * Commit once, cheaply. A unit of work that read and wrote nothing but its audit rows (a read of
 * feedback text or of readiness, audited) commits asynchronously: its COMMIT returns without
 * waiting for the WAL flush. What a crash can lose is the audit rows of reads answered in the
 * last moments before it (at most three times wal_writer_delay, 600 ms by default), never a
 * write, nor a write's own audit: a unit that changed anything else commits synchronously, and its
 * flush carries every earlier commit of the WAL with it.
 */
function commitStatement(connection: Connection): string {
  return connection.wrote ? 'COMMIT' : 'SET LOCAL synchronous_commit = off; COMMIT';
}

/**
 * One organization's unit of work: a connection in a transaction running as APP_ROLE with
 * `app.organization_id` set for this transaction only (never a session SET, which would leak
 * to the next user of the pooled connection).
 */
export interface TenantSession extends StatementRunner {
  readonly kind: 'tenant';
  readonly organizationId: string;
  readonly client: PoolClient;
  /** Writes that must land even when the session's work is rolled back (denied-access audit). */
  readonly afterwards: (() => Promise<void>)[];
  run<T>(text: string, params?: unknown[]): Promise<T[]>;
  end(commit: boolean): Promise<void>;
}

interface SystemScope extends StatementRunner {
  readonly kind: 'system';
  readonly operation: SystemOperation;
  readonly connection: Connection;
}

type Unit = TenantSession | SystemScope;

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

const systemScope = (operation: SystemOperation, connection: Connection): SystemScope => ({
  kind: 'system',
  operation,
  connection,
  run: (text, params) => connection.run(text, params),
});

// Inlined into one round trip; safe because the id is checked to be a UUID first.
function tenantBegin(organizationId: string, begin: boolean, at: Date | undefined, snapshot = false): string {
  if (!UUID.test(organizationId)) throw new Error('tenant unit of work without a valid organization id');
  const start = snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ; ' : 'BEGIN; ';
  return `${begin ? start : ''}SET LOCAL ROLE ${APP_ROLE}; SELECT set_config('app.organization_id', '${organizationId}', true)${clockSetting(at)}`;
}

/**
 * When the application's clock is set (tests), the transaction's SQL calendar follows it: the
 * functions leadpath_now(), leadpath_today(), leadpath_clock() and leadpath_overdue() (see the
 * one-calendar migration) read `leadpath.now`. Unset, they use the server's clock. An ISO
 * timestamp from Date is safe to inline.
 */
function clockSetting(at: Date | undefined): string {
  return at ? `; SELECT set_config('leadpath.now', '${at.toISOString()}', true)` : '';
}

/**
 * What pg's runtime has and its type declarations leave out: the backend key a cancel request
 * names (set once the connection is ready, null before), and the connection's raw connect and
 * cancel request, which `cancel` sends on a connection of its own.
 */
declare module 'pg' {
  interface Client {
    readonly processID: number | null;
    readonly secretKey: number | null;
  }
  interface Connection {
    connect(port: number | string, host?: string): void;
    cancel(processID: number, secretKey: number): void;
  }
}

/** Whether a query answered with one result per statement (a text of several statements). */
function isResultList(value: unknown): value is QueryResult[] {
  return Array.isArray(value) && value.every((r) => typeof r === 'object' && r !== null && 'rows' in r);
}

/**
 * Plain SQL on a pool of its own, only ever inside a unit of work:
 *
 * - `tenant(organizationId, fn)`: all work on one organization's data — a request (opened by
 *   RequestTransactionInterceptor), a job, a CLI command, a test factory. One transaction as
 *   APP_ROLE with the organization set for that transaction, so row-level security binds every
 *   query; `fn` and everything it calls share it, and it commits when `fn` resolves.
 * - `system(name, fn)`: one of the few cross-organization operations named in SYSTEM_OPERATIONS,
 *   as SYSTEM_ROLE with exactly the grants listed there.
 *
 * `query` outside either throws OutsideUnitOfWorkError: no code path runs as the connecting role.
 * The pool is this class's alone (no provider hands it out), so there is no way to it but these.
 */
@Injectable()
export class Database implements Sql, OnModuleInit, OnApplicationShutdown {
  private readonly pool: Pool;
  private readonly logger = new Logger(Database.name);

  constructor(
    @Inject(POOL_CONFIG) private readonly poolConfig: PoolConfig,
    private readonly clock: Clock,
  ) {
    this.pool = new Pool(poolConfig);
    // An idle connection the server ends (a restart, an outage) is dropped from the pool; without
    // a listener the 'error' event would end the process.
    this.pool.on('error', (error) => this.logger.warn(`idle database connection lost: ${error.message}`));
  }

  /** Fails the boot at once when the database cannot be reached, instead of at the first request. */
  async onModuleInit(): Promise<void> {
    const client = await this.pool.connect();
    client.release();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  /** Whether the database answers (readiness): `SELECT 1` reads no table, so it needs no unit of work. */
  async ping(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timeout of ${timeoutMs}ms exceeded`)), timeoutMs);
    });
    try {
      await Promise.race([this.pool.query('SELECT 1'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> {
    return unitStatements.run<T>(text, params);
  }

  /** The organization of the tenant unit of work in progress, if any. */
  get organizationId(): string | undefined {
    const unit = currentUnit<Unit>();
    return unit?.kind === 'tenant' ? unit.organizationId : undefined;
  }

  /**
   * Runs `fn` as one tenant unit of work: committed if it resolves, rolled back if it throws.
   * Inside one for the same organization it joins it; inside a system operation (sign-up) it
   * switches that transaction to the tenant role for `fn` and back after it.
   */
  async tenant<T>(organizationId: string, fn: () => Promise<T>): Promise<T> {
    const current = currentUnit<Unit>();
    if (current?.kind === 'tenant') {
      if (current.organizationId !== organizationId) {
        throw new Error('a tenant unit of work cannot open one for another organization');
      }
      return fn();
    }
    if (current?.kind === 'system') return this.tenantWithinSystem(current, organizationId, fn);
    const session = await this.openTenantSession(organizationId);
    let result: T;
    try {
      result = await runInUnit(session, fn);
    } catch (error) {
      await session.end(false);
      throw error;
    }
    await session.end(true);
    return result;
  }

  /**
   * Runs `fn` as the named cross-organization operation, in one transaction as SYSTEM_ROLE.
   * Nested in another system operation it joins it; inside tenant work it is refused, so a
   * request can never widen what it sees.
   */
  async system<T>(operation: SystemOperation, fn: () => Promise<T>): Promise<T> {
    if (!(operation in SYSTEM_OPERATIONS)) throw new Error(`unknown system operation ${String(operation)}`);
    const current = currentUnit<Unit>();
    if (current?.kind === 'system') return fn();
    if (current?.kind === 'tenant') throw new Error(`system operation ${operation} inside a tenant unit of work`);
    const client = await connect(this.pool);
    let broken = false;
    try {
      await client.query(`BEGIN; SET LOCAL ROLE ${SYSTEM_ROLE}${clockSetting(this.clock.fixedAt())}`);
      const result = await runInUnit(systemScope(operation, new Connection(client)), fn);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      release(client, broken);
    }
  }

  /**
   * A cross-organization read of one statement, in one round trip: `BEGIN`, the role, the
   * statement and `COMMIT` go as one message. The statement carries no parameters (a simple query
   * cannot), so its values are literals the query builder escaped (`sql.lit`). Every request's token
   * check is such a read; as `system()` it took three round trips. Inside a system operation it
   * joins it; inside tenant work it is refused.
   */
  async systemRead<R>(operation: SystemOperation, query: Compilable<R>): Promise<R[]> {
    if (!(operation in SYSTEM_OPERATIONS)) throw new Error(`unknown system operation ${String(operation)}`);
    const compiled = query.compile();
    if (compiled.parameters.length > 0) throw new Error(`system read ${operation} must inline its values`);
    const current = currentUnit<Unit>();
    if (current?.kind === 'system') return current.connection.run<R>(compiled.sql);
    if (current?.kind === 'tenant') throw new Error(`system operation ${operation} inside a tenant unit of work`);
    const client = await connect(this.pool);
    let broken = false;
    try {
      const clock = clockSetting(this.clock.fixedAt());
      // Line breaks around the statement: a trailing comment in it cannot swallow the COMMIT.
      // Several statements in one text: pg answers with one result each, which its types do not say.
      const results: unknown = await client.query(
        `BEGIN; SET LOCAL ROLE ${SYSTEM_ROLE}${clock};\n${compiled.sql}\n; COMMIT`,
      );
      // BEGIN, the role, the clock when set, the statement, COMMIT: anything else means the
      // statement was not one statement, and the connection's state is not to be trusted.
      const expected = clock ? 5 : 4;
      if (!isResultList(results) || results.length !== expected) {
        broken = true;
        throw new Error(`system read ${operation} must be exactly one statement`);
      }
      return results[expected - 2].rows as R[];
    } catch (error) {
      if (broken) throw error;
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      release(client, broken);
    }
  }

  private async tenantWithinSystem<T>(system: SystemScope, organizationId: string, fn: () => Promise<T>): Promise<T> {
    const { connection } = system;
    await connection.run(tenantBegin(organizationId, false, this.clock.fixedAt()));
    const session: TenantSession = {
      kind: 'tenant',
      organizationId,
      client: connection.client,
      afterwards: [],
      run: (text, params) => connection.run(text, params),
      end: () => Promise.reject(new Error('a tenant unit of work inside a system operation ends with it')),
    };
    const result = await runInUnit(session, fn);
    if (session.afterwards.length > 0) throw new Error('deferred writes inside a system operation');
    await connection.run(`SET LOCAL ROLE ${SYSTEM_ROLE}; SELECT set_config('app.organization_id', '', true)`);
    return result;
  }

  /** Runs `fn` inside an already open session (a streamed export keeps its session open). */
  inSession<T>(session: TenantSession, fn: () => Promise<T>): Promise<T> {
    return runInUnit(session, fn);
  }

  /** A write that must survive the current tenant unit's rollback (a denied attempt's audit event). */
  afterwards(write: () => Promise<void>): void {
    const unit = currentUnit<Unit>();
    if (unit?.kind !== 'tenant') throw new OutsideUnitOfWorkError();
    unit.afterwards.push(write);
  }

  /**
   * Opens a tenant unit of work that outlives one call (a streamed export); the caller ends it.
   * Everything else uses `tenant()`. With `snapshot`, every statement of the session reads the
   * same snapshot (repeatable read): an export of many tables sees one moment of the organization.
   */
  async openTenantSession(organizationId: string, options: { snapshot?: boolean } = {}): Promise<TenantSession> {
    const begin = tenantBegin(organizationId, true, this.clock.fixedAt(), options.snapshot);
    const client = await connect(this.pool);
    try {
      await client.query(begin);
    } catch (error) {
      client.release(true);
      throw error;
    }
    const connection = new Connection(client);
    const afterwards: TenantSession['afterwards'] = [];
    let ended = false;
    return {
      kind: 'tenant',
      organizationId,
      client,
      afterwards,
      run: (text, params) => connection.run(text, params),
      end: async (commit: boolean) => {
        if (ended) return;
        ended = true;
        let broken = false;
        try {
          await client.query(commit ? commitStatement(connection) : 'ROLLBACK');
          if (afterwards.length > 0) {
            await client.query(begin);
            const later = new Connection(client);
            const unit: TenantSession = {
              kind: 'tenant',
              organizationId,
              client,
              afterwards: [],
              run: (t, p) => later.run(t, p),
              end: () => Promise.resolve(),
            };
            for (const write of afterwards) await runInUnit(unit, write);
            await client.query('COMMIT');
          }
        } catch (error) {
          broken = true;
          if (commit) throw error;
        } finally {
          release(client, broken);
        }
      },
    };
  }

  /**
   * Asks the server to stop the statement a connection is running, with the protocol's cancel
   * request (the backend's secret key, no role needed), e.g. when an export's reader leaves.
   */
  cancel(client: PoolClient): void {
    const { processID, secretKey } = client;
    if (processID === null || secretKey === null) return;
    const canceller = new Client(this.poolConfig);
    const { connection } = canceller;
    // A cancel that cannot reach the server changes nothing; the connection is dropped anyway.
    connection.on('error', () => undefined);
    connection.on('connect', () => connection.cancel(processID, secretKey));
    if (canceller.host.startsWith('/')) connection.connect(`${canceller.host}/.s.PGSQL.${canceller.port}`);
    else connection.connect(canceller.port, canceller.host);
  }
}
