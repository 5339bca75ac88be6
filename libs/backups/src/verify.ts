import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unpackArchive } from './archive';
import { DATA_ENTRY } from './base-backup';
import { DUMP_ENTRY } from './backup-files';
import { restoreDump } from './dump';
import { compareCounts, countRows, MANIFEST_ENTRY, parseManifest, type BackupManifest } from './manifest';
import { withOwnerConnection } from './owner-connection';
import { prepareDataFolder, startServer } from './postgres-server';

/** What restoring a backup into a scratch cluster or database showed. */
export interface Verification {
  ok: boolean;
  checkedAt: string;
  /** `cluster`: a temporary data folder and server; `database`: a temporary database on the server. */
  restoredInto: 'cluster' | 'database';
  tables: number;
  rows: number;
  /** Tables whose count differs from the manifest's. */
  mismatches: { table: string; expected: number | null; actual: number | null }[];
  error?: string;
}

function counted(url: string): Promise<Record<string, number>> {
  return withOwnerConnection(url, countRows);
}

function result(
  restoredInto: Verification['restoredInto'],
  manifest: BackupManifest,
  actual: Record<string, number>,
): Verification {
  const mismatches = compareCounts(manifest.tables, actual);
  return {
    ok: mismatches.length === 0,
    checkedAt: new Date().toISOString(),
    restoredInto,
    tables: Object.keys(actual).length,
    rows: Object.values(actual).reduce((a, b) => a + b, 0),
    mismatches,
  };
}

/**
 * Proves a backup by restoring it where it can do no harm and counting rows per table against its
 * manifest: a base backup into a temporary data folder with its own server on a free port (stopped
 * and removed afterwards, whatever happens); a dump into a temporary database on the server at
 * `serverUrl`, dropped afterwards. Never throws for a bad backup: the answer says what failed.
 */
export async function verifyBackup(file: string, options: { serverUrl?: string } = {}): Promise<Verification> {
  const scratch = await mkdtemp(join(tmpdir(), 'leadpath-verify-'));
  let restoredInto: Verification['restoredInto'] = 'cluster';
  try {
    const pgDir = join(scratch, 'pg');
    const found = await unpackArchive(file, { [DATA_ENTRY]: pgDir, [DUMP_ENTRY]: join(scratch, DUMP_ENTRY) }, [
      MANIFEST_ENTRY,
    ]);
    const manifest = parseManifest(found.get(MANIFEST_ENTRY), file);
    if (manifest.kind === 'base') {
      prepareDataFolder(pgDir);
      const server = await startServer(pgDir);
      try {
        return result('cluster', manifest, await counted(server.url(manifest.database)));
      } finally {
        await server.stop();
      }
    }
    restoredInto = 'database';
    if (!options.serverUrl) throw new Error('verifying a dump needs the server to restore it on');
    return await verifyDump(join(scratch, DUMP_ENTRY), manifest, options.serverUrl);
  } catch (error) {
    return {
      ok: false,
      checkedAt: new Date().toISOString(),
      restoredInto,
      tables: 0,
      rows: 0,
      mismatches: [],
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function verifyDump(dump: string, manifest: BackupManifest, serverUrl: string): Promise<Verification> {
  const name = `leadpath_verify_${Date.now().toString(36)}_${process.pid}`;
  const scratchUrl = new URL(serverUrl);
  scratchUrl.pathname = `/${name}`;
  return withOwnerConnection(serverUrl, async (admin) => {
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      await restoreDump(dump, scratchUrl.toString(), { clean: false });
      return result('database', manifest, await counted(scratchUrl.toString()));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
}
