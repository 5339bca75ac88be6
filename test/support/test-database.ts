import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { databaseUrlFor } from './database-url';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests through jest's global setup`);
  return value;
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: env('LEADPATH_TEST_ADMIN_URL') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  /** A small pool for assertions straight against the tables. */
  pool: Pool;
  drop(): Promise<void>;
}

/** A database of this test file's own, cloned from the migrated template. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `lp_t_${env('LEADPATH_TEST_RUN')}_${randomBytes(5).toString('hex')}`;
  const template = options.empty ? 'template0' : env('LEADPATH_TEST_TEMPLATE');
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = databaseUrlFor(env('LEADPATH_TEST_ADMIN_URL'), name);
  const pool = new Pool({ connectionString: url, max: 4 });
  // An idle connection ended by the server (a forced drop, an outage test) would otherwise throw
  // as an unhandled 'error' event and take the whole test worker down with it.
  pool.on('error', () => undefined);
  return {
    name,
    url,
    pool,
    drop: async () => {
      await pool.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
