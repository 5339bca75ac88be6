import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SCIM_PREFIX } from '@leadpath/platform/http';
import { SCIM_OPENAPI_FILE } from '../support/response-check';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');
const document = JSON.parse(readFileSync(join(ROOT, SCIM_OPENAPI_FILE), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
};

/** Every route the SCIM controller declares, as `METHOD /scim/v2/path` with `{id}` parameters. */
function declaredRoutes(): string[] {
  const source = readFileSync(join(ROOT, 'libs/scim/src/scim.controller.ts'), 'utf8');
  const routes = [...source.matchAll(/@(Get|Post|Put|Patch|Delete)\('([^']*)'\)/g)].map(([, method, path]) =>
    `${method.toUpperCase()} /${SCIM_PREFIX}/${path}`.replace(/:(\w+)/g, '{$1}'),
  );
  return routes.sort();
}

const documentedRoutes = (): string[] =>
  Object.entries(document.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();

describe(`${SCIM_OPENAPI_FILE}: the SCIM routes' own document`, () => {
  it('describes exactly the routes the SCIM controller serves (every response of the SCIM tests is checked against it)', () => {
    const declared = declaredRoutes();
    expect(declared.length).toBeGreaterThanOrEqual(17);
    expect(documentedRoutes()).toEqual(declared);
  });

  it('passes Redocly (recommended) with no error', async () => {
    let out: string;
    try {
      out = (
        await run(
          join(ROOT, 'node_modules/.bin/redocly'),
          ['lint', SCIM_OPENAPI_FILE, '--config', 'apps/api/redocly.yaml', '--format', 'json'],
          { cwd: ROOT, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
        )
      ).stdout;
    } catch (error) {
      out = (error as { stdout?: string }).stdout ?? '';
    }
    const report = JSON.parse(out.slice(out.indexOf('{'))) as {
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    const errors = report.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId} at ${p.location[0]?.pointer ?? ''}: ${p.message}`);
    expect(errors).toEqual([]);
  }, 120_000);
});
