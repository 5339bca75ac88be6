import { DataSource } from 'typeorm';
import { dataSourceOptions, migrations } from '@leadpath/platform/database';
import { entities } from '../../apps/cli/src/entities';
import { describeSchema } from '../support/schema';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    dataSource = new DataSource(dataSourceOptions({ url: db.url, poolSize: 1 }));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('up, down to nothing, and up again give the same schema', async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    const first = await describeSchema(db.pool);
    expect(first.length).toBeGreaterThan(0);

    for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v', 'S') AND relname NOT LIKE 'schema_migrations%'`,
    );
    expect(rows[0].n).toBe(0);
    expect(await describeSchema(db.pool)).toEqual([]);

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await describeSchema(db.pool)).toEqual(first);
  });
});

describe('entities and migrations', () => {
  it('agree: the migrated template needs no further change for the entities', async () => {
    const db = await createTestDatabase();
    const ds = new DataSource({ ...dataSourceOptions({ url: db.url, poolSize: 1 }), entities });
    await ds.initialize();
    try {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
