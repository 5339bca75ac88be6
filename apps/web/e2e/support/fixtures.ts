import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-leadpath-2026';
export const DEMO = {
  hr: 'hr@demo.leadpath.test',
  maya: 'maya.okafor@demo.leadpath.test',
  jonas: 'jonas.berg@demo.leadpath.test',
  lena: 'lena.fischer@demo.leadpath.test',
  sofia: 'sofia.costa@demo.leadpath.test',
  omar: 'omar.haddad@demo.leadpath.test',
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** WCAG 2.1 A and AA: no serious or critical violation on what the page shows now. */
export async function expectAccessible(page: Page, include?: string): Promise<void> {
  // @axe-core/playwright may resolve another copy of playwright-core; the page is the same object.
  let builder = new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  expect(bad).toEqual([]);
}
