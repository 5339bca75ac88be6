import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';

/**
 * The test server's embedded PostgreSQL (its port is the fourth line of postmaster.pid), for the
 * few states the API cannot be asked to produce on demand.
 */
function database(): Kysely<unknown> {
  const dataDir = process.env.LEADPATH_E2E_DATA_DIR;
  if (!dataDir) throw new Error('LEADPATH_E2E_DATA_DIR is not set: run the tests through playwright.config.ts');
  const port = readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]
    .trim();
  const pool = new Pool({ connectionString: `postgres://leadpath:leadpath@127.0.0.1:${port}/leadpath`, max: 1 });
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * An e-mail to `recipientId` that the outbox gave up on, as the worker records it after the last
 * of its retries (a refusing mail server cannot be arranged for the browser tests' one server).
 */
export async function failedMail(recipientId: string, lastError: string): Promise<string> {
  const db = database();
  try {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO mail_deliveries (organization_id, recipient_id, kind, status, attempts, last_error)
      SELECT organization_id, id, 'invitation', 'failed', 3, ${lastError} FROM users WHERE id = ${recipientId}
      RETURNING id`.execute(db);
    if (rows.length !== 1) throw new Error(`no user ${recipientId}`);
    return rows[0].id;
  } finally {
    await db.destroy();
  }
}
