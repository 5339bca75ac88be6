import { migrations } from '@leadpath/platform/database';

/** What an archive says it is. */
export const ARCHIVE_FORMAT = 'leadpath-organization-archive';
/** The layout of the archive (manifest and files); a reader refuses a later one. */
export const ARCHIVE_FORMAT_VERSION = 1;
/** The archive's one fixed modification time: two exports of the same data are the same bytes but the manifest. */
export const ARCHIVE_ENTRY_TIME = new Date(Date.UTC(2000, 0, 1));
export const MANIFEST_FILE = 'manifest.json';
export const tableFile = (table: string): string => `tables/${table}.ndjson`;

/** One table in the manifest. */
export interface ManifestTable {
  name: string;
  file: string;
  columns: string[];
  rows: number;
  /** SHA-256 of the file's bytes, in hex. */
  sha256: string;
}

/** `manifest.json`: what the archive holds and which schema wrote it. */
export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  /** The last migration of the instance that wrote it (its timestamp), which its rows follow. */
  schemaVersion: number;
  schemaMigration: string;
  organizationId: string;
  organizationName: string;
  exportedAt: string;
  /** Parents before children: the order an import writes them in. */
  tables: ManifestTable[];
  /** Tables of the organization left out, and the secret columns left out of the tables that travel. */
  excludedTables: string[];
  excludedColumns: Record<string, string[]>;
}

/** The migration head of this code, which its database runs (migrations run at start-up). */
export function schemaHead(): { version: number; name: string } {
  let head = { version: 0, name: '' };
  for (const migration of migrations) {
    const match = /(\d{13})$/.exec(migration.name);
    const version = match ? Number(match[1]) : 0;
    if (version > head.version) head = { version, name: migration.name };
  }
  return head;
}
