import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
// Jest's global setup runs without the module mapper, so it names the database entry by its path.
// eslint-disable-next-line no-restricted-imports
import { runMigrations, startEmbeddedPostgres, type DatabaseHandle } from '../../libs/platform/src/database';
import { databaseUrlFor } from './database-url';

declare global {
  var __leadpathTestDatabase: DatabaseHandle | undefined;
  var __leadpathTestDataDir: string | undefined;
}

/**
 * Starts the embedded PostgreSQL unless DATABASE_URL points at a server, migrates one template
 * database, and hands its name to the workers; each test file clones it (see test-database.ts).
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'leadpath-test-'));
    // The test cluster lives for one run in a temporary folder: it need not survive a power cut,
    // so commits are written to the operating system without waiting for the disk. A stopped or
    // killed server still loses nothing (the written data is in the system's cache), and commits
    // stay synchronous, so every test sees exactly what a durable server would show it.
    const handle = await startEmbeddedPostgres({
      dataDir,
      database: 'postgres',
      settings: { fsync: 'off', full_page_writes: 'off' },
    });
    globalThis.__leadpathTestDatabase = handle;
    globalThis.__leadpathTestDataDir = dataDir;
    serverUrl = handle.url;
  }
  const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const template = `lp_tpl_${run}`;
  const adminUrl = databaseUrlFor(serverUrl, 'postgres');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  await runMigrations(databaseUrlFor(serverUrl, template));
  process.env.LEADPATH_TEST_ADMIN_URL = adminUrl;
  process.env.LEADPATH_TEST_TEMPLATE = template;
  process.env.LEADPATH_TEST_RUN = run;
}
