import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type Compilable,
  type RawBuilder,
} from 'kysely';
import type { CursorPosition } from '../http/pagination';
import type { Sql } from './database.service';
import type { DB } from './schema.generated';

/**
 * Typed, composable SQL. Kysely builds and compiles queries against the table types derived from
 * the entities (`schema.generated.ts`); it never holds a connection. `run` sends the compiled text
 * and its values through the caller's unit of work, so row-level security and the transaction
 * are the same as for every other query. Optional filters are `.$if(…)` or `where` callbacks,
 * values are always parameters, and nobody counts `$n` placeholders.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Runs a built query on `sql` (a unit of work's connection, usually the Database) and returns its rows. */
export async function run<R>(sql: Sql, query: Compilable<R>): Promise<R[]> {
  const compiled = query.compile();
  return sql.query<R>(compiled.sql, [...compiled.parameters]);
}

export type { DB } from './schema.generated';

/** Runs a `sql` template (a hand-written statement with named values) on `sql`'s unit of work. */
export async function runSql<R>(db: Sql, query: RawBuilder<R>): Promise<R[]> {
  const compiled = query.compile(qb);
  return db.query<R>(compiled.sql, [...compiled.parameters]);
}

/** A row's keyset cursor timestamp, as text with microseconds (a JS Date would lose them). */
export const cursorAt = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Keyset pagination, newest first: rows strictly after `position` in (at DESC, id DESC) order. */
export const olderThan = (at: string, id: string, position: CursorPosition) =>
  sql<boolean>`(${sql.ref(at)}, ${sql.ref(id)}) < (${position.at}::timestamptz, ${position.id}::uuid)`;

/** Keyset pagination, oldest first: rows strictly after `position` in (at, id) order. */
export const newerThan = (at: string, id: string, position: CursorPosition) =>
  sql<boolean>`(${sql.ref(at)}, ${sql.ref(id)}) > (${position.at}::timestamptz, ${position.id}::uuid)`;

/** `column = ANY(values)` with the list one bound array, however long (an empty list matches nothing). */
export const anyOf = (column: string, values: readonly string[], type: 'uuid' | 'varchar') =>
  sql<boolean>`${sql.ref(column)} = ANY(${values}::${sql.raw(type)}[])`;
