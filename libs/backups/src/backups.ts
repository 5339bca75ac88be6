import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ArchiveWriter } from './archive';
import { takeBaseBackup } from './base-backup';
import { BACKUP_FILE, backupFileName, DUMP_ENTRY, KEY_FILES, KEYS_ENTRY } from './backup-files';
import { takeDump } from './dump';
import { MANIFEST_ENTRY, type BackupManifest } from './manifest';
import { withOwnerConnection } from './owner-connection';
import { verifyBackup, type Verification } from './verify';

export interface BackupSettings {
  /** The owner's connection to the application's database. */
  url: string;
  /** Set when the database is external (a dump); unset for the embedded server (a base backup of `<dataDir>/pg`). */
  external: boolean;
  dataDir: string;
  /** Where backups are written. */
  dir: string;
  /** How many of the newest backups to keep. */
  keep: number;
  trigger: 'schedule' | 'command';
  log?: (line: string) => void;
}

export interface BackupOutcome {
  status: 'verified' | 'unverified' | 'failed';
  file?: string;
  sizeBytes?: number;
  manifest?: BackupManifest;
  verification?: Verification;
  /** Backups deleted by the retention. */
  removed: string[];
  error?: string;
}

/**
 * Takes one backup, verifies it by a restore, records both in `backup_runs`, and keeps the `keep`
 * newest backups (older ones are deleted only after a verified backup). Never throws for a failed
 * backup: the outcome says what failed, and it is recorded.
 */
export async function runBackup(settings: BackupSettings): Promise<BackupOutcome> {
  const log = settings.log ?? (() => undefined);
  const startedAt = new Date();
  let outcome: BackupOutcome;
  try {
    const { file, manifest } = await takeBackup(settings, startedAt);
    const sizeBytes = (await stat(file)).size;
    log(`backup written: ${basename(file)} (${sizeBytes} bytes, ${Object.keys(manifest.tables).length} tables)`);
    const verification = await verifyBackup(file, { serverUrl: settings.url });
    log(
      verification.ok
        ? `backup verified: restored into a scratch ${verification.restoredInto}, ${verification.rows} rows in ${verification.tables} tables as in its manifest`
        : `backup NOT verified: ${verification.error ?? verification.mismatches.map((m) => `${m.table} ${m.expected}≠${m.actual}`).join(', ')}`,
    );
    const removed = verification.ok ? await pruneBackups(settings.dir, settings.keep) : [];
    for (const name of removed) log(`old backup removed: ${name}`);
    outcome = { status: verification.ok ? 'verified' : 'unverified', file, sizeBytes, manifest, verification, removed };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`backup failed: ${message}`);
    outcome = { status: 'failed', removed: [], error: message };
  }
  await recordRun(settings, startedAt, outcome).catch((error: unknown) =>
    log(`the backup's outcome was not recorded: ${error instanceof Error ? error.message : String(error)}`),
  );
  return outcome;
}

/** Writes the archive to a `.partial` file first, so a backup that fails leaves no file that looks whole. */
export async function takeBackup(
  settings: Pick<BackupSettings, 'url' | 'external' | 'dataDir' | 'dir'>,
  at = new Date(),
): Promise<{ file: string; manifest: BackupManifest }> {
  await mkdir(settings.dir, { recursive: true, mode: 0o700 });
  const file = join(settings.dir, backupFileName(at));
  const partial = `${file}.partial`;
  const archive = new ArchiveWriter(partial);
  const scratch = `${partial}.dump`;
  try {
    let manifest: BackupManifest;
    if (settings.external) {
      manifest = await takeDump(settings.url, scratch);
      const size = (await stat(scratch)).size;
      await archive.file(DUMP_ENTRY, scratch, size);
    } else {
      manifest = await takeBaseBackup(
        settings.url,
        join(settings.dataDir, 'pg'),
        archive,
        `leadpath ${at.toISOString()}`,
      );
    }
    await archive.directory(KEYS_ENTRY);
    for (const key of KEY_FILES) {
      const path = join(settings.dataDir, key);
      if (existsSync(path)) await archive.buffer(`${KEYS_ENTRY}/${key}`, readFileSync(path));
    }
    await archive.buffer(MANIFEST_ENTRY, `${JSON.stringify(manifest, null, 2)}\n`);
    await archive.close();
    await rename(partial, file);
    return { file, manifest };
  } catch (error) {
    archive.abort(error instanceof Error ? error : new Error(String(error)));
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(scratch, { force: true });
  }
}

/** Deletes all but the `keep` newest backups in `dir` (by name, which is by time); answers their names. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => BACKUP_FILE.test(n)).sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await rm(join(dir, name), { force: true });
  return old;
}

async function recordRun(settings: BackupSettings, startedAt: Date, outcome: BackupOutcome): Promise<void> {
  await withOwnerConnection(settings.url, async (client) => {
    const { rows } = await client.query<{ present: boolean }>(
      `SELECT to_regclass('public.backup_runs') IS NOT NULL AS present`,
    );
    if (!rows[0].present) throw new Error('the database is not migrated (no backup_runs table)');
    await client.query(
      `INSERT INTO backup_runs (trigger, kind, file, status, started_at, finished_at, size_bytes, migration_head, verification, error)
       VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8, $9)`,
      [
        settings.trigger,
        outcome.manifest?.kind ?? (settings.external ? 'dump' : 'base'),
        outcome.file ? basename(outcome.file) : null,
        outcome.status,
        startedAt,
        outcome.sizeBytes ?? null,
        outcome.manifest?.migrationHead ?? null,
        outcome.verification ? JSON.stringify(outcome.verification) : null,
        outcome.error?.slice(0, 2000) ?? null,
      ],
    );
  });
}
