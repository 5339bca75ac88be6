import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The repository root, whatever the current directory. */
export const ROOT = join(__dirname, '..', '..');

const load = createRequire(join(ROOT, 'package.json'));

/**
 * A module of the built application (`npm run build` output), typed by its source. The benchmark
 * exercises exactly the code that ships, and shares its SQL with the baseline, rather than a
 * second transpilation of the sources.
 */
export function fromDist<T>(path: string): T {
  return load(join(ROOT, 'dist', path)) as T;
}

/** Every module of the build the runner and the generator load themselves, loaded at once. */
export function preloadDist(): void {
  for (const path of [
    'libs/readiness/src/read-model/read-model.repository',
    'libs/reports/src/reports.repository',
    'libs/platform/src/database/database.service',
  ]) {
    fromDist(path);
  }
}
