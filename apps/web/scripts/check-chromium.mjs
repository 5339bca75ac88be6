// The browser tests drive the system's Chromium; without one they must fail loudly, never skip.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(path)) {
  process.stderr.write(
    [
      `No Chromium at ${path}: the browser tests cannot run.`,
      'Install it (Debian/Ubuntu, as root):',
      '  apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation',
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
