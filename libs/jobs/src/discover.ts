import { MetadataScanner } from '@nestjs/core';
import { JOB_NAMES, type JobName } from './catalogue';
import { jobOf, type JobAttempt } from './on-job';

/** A catalogued job's handler, bound to the provider that declares it. */
export interface FoundHandler {
  name: JobName;
  /** `Class.method`. */
  handler: string;
  run(data: unknown, attempt: JobAttempt): Promise<unknown>;
}

/**
 * Finds the `@OnJob` methods of `instances` (the application's providers) and checks them against
 * the catalogue: each catalogued job must have exactly one. Returns them in catalogue order.
 * An instance seen twice (a provider aliased under another token) counts once.
 */
export function findJobHandlers(instances: Iterable<unknown>, scanner = new MetadataScanner()): FoundHandler[] {
  const found = new Map<JobName, FoundHandler>();
  const seen = new Set<object>();
  for (const instance of instances) {
    if (instance === null || typeof instance !== 'object' || seen.has(instance)) continue;
    seen.add(instance);
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown> | null;
    if (!prototype || prototype === Object.prototype) continue;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const fn = prototype[method];
      const name = jobOf(fn);
      if (!name) continue;
      const handler = `${instance.constructor.name}.${method}`;
      const earlier = found.get(name);
      if (earlier) throw new Error(`job ${name} has two handlers: ${earlier.handler} and ${handler}`);
      found.set(name, {
        name,
        handler,
        run: (data, attempt) =>
          (fn as (data: unknown, attempt: JobAttempt) => Promise<unknown>).call(instance, data, attempt),
      });
    }
  }
  const missing = JOB_NAMES.filter((name) => !found.has(name));
  if (missing.length > 0) {
    throw new Error(`no handler for the catalogued job ${missing.join(', ')}: mark its method @OnJob in a provider`);
  }
  return JOB_NAMES.map((name) => found.get(name) as FoundHandler);
}
