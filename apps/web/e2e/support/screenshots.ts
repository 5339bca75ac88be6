import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';

/**
 * Screenshots of the home pages. They go to dist/web-screenshots on every run; with
 * LEADPATH_SCREENSHOTS=docs they replace the ones the README shows (docs/screenshots).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const root = resolve(__dirname, '../../../..');
  const dir =
    process.env.LEADPATH_SCREENSHOTS === 'docs' ? join(root, 'docs/screenshots') : join(root, 'dist/web-screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true, animations: 'disabled' });
}
