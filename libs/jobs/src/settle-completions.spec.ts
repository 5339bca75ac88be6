import { createRequire } from 'node:module';
import PgBoss from 'pg-boss';
import { settleCompletionsOnError } from './settle-completions';

describe('settleCompletionsOnError', () => {
  settleCompletionsOnError();
  const Manager = createRequire(require.resolve('pg-boss'))('./manager') as {
    prototype: { complete: (...args: unknown[]) => Promise<unknown> };
  };

  it('keeps complete and fail on the queue under their names', () => {
    const boss = new PgBoss({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    expect(typeof boss.complete).toBe('function');
    expect(typeof boss.fail).toBe('function');
  });

  it('a completion that fails with nobody awaiting it is reported, not left unhandled; an awaiting caller still sees it', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const emitted: unknown[] = [];
    const down = new Error('database away');
    const manager = {
      db: { executeSql: () => Promise.reject(down) },
      completeJobsCommand: 'complete',
      mapCompletionIdArg: (id: string) => [id],
      mapCompletionDataArg: () => null,
      emit: (_event: string, error: unknown) => emitted.push(error),
    };
    try {
      // As pg-boss's worker does it: fire and forget.
      void Manager.prototype.complete.call(manager, 'queue', 'job-1');
      await expect(Manager.prototype.complete.call(manager, 'queue', 'job-2')).rejects.toBe(down);
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(emitted).toEqual([down, down]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
