/** Where a dump goes inside the archive. */
export const DUMP_ENTRY = 'database.dump';
/** Where the data folder's generated keys go inside the archive. */
export const KEYS_ENTRY = 'keys';
/** The keys generated beside the data (see `resolveJwtSecret`, `resolveSecretsKey`); absent when configured instead. */
export const KEY_FILES = ['jwt-secret', 'secrets-key'] as const;
/** Backup files are named by their time, so their names sort as their times do. */
export const BACKUP_FILE = /^leadpath-\d{8}T\d{6}(\d{3})?Z\.tar\.gz$/;

export function backupFileName(at: Date): string {
  return `leadpath-${at.toISOString().replace(/[-:]/g, '').replace('.', '')}.tar.gz`;
}
