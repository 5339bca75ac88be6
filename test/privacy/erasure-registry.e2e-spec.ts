import { Pool } from 'pg';
import { ERASURE_REGISTRY, registryEntries } from '@leadpath/privacy';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface CatalogColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  /** The table a single-column foreign key on it references, if any. */
  references: string | null;
  on_delete: string | null;
}

/**
 * The erasure registry against the migrated schema: every column that can hold a person's data
 * has a declared strategy, every declared rule names a real column, and every rule that relies on
 * the database (a cascade) is backed by the foreign key it claims.
 */
describe('erasure registry', () => {
  let db: TestDatabase;
  let pool: Pool;
  let columns: CatalogColumn[];

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url });
    columns = (
      await pool.query<CatalogColumn>(`
        SELECT c.table_name, c.column_name, c.data_type, c.udt_name,
               fk.references, fk.on_delete
          FROM information_schema.columns c
          JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          LEFT JOIN LATERAL (
            SELECT con.confrelid::regclass::text AS references,
                   CASE con.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'NO ACTION' END AS on_delete
              FROM pg_constraint con
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
             WHERE con.contype = 'f' AND con.conrelid = (quote_ident(c.table_name))::regclass
               AND cardinality(con.conkey) = 1 AND a.attname = c.column_name
             LIMIT 1) fk ON true
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations'
         ORDER BY c.table_name, c.ordinal_position`)
    ).rows;
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  /** Text of any kind, JSON, addresses, arrays; uuids naming a person or anything the database cannot tell. */
  function canHoldPersonalData(c: CatalogColumn): boolean {
    if (['text', 'character varying', 'character', 'json', 'jsonb', 'inet', 'ARRAY'].includes(c.data_type)) return true;
    if (c.data_type === 'USER-DEFINED' && c.udt_name === 'citext') return true;
    if (c.data_type === 'uuid') {
      if (c.column_name === 'id' || c.column_name === 'organization_id') return false;
      return c.references === null || c.references === 'users' || c.references === 'mentees';
    }
    return false;
  }

  it('reads a schema with the tables it is about', () => {
    const tables = new Set(columns.map((c) => c.table_name));
    for (const t of ['users', 'mentees', 'feedback', 'audit_events', 'erasure_log']) expect(tables).toContain(t);
    // What the rule below counts as able to hold a person's data, on a few known columns.
    const judged = (table: string, column: string) =>
      canHoldPersonalData(columns.find((c) => c.table_name === table && c.column_name === column)!);
    expect(judged('users', 'email')).toBe(true);
    expect(judged('feedback', 'author_id')).toBe(true);
    expect(judged('audit_events', 'actor_id')).toBe(true);
    expect(judged('imports', 'plan')).toBe(true);
    expect(judged('mentee_milestones', 'evidence_links')).toBe(true);
    expect(judged('mentee_milestones', 'template_id')).toBe(false);
    expect(judged('goal_check_ins', 'progress')).toBe(false);
  });

  it('declares a strategy for every column that can hold a person’s data', () => {
    const missing = columns
      .filter(canHoldPersonalData)
      .filter((c) => !ERASURE_REGISTRY[c.table_name]?.[c.column_name])
      .map((c) => `${c.table_name}.${c.column_name} (${c.data_type}${c.references ? ` → ${c.references}` : ''})`);
    expect(missing).toEqual([]);
  });

  it('fails for a new column without a strategy', async () => {
    // The rule above, run on a schema with one more column: the test would catch it.
    await pool.query(`ALTER TABLE goals ADD COLUMN private_remark text`);
    try {
      const { rows } = await pool.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'goals' AND column_name = 'private_remark'`,
      );
      const added = { ...rows[0], table_name: 'goals', udt_name: 'text', references: null, on_delete: null };
      expect(canHoldPersonalData(added)).toBe(true);
      expect(ERASURE_REGISTRY.goals[added.column_name]).toBeUndefined();
    } finally {
      await pool.query(`ALTER TABLE goals DROP COLUMN private_remark`);
    }
  });

  it('names only columns that exist', () => {
    const known = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`));
    const stale = registryEntries()
      .map((e) => `${e.table}.${e.column}`)
      .filter((k) => !known.has(k));
    expect(stale).toEqual([]);
  });

  it('backs every cascade it relies on with a foreign key that cascades', () => {
    const wrong = registryEntries().flatMap(({ table, column, rule }) => {
      if (rule.strategy !== 'delete' || !('cascadeFrom' in rule)) return [];
      const c = columns.find((x) => x.table_name === table && x.column_name === column);
      return c?.references === rule.cascadeFrom && c.on_delete === 'CASCADE' ? [] : [`${table}.${column}`];
    });
    expect(wrong).toEqual([]);
  });

  it('deletes a column "with its row" only in tables whose rows it deletes', () => {
    const orphans = registryEntries().flatMap(({ table, column, rule }) => {
      if (rule.strategy !== 'delete' || !('withRow' in rule)) return [];
      const rowRule = Object.values(ERASURE_REGISTRY[table]).some(
        (r) => r.strategy === 'delete' && ('names' in r || 'cascadeFrom' in r),
      );
      return rowRule ? [] : [`${table}.${column}`];
    });
    expect(orphans).toEqual([]);
  });

  it('anonymizes by columns of the same table, and keeps nothing without a basis', () => {
    const bad = registryEntries().flatMap(({ table, column, rule }) => {
      if (rule.strategy === 'keep') return rule.basis.trim().length >= 10 ? [] : [`${table}.${column}: no basis`];
      if (rule.strategy === 'anonymize' && 'where' in rule) {
        return ERASURE_REGISTRY[table] &&
          columns.some((c) => c.table_name === table && c.column_name === rule.where.column)
          ? []
          : [`${table}.${column}: where ${rule.where.column}`];
      }
      return [];
    });
    expect(bad).toEqual([]);
  });
});
