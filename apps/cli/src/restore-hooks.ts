import { POST_RESTORE_HOOKS, type PostRestoreHook } from '@leadpath/backups';
import { ERASURE_REPLAY_HOOK } from '@leadpath/privacy';

/**
 * What `restore` runs once the restored database is migrated: the backups library's own steps,
 * then the erasure log's replay, which lives in a library above backups and is passed in here.
 */
export const RESTORE_HOOKS: readonly PostRestoreHook[] = [...POST_RESTORE_HOOKS, ERASURE_REPLAY_HOOK];
