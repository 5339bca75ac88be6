import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './support/fixtures';

test('a person switches their e-mails on the Notifications page, on a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, DEMO.sofia, undefined, '/notifications');
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  const digest = page.getByRole('switch', { name: 'Weekly digest' });
  await expect(digest).toBeChecked();
  await expectAccessible(page);

  await digest.click();
  await expect(digest).not.toBeChecked();
  await expect(digest).toBeEnabled();
  // Kept by the server: a reload shows it off.
  await page.reload();
  await expect(page.getByRole('switch', { name: 'Weekly digest' })).not.toBeChecked();
  await expect(page.getByRole('switch', { name: 'New shared feedback' })).toBeChecked();
  await page.getByRole('switch', { name: 'Weekly digest' }).click();
  await expect(page.getByRole('switch', { name: 'Weekly digest' })).toBeChecked();
  await context.close();
});

test('the navigation leads to Notifications', async ({ page }) => {
  await signIn(page, DEMO.maya);
  await page.getByRole('link', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  await expectAccessible(page);
});
