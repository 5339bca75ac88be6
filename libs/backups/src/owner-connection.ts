// The one file of this library that opens a connection of its own (lint allows it here alone).
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { Client } from 'pg';

/**
 * Runs `fn` on a connection of its own as the database's owner, outside any unit of work: the
 * backup API (`pg_backup_start`, a replication slot, an exported snapshot) needs one session held
 * across the backup, and a backup counts every organization's rows, creates and drops scratch
 * databases, and restores the roles — work no tenant or system role may do. Always closed.
 */
export async function withOwnerConnection<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'leadpath-backup' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
