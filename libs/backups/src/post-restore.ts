import type { BackupManifest } from './manifest';

/** What a step run after a restore is given: the restored database, migrated, and the backup's manifest. */
export interface PostRestoreContext {
  /** Connects to the restored database as its owner. */
  readonly url: string;
  readonly manifest: BackupManifest;
  readonly log: (line: string) => void;
}

export interface PostRestoreHook {
  /** Shown in the restore's output: what the step did. */
  readonly name: string;
  run(context: PostRestoreContext): Promise<void>;
}

/**
 * The steps every restore runs, in order, once the restored database is up and migrated. A backup
 * is older than the live data it replaces: whatever was done since is lost, and some of it must not
 * be — a person's erasure (Art. 17) must survive a restore from a backup taken before it.
 *
 * The erasure log's replay lives in the privacy library, above this one, so it is not in this
 * list: the restore command passes `[...POST_RESTORE_HOOKS, ERASURE_REPLAY_HOOK]` as
 * `restoreBackup(file, { hooks })` (see `apps/cli/src/restore-hooks.ts`). Steps of this library
 * or below belong here.
 */
export const POST_RESTORE_HOOKS: PostRestoreHook[] = [];

export async function runPostRestoreHooks(
  context: PostRestoreContext,
  hooks: readonly PostRestoreHook[] = POST_RESTORE_HOOKS,
): Promise<string[]> {
  const ran: string[] = [];
  for (const hook of hooks) {
    await hook.run(context);
    context.log(`after restore: ${hook.name}`);
    ran.push(hook.name);
  }
  return ran;
}
