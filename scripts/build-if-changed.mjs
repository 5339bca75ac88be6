#!/usr/bin/env node
// Builds the API (with the CLI) and the web app only when their sources changed since the last
// build: `npm start` runs this first, so a restart with no change starts at once. A build's inputs
// are hashed by content (file names and bytes), not by time, so a checkout that touches files
// without changing them rebuilds nothing, and a changed file is never missed.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const TARGETS = [
  {
    name: 'API and CLI',
    inputs: [
      'apps/api/src',
      'apps/cli/src',
      'libs',
      'tsconfig.json',
      'tsconfig.build.json',
      'nest-cli.json',
      'package-lock.json',
    ],
    output: 'dist/apps/api/src/main.js',
    stamp: 'dist/.build-api.sha256',
    command: 'npx nest build api && npx nest build cli',
  },
  {
    name: 'web app',
    inputs: [
      'apps/web/src',
      'apps/web/index.html',
      'apps/web/vite.config.mts',
      'apps/web/tsconfig.json',
      'apps/api/openapi.json',
      'package-lock.json',
    ],
    output: 'dist/web/index.html',
    stamp: 'dist/.build-web.sha256',
    message: 'Building the web app (the first start takes a minute longer)...',
    command: 'npm run build:web --silent',
  },
];

const SKIP = new Set(['node_modules', 'dist', '.data']);

function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .filter((e) => !SKIP.has(e.name))
    .flatMap((e) => files(relative(root, join(full, e.name))))
    .sort();
}

function digest(inputs) {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(files)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const force = process.argv.includes('--force');
for (const target of TARGETS) {
  const sum = digest(target.inputs);
  const stamp = join(root, target.stamp);
  const current = existsSync(join(root, target.output)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === sum;
  if (current && !force) continue;
  if (target.message) console.log(target.message);
  execSync(target.command, { cwd: root, stdio: 'inherit' });
  mkdirSync(dirname(stamp), { recursive: true });
  // Hashed again after the build: the web build regenerates the client types from the document.
  writeFileSync(stamp, digest(target.inputs));
}
