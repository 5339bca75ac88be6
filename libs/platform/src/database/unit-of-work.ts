import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { DB } from './schema.generated';

/** Runs one statement on a unit of work's connection, in its transaction. */
export interface StatementRunner {
  run<T>(text: string, params?: unknown[]): Promise<T[]>;
}

/** Tenant work was attempted with no unit of work open: a bug in the caller, never a user error. */
export class OutsideUnitOfWorkError extends Error {
  constructor() {
    super(
      'Database query outside a unit of work: run tenant work inside db.tenant(organizationId, …) ' +
        '(every authenticated request already does), or a cross-organization operation listed in ' +
        'SYSTEM_OPERATIONS inside db.system(name, …)',
    );
    this.name = 'OutsideUnitOfWorkError';
  }
}

/**
 * The unit of work the current async context runs in. One store for the process: a unit is a
 * connection in a transaction, and whichever code runs inside it — a repository's Kysely query,
 * a hand-written statement through `Database.query` — runs on that connection.
 */
const units = new AsyncLocalStorage<StatementRunner>();

export function currentUnit<U extends StatementRunner>(): U | undefined {
  return units.getStore() as U | undefined;
}

export function runInUnit<U extends StatementRunner, T>(unit: U, fn: () => Promise<T>): Promise<T> {
  return units.run(unit, fn);
}

/**
 * Every statement of a unit of work passes here, whether Kysely or `Database.query` sent it: it
 * runs on the current unit's connection, and outside a unit it fails with OutsideUnitOfWorkError.
 * One object, so a test can watch every statement a request sends.
 */
export const unitStatements = {
  run<T>(text: string, params?: readonly unknown[]): Promise<T[]> {
    const unit = units.getStore();
    if (!unit) return Promise.reject(new OutsideUnitOfWorkError());
    return unit.run<T>(text, params ? [...params] : undefined);
  },
};

/**
 * Kysely's connection is the current unit of work's: `execute()` sends the statement through it,
 * so row-level security, the organization and the transaction are the unit's. A unit owns its
 * transaction (`Database.tenant` / `Database.system`), so Kysely's own transactions are refused.
 */
const unitConnection: DatabaseConnection = {
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return { rows: await unitStatements.run<R>(compiled.sql, compiled.parameters) };
  },
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming runs on a unit of work session (see BatchStream), not through Kysely');
  },
};

const refuseTransaction = (): Promise<never> =>
  Promise.reject(new Error('a unit of work owns its transaction: use Database.tenant or Database.system'));

class UnitOfWorkDriver implements Driver {
  init = (): Promise<void> => Promise.resolve();
  acquireConnection = (): Promise<DatabaseConnection> => Promise.resolve(unitConnection);
  beginTransaction = refuseTransaction;
  commitTransaction = refuseTransaction;
  rollbackTransaction = refuseTransaction;
  releaseConnection = (): Promise<void> => Promise.resolve();
  destroy = (): Promise<void> => Promise.resolve();
}

/**
 * Typed, composable SQL on the current unit of work. Build a query and `execute()` it: it runs
 * on the unit's connection, and outside a unit it fails with OutsideUnitOfWorkError, exactly as
 * `Database.query` does. Optional filters are `.$if(…)` or `where` callbacks, values are always
 * parameters, and nobody counts `$n` placeholders. A `sql` template runs with `.execute(qb)`.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new UnitOfWorkDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
