import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';

/** The text of a written message: folded headers unfolded, quoted-printable soft line breaks and escapes undone. */
function decoded(raw: string): string {
  return raw
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The path of the link in the message the server wrote to `address` (the `.eml` folder of the
 * test server's data directory), waiting for the job worker to send it.
 */
export async function respondPathFor(address: string): Promise<string> {
  const dataDir = process.env.LEADPATH_E2E_DATA_DIR;
  if (!dataDir) throw new Error('LEADPATH_E2E_DATA_DIR is not set: run the tests through playwright.config.ts');
  const folder = join(dataDir, 'mail');
  let path = '';
  await expect
    .poll(
      () => {
        if (!existsSync(folder)) return '';
        for (const file of readdirSync(folder)) {
          const text = decoded(readFileSync(join(folder, file), 'utf8'));
          if (!new RegExp(`^To: .*<?${address.replace(/[.+]/g, '\\$&')}>?`, 'im').test(text)) continue;
          const match = /https?:\/\/[^\s"]+(\/respond\/[A-Za-z0-9_-]{43})/.exec(text);
          if (match) path = match[1];
        }
        return path;
      },
      { timeout: 60_000, message: `a feedback link mailed to ${address}` },
    )
    .not.toBe('');
  return path;
}
