import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './support/fixtures';
import { screenshot } from './support/screenshots';

test('HR finds the talent review cycles from the navigation', async ({ page }) => {
  await signIn(page, DEMO.hr);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Talent reviews' }).click();
  await expect(page.getByRole('heading', { name: 'Talent reviews', level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  await screenshot(page, 'hr-talent-reviews');
});
