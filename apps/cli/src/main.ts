import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { embeddedUrl, RestoreRefusedError, restoreBackup, runBackup, runningServer } from '@leadpath/backups';
import { DemoSeeder } from '@leadpath/demo';
import { OrgArchiveService } from '@leadpath/org-archive';
import { ConfigError, loadConfig } from '@leadpath/platform';
import { DomainError } from '@leadpath/platform/domain';
import {
  dataSourceOptions,
  openDatabase,
  resolveJwtSecret,
  revertLastMigration,
  runMigrations,
  type DatabaseHandle,
} from '@leadpath/platform/database';
import { OPENAPI_FILE, createHttpApp, serializeOpenApi } from '@leadpath/platform/http';
import { AppModule } from '../../api/src/app.module';
import { entities } from './entities';
import { renderJobsList } from './jobs-list';
import { renderSchemaTypes, SCHEMA_TYPES_FILE } from './schema-types';
import { reapplyErasureLogAt } from '@leadpath/privacy';
import { RESTORE_HOOKS } from './restore-hooks';

const USAGE = `Usage: leadpath-cli <command>

Commands:
  migrate                 apply pending migrations
  migrate:revert          revert the most recent migration
  migration:generate NAME write a migration for the difference between the entities and the schema
  seed-demo               seed the demo organization into an empty database and print its logins
  db:types [FILE]         write the query builder's table types from the entities (default ${SCHEMA_TYPES_FILE})
  openapi [FILE]          write the OpenAPI document the API serves at /docs-json (default ${OPENAPI_FILE})
  jobs:list               list every job: its queue, owner, handler, schedule and retry policy
  org:export ID FILE      write organization ID's archive (zip) to FILE, as GET /organization/export does
  org:import FILE         recreate an organization from its archive, with the same ids (people set a
                          password through a reset link, or sign in through single sign-on)
  erasure:reapply         erase again everyone in the erasure log (a restore does this itself)
`;

async function withDatabase<T>(fn: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(db);
  } finally {
    await db.stop();
  }
}

/** Compares the entities with the migrated schema and writes the difference as a migration. */
async function generateMigration(url: string, name: string): Promise<void> {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error('migration:generate needs a name in PascalCase');
  await runMigrations(url);
  const ds = new DataSource({ ...dataSourceOptions({ url, poolSize: 1 }), entities });
  await ds.initialize();
  try {
    const sql = await ds.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      process.stdout.write('The schema already matches the entities; nothing to generate.\n');
      return;
    }
    const stamp = Date.now();
    const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
    const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${stamp} implements MigrationInterface {
  name = '${name}${stamp}';

  async up(q: QueryRunner): Promise<void> {
${sql.upQueries.map((u) => `    await q.query(\`${esc(u.query)}\`);`).join('\n')}
  }

  async down(q: QueryRunner): Promise<void> {
${[...sql.downQueries]
  .reverse()
  .map((d) => `    await q.query(\`${esc(d.query)}\`);`)
  .join('\n')}
  }
}
`;
    const file = join(
      'libs/platform/src/database/migrations',
      `${stamp}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`,
    );
    writeFileSync(file, body);
    process.stdout.write(`Wrote ${file}; add it to migrations/index.ts after reviewing it.\n`);
  } finally {
    await ds.destroy();
  }
}

/**
 * Boots the HTTP application exactly as production does (on a throwaway embedded database
 * unless DATABASE_URL is set, without listening) and writes what it serves at /docs-json.
 */
async function writeOpenApi(file: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadpath-openapi-'));
  const config = loadConfig({
    DATABASE_URL: process.env.DATABASE_URL,
    LEADPATH_DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
  });
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir });
  try {
    const app = await createHttpApp(
      AppModule.register({ config, databaseUrl: db.url, jwtSecret: 'x'.repeat(32) }),
      config,
    );
    try {
      const res = await app.inject({ method: 'GET', url: '/docs-json' });
      if (res.statusCode !== 200) throw new Error(`/docs-json answered ${res.statusCode}`);
      writeFileSync(file, serializeOpenApi(res.json()));
      process.stdout.write(`Wrote ${file}\n`);
    } finally {
      await app.close();
    }
  } finally {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs `fn` with the application's providers on the configured database, migrated first. */
async function withApp<T>(fn: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  return withDatabase(async (db) => {
    await runMigrations(db.url);
    const config = loadConfig();
    const jwtSecret = resolveJwtSecret(config.jwtSecret, config.dataDir);
    const app = await NestFactory.createApplicationContext(
      AppModule.register({ config, databaseUrl: db.url, jwtSecret }),
      {
        logger: false,
      },
    );
    try {
      return await fn(app);
    } finally {
      await app.close();
    }
  });
}

/** Writes an organization's archive to a file, audited as an export without a person. */
async function exportOrganization(organizationId: string | undefined, file: string | undefined): Promise<void> {
  if (!organizationId || !/^[0-9a-f-]{36}$/i.test(organizationId) || !file) {
    throw new Error('org:export needs an organization id and a file');
  }
  await withApp(async (app) => {
    const stream = await app
      .get(OrgArchiveService)
      .exportArchive({ organizationId: organizationId.toLowerCase(), userId: null, requestId: null });
    await pipeline(stream, createWriteStream(file));
  });
  process.stdout.write(`Wrote ${file}\n`);
}

async function importOrganization(file: string | undefined): Promise<void> {
  if (!file) throw new Error('org:import needs the archive file');
  const result = await withApp((app) => app.get(OrgArchiveService).importArchive(file));
  const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
  process.stdout.write(
    `Imported ${result.organizationName} (${result.organizationId}): ${rows} rows in ${result.tables.length} tables.\n` +
      'Nobody has a password on this instance yet: people ask for a reset link on the sign-in page, or sign in through single sign-on.\n',
  );
}

/**
 * `backup`: on the embedded server, the running one when Leadpath is up (its port is in the data
 * folder's postmaster.pid), else one started for the backup; an external database through
 * DATABASE_URL. Exits 1 unless the backup was written and verified.
 */
async function backup(): Promise<void> {
  const config = loadConfig();
  const running = config.databaseUrl ? undefined : runningServer(join(config.dataDir, 'pg'));
  const take = async (url: string) => {
    const outcome = await runBackup({
      url,
      external: config.databaseUrl !== undefined,
      dataDir: config.dataDir,
      dir: config.backup.dir,
      keep: config.backup.keep,
      trigger: 'command',
      log: (line) => process.stdout.write(`${line}\n`),
    });
    if (outcome.status !== 'verified') {
      throw new Error(`Backup ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}`);
    }
    process.stdout.write(`${outcome.file}\n`);
  };
  if (running) await take(embeddedUrl(running.port, 'leadpath'));
  else await withDatabase((db) => take(db.url));
}

async function restore(args: string[]): Promise<void> {
  const replace = args.includes('--replace');
  const [file, ...extra] = args.filter((a) => a !== '--replace');
  if (!file || extra.length > 0 || file.startsWith('--')) throw new Error('Usage: restore FILE [--replace]');
  const config = loadConfig();
  const result = await restoreBackup(file, {
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    replace,
    log: (line) => process.stdout.write(`${line}\n`),
    hooks: RESTORE_HOOKS,
  });
  const { manifest, migrated, hooks } = result;
  process.stdout.write(
    [
      `Restored ${basename(file)} (taken ${manifest.createdAt}, ${manifest.migrations} migrations, head ${manifest.migrationHead ?? 'none'})`,
      migrated.length ? `Applied since: ${migrated.join(', ')}` : 'No pending migrations.',
      `After restore: ${hooks.length ? hooks.join(', ') : 'nothing to re-apply'}`,
    ].join('\n') + '\n',
  );
}

async function main(argv: string[]): Promise<void> {
  const [command, arg, second] = argv;
  switch (command) {
    case 'migrate':
      await withDatabase(async (db) => {
        const applied = await runMigrations(db.url);
        process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'No pending migrations.\n');
      });
      return;
    case 'migrate:revert':
      await withDatabase(async (db) => {
        await revertLastMigration(db.url);
        process.stdout.write('Reverted the most recent migration.\n');
      });
      return;
    case 'migration:generate':
      await withDatabase((db) => generateMigration(db.url, arg ?? ''));
      return;
    case 'seed-demo':
      await withDatabase(async (db) => {
        await runMigrations(db.url);
        const config = { ...loadConfig(), demoData: true };
        const jwtSecret = resolveJwtSecret(config.jwtSecret, config.dataDir);
        const app = await NestFactory.createApplicationContext(
          AppModule.register({ config, databaseUrl: db.url, jwtSecret }),
          { logger: false },
        );
        try {
          const lines = await app.get(DemoSeeder).seedIfEmpty();
          process.stdout.write(`${(lines ?? ['The database is not empty; nothing seeded.']).join('\n')}\n`);
        } finally {
          await app.close();
        }
      });
      return;
    case 'openapi':
      await writeOpenApi(arg ?? OPENAPI_FILE);
      return;
    case 'jobs:list':
      process.stdout.write(renderJobsList(loadConfig().jobs));
      return;
    case 'org:export':
      await exportOrganization(arg, second);
      return;
    case 'org:import':
      await importOrganization(arg);
      return;
    case 'backup':
      await backup();
      return;
    case 'erasure:reapply':
      await withDatabase(async (db) => {
        await runMigrations(db.url);
        await reapplyErasureLogAt(db.url, (line) => process.stdout.write(`${line}\n`));
      });
      break;
    case 'restore':
      try {
        await restore(argv.slice(1));
      } catch (error) {
        // A refusal is the operator's to correct, not a failure: its own exit code.
        if (error instanceof RestoreRefusedError) {
          process.stderr.write(`${error.message}\n`);
          process.exit(3);
        }
        throw error;
      }
      return;
    case 'db:types':
      writeFileSync(arg ?? SCHEMA_TYPES_FILE, await renderSchemaTypes());
      process.stdout.write(`Wrote ${arg ?? SCHEMA_TYPES_FILE}\n`);
      return;
    default:
      process.stdout.write(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const fields =
    error instanceof DomainError && error.fields
      ? ` (${error.fields.map((f) => f.messages.join('; ')).join('; ')})`
      : '';
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}${fields}\n`,
  );
  process.exit(1);
});
