import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './naming-strategy';
import { poolConfig, type PoolSettings } from './pool';

export interface DataSourceSettings extends PoolSettings {
  entities?: MixedList<string | (new (...args: never[]) => unknown) | EntitySchema>;
}

/**
 * The TypeORM data source of the migrations (the CLI, the API's boot, tests): the application's
 * queries never go through TypeORM, they run on Database's own pool.
 */
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
    // TypeORM hands `extra` to the pg pool it creates: the same settings as the API's pool.
    extra: poolConfig(settings),
  };
}
