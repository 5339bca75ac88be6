import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OPENAPI_FILE } from '@leadpath/platform/http';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'node_modules/.bin');
// Neither linter may reach the network: no telemetry, no update check.
const ENV = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  NO_UPDATE_NOTIFIER: '1',
};
/** Warnings we accept before the document is called noisy; each one is printed. */
const MAX_WARNINGS = 5;

interface Finding {
  linter: string;
  rule: string;
  severity: 'error' | 'warning' | 'other';
  where: string;
  message: string;
}

/** Both linters exit non-zero when they find errors; their JSON report is what counts. */
async function lint(file: string, args: string[]): Promise<string> {
  try {
    return (await run(join(BIN, file), args, { cwd: ROOT, env: ENV, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) return stdout;
    throw error;
  }
}

async function spectral(): Promise<Finding[]> {
  const out = await lint('spectral', ['lint', OPENAPI_FILE, '-r', 'apps/api/.spectral.yaml', '-f', 'json', '-q']);
  const results = JSON.parse(out || '[]') as { code: string; severity: number; path: string[]; message: string }[];
  return results.map((r) => ({
    linter: 'spectral',
    rule: r.code,
    severity: r.severity === 0 ? 'error' : r.severity === 1 ? 'warning' : 'other',
    where: r.path.join('/'),
    message: r.message,
  }));
}

async function redocly(): Promise<Finding[]> {
  const out = await lint('redocly', ['lint', OPENAPI_FILE, '--config', 'apps/api/redocly.yaml', '--format', 'json']);
  const report = JSON.parse(out.slice(out.indexOf('{'))) as {
    problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
  };
  return report.problems.map((p) => ({
    linter: 'redocly',
    rule: p.ruleId,
    severity: p.severity === 'error' ? 'error' : p.severity === 'warn' ? 'warning' : 'other',
    where: p.location[0]?.pointer ?? '',
    message: p.message,
  }));
}

describe(`${OPENAPI_FILE} under third-party linters`, () => {
  it('passes Redocly (recommended) and Spectral (oas + OWASP API Security) with no error and few warnings', async () => {
    const findings = [...(await spectral()), ...(await redocly())];
    const errors = findings.filter((f) => f.severity === 'error');
    const warnings = findings.filter((f) => f.severity === 'warning');
    const show = (list: Finding[]) => list.map((f) => `${f.linter} ${f.rule} at ${f.where}: ${f.message}`);
    // Counted in the output on every run, so a creeping number is seen before it is a failure.
    console.log([`OpenAPI lint: ${errors.length} errors, ${warnings.length} warnings`, ...show(warnings)].join('\n  '));
    expect(show(errors)).toEqual([]);
    expect(warnings.length).toBeLessThanOrEqual(MAX_WARNINGS);
  }, 180_000);
});
