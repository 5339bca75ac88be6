import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Applies pending migrations and returns their names. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, applicationName: 'leadpath-migrate' }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

export async function revertLastMigration(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, applicationName: 'leadpath-migrate' }));
  await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Gathers the planner's statistics for every table, as the owner. Autovacuum does this once a table
 * has changed by 50 rows plus a tenth of its size; right after a bulk load (the demo organization)
 * the tables have none, and the readiness query's plan for a handful of mentees took a second under
 * row-level security instead of tens of milliseconds.
 */
export async function analyzeTables(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, applicationName: 'leadpath-migrate' }));
  await dataSource.initialize();
  try {
    await dataSource.query('ANALYZE');
  } finally {
    await dataSource.destroy();
  }
}
