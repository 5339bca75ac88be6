import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './naming-strategy';

export interface DataSourceSettings {
  url: string;
  entities?: MixedList<string | (new (...args: never[]) => unknown) | EntitySchema>;
  poolSize?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
}

/** One definition of how Leadpath talks to PostgreSQL, shared by the API, the CLI and tests. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities ?? [],
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    // The schema only ever changes through migrations, tests included.
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: settings.poolSize ?? 10,
      // How long a request may wait for a free connection under load. An unreachable database
      // still fails at once: a refused connection does not wait for this.
      connectionTimeoutMillis: 10000,
      statement_timeout: settings.statementTimeoutMs ?? 15000,
      idle_in_transaction_session_timeout: 30000,
      application_name: settings.applicationName ?? 'leadpath',
      // No JIT compilation: PostgreSQL compiles a plan to machine code when its estimated cost is
      // high (an organization-wide summary or a recompute batch of a large organization), and the
      // compiling takes longer than the execution it speeds up (4.2 s of a 7.2 s summary at
      // 10,000 mentees). Every statement here is short or streams rows from an index.
      options: '-c jit=off',
    },
  };
}
