import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArchiveWriter } from './archive';
import { countRows, describeDatabase, type BackupManifest } from './manifest';
import { withOwnerConnection } from './owner-connection';

/** Where a base backup's data folder goes inside the archive. */
export const DATA_ENTRY = 'pgdata';

/**
 * What a base backup leaves out of the data folder, after PostgreSQL's "Making a Base Backup Using
 * the Low Level API": the running server's lock and options, what the server rebuilds or empties
 * at start (the folders are kept, empty), temporary files, and the WAL, which is added after
 * `pg_backup_stop` from the start to the end of the backup.
 */
const SKIPPED_FILES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'tablespace_map',
  'backup_manifest',
]);
const EMPTIED_FOLDERS = new Set([
  'pg_wal',
  'pg_dynshmem',
  'pg_notify',
  'pg_replslot',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

function skipped(relative: string, name: string): boolean {
  if (SKIPPED_FILES.has(relative)) return true;
  return name.startsWith('pgsql_tmp') || name === 'pg_internal.init';
}

async function copyFolder(archive: ArchiveWriter, root: string, relative: string): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(join(root, relative))).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const name of names) {
    const rel = relative === '' ? name : `${relative}/${name}`;
    if (skipped(rel, name)) continue;
    let stat;
    try {
      stat = await lstat(join(root, rel));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    if (stat.isDirectory()) {
      await archive.directory(`${DATA_ENTRY}/${rel}`);
      if (!(relative === '' && EMPTIED_FOLDERS.has(name))) await copyFolder(archive, root, rel);
    } else if (stat.isFile()) {
      await archive.file(`${DATA_ENTRY}/${rel}`, join(root, rel), stat.size);
    }
    // Symbolic links (tablespaces) are not used by the embedded server and are not followed.
  }
}

/**
 * A consistent copy of the whole cluster of a running server whose data folder is `pgDir`, through
 * the server's backup API: a temporary replication slot keeps the WAL from the start on, then
 * `pg_backup_start`, the data folder copied as it is, `pg_backup_stop` (its backup_label written
 * into the archive) and the WAL segments from the start to the end, so the archive alone restores.
 * `url` must connect as a superuser (the embedded server's user is one).
 */
export async function takeBaseBackup(
  url: string,
  pgDir: string,
  archive: ArchiveWriter,
  label: string,
): Promise<BackupManifest> {
  return withOwnerConnection(url, async (client) => {
    const slot = `leadpath_backup_${process.pid}_${Date.now()}`;
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [slot]);
    const { rows: started } = await client.query<{ lsn: string; wal: string; tli: string }>(
      `SELECT lsn::text AS lsn, pg_walfile_name(lsn) AS wal FROM pg_backup_start($1, fast => true) AS lsn`,
      [label],
    );
    let stopped = false;
    try {
      await archive.directory(DATA_ENTRY);
      await copyFolder(archive, pgDir, '');
      const description = await describeDatabase(client);
      const tables = await countRows(client);
      const { rows: ended } = await client.query<{ lsn: string; wal: string; labelfile: string; spcmapfile: string }>(
        `SELECT lsn::text AS lsn, pg_walfile_name(lsn) AS wal, labelfile, spcmapfile
           FROM pg_backup_stop(wait_for_archive => false)`,
      );
      stopped = true;
      const [end] = ended;
      await archive.buffer(`${DATA_ENTRY}/backup_label`, end.labelfile);
      if (end.spcmapfile) await archive.buffer(`${DATA_ENTRY}/tablespace_map`, end.spcmapfile);
      await copyWal(archive, pgDir, started[0].wal, end.wal);
      return {
        format: 1,
        kind: 'base',
        createdAt: new Date().toISOString(),
        ...description,
        tables,
        startLsn: started[0].lsn,
        stopLsn: end.lsn,
      };
    } finally {
      if (!stopped) await client.query('SELECT pg_backup_stop(false)').catch(() => undefined);
    }
    // The temporary slot ends with the session.
  });
}

/** The WAL segments of the backup's timeline from `first` to `last` (names compare in order), and the history files. */
async function copyWal(archive: ArchiveWriter, pgDir: string, first: string, last: string): Promise<void> {
  const wal = join(pgDir, 'pg_wal');
  const timeline = first.slice(0, 8);
  const names = (await readdir(wal)).sort();
  const wanted = names.filter(
    (n) =>
      (/^[0-9A-F]{24}$/.test(n) && n.startsWith(timeline) && n >= first && n <= last) ||
      /^[0-9A-F]{8}\.history$/.test(n),
  );
  if (!wanted.includes(last)) throw new Error(`the WAL segment ${last} that ends the backup is missing`);
  for (const name of wanted) {
    const stat = await lstat(join(wal, name));
    await archive.file(`${DATA_ENTRY}/pg_wal/${name}`, join(wal, name), stat.size);
  }
}
