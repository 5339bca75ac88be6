import { sql } from 'kysely';
import {
  EXCLUDED_TABLES,
  EXPORTED_TABLES,
  NOT_SECRET_COLUMNS,
  SECRET_COLUMNS,
  SECRET_LOOKING,
  secretColumnsOf,
} from './archive-tables';

/** One table of the database as the catalogue describes it. */
export interface CatalogueTable {
  name: string;
  /** Its stored columns in their order (generated ones left out: they are computed again). */
  columns: string[];
  primary_key: string[];
  /** The other tables its foreign keys reference. */
  references: string[];
}

/** Every table of the application's schema, with its columns, primary key and foreign keys. */
export const catalogueQuery = () => sql<CatalogueTable>`
SELECT c.relname::text AS name,
       ARRAY(SELECT a.attname::text FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
              ORDER BY a.attnum) AS columns,
       ARRAY(SELECT a.attname::text
               FROM pg_constraint k
               CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, position)
               JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
              WHERE k.conrelid = c.oid AND k.contype = 'p'
              ORDER BY u.position) AS primary_key,
       ARRAY(SELECT DISTINCT r.relname::text
               FROM pg_constraint f JOIN pg_class r ON r.oid = f.confrelid
              WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid
              ORDER BY 1) AS references
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
 ORDER BY c.relname`;

/**
 * The organization's tables: `organizations`, every table with an `organization_id`, and every
 * table whose foreign keys reach one of those (repeatedly), by name.
 */
export function organizationTables(catalogue: readonly CatalogueTable[]): CatalogueTable[] {
  const found = new Set(
    catalogue.filter((t) => t.name === 'organizations' || t.columns.includes('organization_id')).map((t) => t.name),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const t of catalogue) {
      if (!found.has(t.name) && t.references.some((r) => found.has(r))) {
        found.add(t.name);
        grew = true;
      }
    }
  }
  return catalogue.filter((t) => found.has(t.name));
}

/** One exported table: the columns that travel (its secret ones left out), in its catalogue order. */
export interface ArchiveTable {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Whether it names its organization in `organization_id` (else it is `organizations` itself). */
  scoped: boolean;
}

/** The plan of an archive: its tables, parents before children, and what is left out. */
export interface ArchivePlan {
  tables: ArchiveTable[];
  excluded: string[];
}

/** Tables of the organization named in neither list, and listed tables the catalogue lacks. */
export function unregisteredTables(catalogue: readonly CatalogueTable[]): { unlisted: string[]; missing: string[] } {
  const names = new Set(organizationTables(catalogue).map((t) => t.name));
  const listed = new Set<string>([...EXPORTED_TABLES, ...Object.keys(EXCLUDED_TABLES)]);
  return {
    unlisted: [...names].filter((n) => !listed.has(n)).sort(),
    missing: [...listed].filter((n) => !names.has(n)).sort(),
  };
}

/**
 * Columns of exported tables whose names look like a secret's (SECRET_LOOKING) and that are
 * declared neither secret nor harmless, as `table.column`.
 */
export function undeclaredSecretColumns(catalogue: readonly CatalogueTable[]): string[] {
  const exported = new Set<string>(EXPORTED_TABLES);
  return catalogue
    .filter((t) => exported.has(t.name))
    .flatMap((t) =>
      t.columns
        .filter((c) => SECRET_LOOKING.test(c))
        .filter((c) => !(c in (SECRET_COLUMNS[t.name] ?? {})) && !(`${t.name}.${c}` in NOT_SECRET_COLUMNS))
        .map((c) => `${t.name}.${c}`),
    );
}

/**
 * Orders the exported tables so that every table comes after the tables it references (ties by
 * name, so two instances of one schema agree), and refuses a catalogue the lists do not cover:
 * a table nobody decided about is never exported by accident, nor silently left out.
 */
export function planArchive(catalogue: readonly CatalogueTable[]): ArchivePlan {
  const { unlisted, missing } = unregisteredTables(catalogue);
  if (unlisted.length > 0 || missing.length > 0) {
    throw new Error(
      `the archive's table lists do not match the schema: unlisted ${unlisted.join(', ') || '-'}; missing ${missing.join(', ') || '-'}`,
    );
  }
  const exported = new Set<string>(EXPORTED_TABLES);
  // A table naming its organization depends on it even without a foreign key (the audit trail
  // has none, so that it outlives what it describes).
  const byName = new Map(
    catalogue
      .filter((t) => exported.has(t.name))
      .map((t) => [
        t.name,
        t.name !== 'organizations' && t.columns.includes('organization_id')
          ? { ...t, references: [...new Set([...t.references, 'organizations'])] }
          : t,
      ]),
  );
  const ordered: ArchiveTable[] = [];
  const placed = new Set<string>();
  while (placed.size < byName.size) {
    const ready = [...byName.values()]
      .filter((t) => !placed.has(t.name) && t.references.every((r) => placed.has(r) || !byName.has(r)))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (ready.length === 0) throw new Error('the exported tables reference each other in a cycle');
    for (const t of ready) {
      placed.add(t.name);
      const secret = new Set(secretColumnsOf(t.name));
      for (const key of t.primary_key) {
        if (secret.has(key)) throw new Error(`${t.name}.${key} is a secret and a primary key`);
      }
      if (t.primary_key.length === 0) throw new Error(`${t.name} has no primary key to order its rows by`);
      ordered.push({
        name: t.name,
        columns: t.columns.filter((c) => !secret.has(c)),
        primaryKey: t.primary_key,
        scoped: t.columns.includes('organization_id'),
      });
    }
  }
  for (const [table, columns] of Object.entries(SECRET_COLUMNS)) {
    const known = byName.get(table);
    for (const column of Object.keys(columns)) {
      if (!known?.columns.includes(column)) throw new Error(`secret column ${table}.${column} is not in the schema`);
    }
  }
  return { tables: ordered, excluded: Object.keys(EXCLUDED_TABLES).sort() };
}
