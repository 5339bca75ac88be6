import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '@leadpath/platform/database';
import { unpackArchive, writePrivate } from './archive';
import { DATA_ENTRY } from './base-backup';
import { DUMP_ENTRY, KEY_FILES, KEYS_ENTRY } from './backup-files';
import { restoreDump } from './dump';
import { MANIFEST_ENTRY, parseManifest, type BackupManifest } from './manifest';
import { withOwnerConnection } from './owner-connection';
import { runPostRestoreHooks, type PostRestoreHook } from './post-restore';
import { prepareDataFolder, runningServer, startServer } from './postgres-server';

export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Migrations applied after the restore (the backup was older than this version). */
  migrated: string[];
  /** The post-restore steps that ran. */
  hooks: string[];
  /** With `replace`, where the data folder that was replaced was moved. */
  replacedFolder?: string;
}

export interface RestoreTarget {
  /** Set for an external server: restore into this (empty) database. */
  databaseUrl: string | undefined;
  /** The data folder: the embedded server's data goes into `<dataDir>/pg`; the keys beside it. */
  dataDir: string;
  /** The database the application uses on the embedded server. */
  database?: string;
  replace: boolean;
  log?: (line: string) => void;
  /**
   * The steps to run after the restore (default POST_RESTORE_HOOKS). Libraries above this one
   * (the erasure log's replay) are passed in by the restore command.
   */
  hooks?: readonly PostRestoreHook[];
}

/**
 * Restores a backup archive: a base backup into an empty data folder (the server replays its WAL,
 * then the migrations run), or a dump into an empty database with `pg_restore`. A target that
 * holds data is refused unless `replace` is set; a running embedded server is always refused.
 * The post-restore hooks run last.
 */
export async function restoreBackup(file: string, target: RestoreTarget): Promise<RestoreResult> {
  const log = target.log ?? (() => undefined);
  if (!existsSync(file)) throw new Error(`No backup at ${file}`);
  return target.databaseUrl
    ? restoreIntoDatabase(file, target.databaseUrl, target, log)
    : restoreIntoFolder(file, target, log);
}

function folderHoldsData(pgDir: string): boolean {
  return existsSync(pgDir) && readdirSync(pgDir).length > 0;
}

async function restoreIntoFolder(
  file: string,
  target: RestoreTarget,
  log: (line: string) => void,
): Promise<RestoreResult> {
  const pgDir = join(target.dataDir, 'pg');
  const running = runningServer(pgDir);
  if (running) {
    throw new RestoreRefusedError(
      `PostgreSQL is running on ${pgDir} (pid ${running.pid}); stop Leadpath before restoring into its data folder`,
    );
  }
  let replacedFolder: string | undefined;
  if (folderHoldsData(pgDir)) {
    if (!target.replace) {
      throw new RestoreRefusedError(
        `The data folder ${pgDir} is not empty; restore into an empty LEADPATH_DATA_DIR, or pass --replace to move the current data aside`,
      );
    }
  }
  const staging = join(target.dataDir, `pg.restoring-${Date.now()}`);
  const found = await unpackArchive(file, { [DATA_ENTRY]: staging }, [
    MANIFEST_ENTRY,
    ...KEY_FILES.map((k) => `${KEYS_ENTRY}/${k}`),
  ]);
  try {
    const manifest = parseManifest(found.get(MANIFEST_ENTRY), file);
    if (manifest.kind !== 'base') {
      throw new RestoreRefusedError(
        `${file} is a pg_dump of an external database; restore it into a database (set DATABASE_URL), not a data folder`,
      );
    }
    if (!existsSync(join(staging, 'PG_VERSION'))) throw new Error(`${file} holds no data folder`);
    if (folderHoldsData(pgDir)) {
      replacedFolder = join(target.dataDir, `pg.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      renameSync(pgDir, replacedFolder);
      log(`moved the current data folder to ${replacedFolder}`);
    } else {
      rmSync(pgDir, { recursive: true, force: true });
    }
    renameSync(staging, pgDir);
    await restoreKeys(found, target.dataDir, target.replace, log);
    prepareDataFolder(pgDir);
    const server = await startServer(pgDir);
    try {
      const url = server.url(target.database ?? manifest.database);
      const migrated = await runMigrations(url);
      const hooks = await runPostRestoreHooks({ url, manifest, log }, target.hooks);
      return { manifest, migrated, hooks, replacedFolder };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The data folder's generated keys (token signing, stored secrets) travel with the data they belong to. */
async function restoreKeys(found: Map<string, Buffer>, dataDir: string, replace: boolean, log: (line: string) => void) {
  for (const key of KEY_FILES) {
    const content = found.get(`${KEYS_ENTRY}/${key}`);
    const path = join(dataDir, key);
    if (!content || (existsSync(path) && !replace)) continue;
    await writePrivate(path, content);
    log(`restored ${key}`);
  }
}

async function databaseHoldsData(url: string): Promise<boolean> {
  return withOwnerConnection(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')`,
    );
    return Number(rows[0].n) > 0;
  });
}

/** The roles the dump's grants name are the server's, not the database's: a new server needs them first. */
async function ensureRoles(url: string): Promise<void> {
  await withOwnerConnection(url, async (client) => {
    for (const role of ['leadpath_app', 'leadpath_system']) {
      await client.query(`
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
            CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
          END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$`);
      await client.query(`GRANT ${role} TO CURRENT_USER`);
    }
  });
}

async function restoreIntoDatabase(
  file: string,
  url: string,
  target: RestoreTarget,
  log: (line: string) => void,
): Promise<RestoreResult> {
  const nonEmpty = await databaseHoldsData(url);
  if (nonEmpty && !target.replace) {
    throw new RestoreRefusedError(
      'The database in DATABASE_URL already holds tables; restore into an empty database, or pass --replace to overwrite it',
    );
  }
  const scratch = await mkdtemp(join(tmpdir(), 'leadpath-restore-'));
  try {
    const found = await unpackArchive(file, { [DUMP_ENTRY]: join(scratch, DUMP_ENTRY) }, [
      MANIFEST_ENTRY,
      ...KEY_FILES.map((k) => `${KEYS_ENTRY}/${k}`),
    ]);
    const manifest = parseManifest(found.get(MANIFEST_ENTRY), file);
    if (manifest.kind !== 'dump') {
      throw new RestoreRefusedError(
        `${file} is a base backup of the embedded server; restore it without DATABASE_URL, into an empty LEADPATH_DATA_DIR`,
      );
    }
    await ensureRoles(url);
    await restoreDump(join(scratch, DUMP_ENTRY), url, { clean: nonEmpty });
    await restoreKeys(found, target.dataDir, target.replace, log);
    const migrated = await runMigrations(url);
    const hooks = await runPostRestoreHooks({ url, manifest, log }, target.hooks);
    return { manifest, migrated, hooks };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
