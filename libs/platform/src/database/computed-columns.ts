import { sql, type Expression, type RawBuilder } from 'kysely';

/*
 * The select list of a `sql` template, declared once: each column's expression with its type
 * (`sql<number>`…``), so the template's row type is derived from the list (`RowOf`) rather than
 * written again beside the query. Queries the builder can state infer their rows from the schema;
 * this is for the statements that stay `sql` templates (the readiness definition, the summary).
 */

/** A column passed on under its own name from the relation aliased `from`: written `from.name`. */
export class Carried<T> {
  /** Never set: it carries the column's type. */
  declare readonly type?: T;

  constructor(readonly from: string) {}
}

/** A column a template passes on unchanged, typed where it is passed on (`carried<string>('t')`). */
export const carried = <T>(from: string): Carried<T> => new Carried<T>(from);

export type Column<T = unknown> = Expression<T> | Carried<T>;

/**
 * A column only some projections of one template hold, each with its own expression: the
 * readiness definition with its evidence holds `competencies`, without it `means`, in one place.
 */
export class Variants<V extends Record<string, Column>> {
  constructor(readonly variants: V) {}
}

export const variants = <V extends Record<string, Column>>(v: V): Variants<V> => new Variants(v);

export type Columns = Record<string, Column | Variants<Record<string, Column>>>;

type TypeOf<C> = C extends Expression<infer T> ? T : C extends Carried<infer T> ? T : never;

/** The row a select list yields; for a projection `P`, with the variants `P` names and without the others. */
export type RowOf<C extends Columns, P extends string = never> = {
  [K in keyof C as C[K] extends Variants<infer V> ? (P extends keyof V ? K : never) : K]: C[K] extends Variants<infer V>
    ? TypeOf<V[P & keyof V]>
    : TypeOf<C[K]>;
};

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * The select list as SQL, in declaration order: `expression AS name`, or `from.name` for a carried
 * column; a column with variants only in the projection that names it. Names are the code's own
 * lower-case identifiers, so they are written unquoted, as a hand-written list would be.
 */
export function selectList(columns: Columns, projection?: string): RawBuilder<unknown> {
  const items: RawBuilder<unknown>[] = [];
  for (const [name, declared] of Object.entries(columns)) {
    const column =
      declared instanceof Variants ? (projection === undefined ? undefined : declared.variants[projection]) : declared;
    if (column === undefined) continue;
    if (!IDENTIFIER.test(name)) throw new Error(`column name ${name} is not a plain identifier`);
    if (column instanceof Carried) {
      if (!IDENTIFIER.test(column.from)) throw new Error(`relation ${column.from} is not a plain identifier`);
      items.push(sql.raw(`${column.from}.${name}`));
    } else {
      items.push(sql`${column} AS ${sql.raw(name)}`);
    }
  }
  return sql.join(items);
}
