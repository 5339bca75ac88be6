import {
  catalogueQuery,
  EXCLUDED_TABLES,
  EXPORTED_TABLES,
  planArchive,
  undeclaredSecretColumns,
  unregisteredTables,
  type CatalogueTable,
} from '@leadpath/org-archive';
import { qb } from '@leadpath/platform/database';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The archive's table lists against the migrated schema: every table of an organization is
 * either exported or left out with a reason, and every column that looks like a secret is
 * declared one (or declared harmless). A migration that adds either fails here until the lists
 * say what happens to it.
 */
describe('the organization archive covers the schema', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  const catalogue = async (): Promise<CatalogueTable[]> => {
    const compiled = catalogueQuery().compile(qb);
    return (await db.pool.query<CatalogueTable>(compiled.sql, [...compiled.parameters])).rows;
  };

  it('lists every table of an organization, exported or excluded with a reason, and nothing else', async () => {
    const tables = await catalogue();
    expect(unregisteredTables(tables)).toEqual({ unlisted: [], missing: [] });
    const exported = new Set<string>(EXPORTED_TABLES);
    for (const [table, reason] of Object.entries(EXCLUDED_TABLES)) {
      expect(exported.has(table)).toBe(false);
      expect(reason.length).toBeGreaterThan(10);
    }
    const plan = planArchive(tables);
    expect(plan.tables.map((t) => t.name).sort()).toEqual([...EXPORTED_TABLES].sort());
    expect(plan.tables[0].name).toBe('organizations');
    // Parents first: every foreign key points at a table placed before.
    const position = new Map(plan.tables.map((t, i) => [t.name, i]));
    for (const t of tables.filter((c) => exported.has(c.name))) {
      for (const parent of t.references.filter((r) => exported.has(r))) {
        expect([t.name, parent, position.get(parent)! < position.get(t.name)!]).toEqual([t.name, parent, true]);
      }
    }
  });

  it('declares every column that looks like a secret', async () => {
    expect(undeclaredSecretColumns(await catalogue())).toEqual([]);
  });

  it('fails for a new table of an organization, a child table reached by a foreign key, and a new secret', async () => {
    await db.pool.query(`CREATE TABLE meeting_notes (id uuid PRIMARY KEY, organization_id uuid NOT NULL, body text)`);
    await db.pool.query(
      `CREATE TABLE meeting_note_links (id uuid PRIMARY KEY, user_id uuid NOT NULL REFERENCES users(id), url text)`,
    );
    await db.pool.query(`CREATE TABLE instance_notes (id uuid PRIMARY KEY, body text)`);
    await db.pool.query(`ALTER TABLE users ADD COLUMN calendar_token text`);
    try {
      const tables = await catalogue();
      expect(unregisteredTables(tables)).toEqual({ unlisted: ['meeting_note_links', 'meeting_notes'], missing: [] });
      expect(() => planArchive(tables)).toThrow(/unlisted meeting_note_links, meeting_notes/);
      expect(undeclaredSecretColumns(tables)).toEqual(['users.calendar_token']);
    } finally {
      await db.pool.query(
        `DROP TABLE meeting_notes, meeting_note_links, instance_notes; ALTER TABLE users DROP COLUMN calendar_token`,
      );
    }
  });
});
