import type { PostRestoreHook } from '@leadpath/backups';
import { Database } from '@leadpath/platform/database';
import { Clock } from '@leadpath/platform/time';
import { reapplyErasureLog } from './erasure.service';

/** Re-applies the erasure log on the database at `url` (as its owner); answers how many were erased again. */
export async function reapplyErasureLogAt(url: string, log: (line: string) => void): Promise<number> {
  const db = new Database({ connectionString: url, max: 2 }, new Clock());
  try {
    const n = await reapplyErasureLog(db);
    log(`erased again after restore: ${n} ${n === 1 ? 'person' : 'people'}`);
    return n;
  } finally {
    await db.onApplicationShutdown();
  }
}

/**
 * The restore step that erases again everyone in the restored erasure log (Art. 17 survives a
 * restore from a backup taken before the erasure). The backups library sits below privacy and
 * cannot name it: the restore command passes this hook (`restoreBackup(file, { hooks })`).
 */
export const ERASURE_REPLAY_HOOK: PostRestoreHook = {
  name: 'erasure log re-applied',
  async run({ url, log }) {
    await reapplyErasureLogAt(url, log);
  },
};
