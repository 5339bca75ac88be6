import { createRequire } from 'node:module';

type Settle = (this: { emit(event: string, error: unknown): boolean }, ...args: unknown[]) => Promise<unknown>;
interface ManagerPrototype {
  complete: Settle;
  fail: Settle;
  [key: symbol]: boolean | undefined;
}

const PATCHED = Symbol.for('leadpath.pg-boss.settle-completions');

/**
 * pg-boss 10 records a job's outcome with `complete(…)` or `fail(…)` without awaiting either
 * (`Manager.watch`). When the database is away at that moment the promise rejects with nobody
 * listening, and Node ends the process on an unhandled rejection: an outage while a job ran took
 * the whole API down. Each returned promise gets a handler that reports the error on the queue's
 * `error` event (logged); callers that await the promise still see the rejection. The job stays
 * active and, once it expires, is retried — handlers are idempotent by their job id.
 */
export function settleCompletionsOnError(): void {
  const requireFromPgBoss = createRequire(require.resolve('pg-boss'));
  const manager = requireFromPgBoss('./manager') as { prototype: ManagerPrototype };
  const prototype = manager.prototype;
  if (prototype[PATCHED]) return;
  for (const name of ['complete', 'fail'] as const) {
    const original = prototype[name];
    if (typeof original !== 'function')
      throw new Error(`pg-boss Manager.${name} is missing: check the pg-boss version`);
    const settle = function (this: ThisParameterType<Settle>, ...args: unknown[]) {
      const settled = original.apply(this, args);
      settled.catch((error: unknown) => this.emit('error', error));
      return settled;
    };
    // PgBoss exposes the manager's functions under their own names (`boss.complete`, `boss.fail`).
    Object.defineProperty(settle, 'name', { value: name });
    prototype[name] = settle;
  }
  prototype[PATCHED] = true;
}
