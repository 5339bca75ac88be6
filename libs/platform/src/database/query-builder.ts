import { sql } from 'kysely';
import type { CursorPosition } from '../http/pagination';

export { qb } from './unit-of-work';
export type { DB } from './schema.generated';

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
