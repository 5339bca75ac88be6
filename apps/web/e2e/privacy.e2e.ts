import { expect, test } from '@playwright/test';
import { call, newUser, PASSWORD, tokenFor } from './support/api';
import { DEMO, expectAccessible, signIn } from './support/fixtures';

test('a person downloads their data from My data', async ({ page }) => {
  const person = await newUser(['mentee']);
  await signIn(page, person.email, PASSWORD);
  await page.getByRole('link', { name: 'My data' }).click();
  await expect(page.getByRole('heading', { name: 'My data', level: 1 })).toBeVisible();
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download my data' }).click();
  expect((await download).suggestedFilename()).toBe('leadpath-my-data.zip');
});

test('HR erases a person only after typing their name, from the People page', async ({ page }) => {
  const person = await newUser(['mentee']);
  const hr = await tokenFor(DEMO.hr);
  await call('PATCH', `/users/${person.id}`, hr, { active: false });

  await signIn(page, DEMO.hr, undefined, '/people');
  await page.getByLabel('Status').selectOption('false');
  await page.getByRole('button', { name: `Erase ${person.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Erase ${person.name}?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  const confirm = dialog.getByRole('button', { name: `Erase ${person.name}` });
  await dialog.getByLabel('Reason').fill('Their request by letter');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type their name/).fill('someone else');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type their name/).fill(person.name);
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(page.getByRole('status')).toContainText(`${person.name} is erased`);
  const user = (await call('GET', `/users/${person.id}`, hr)) as { name: string; email: string };
  expect(user).toMatchObject({ name: 'Erased person', email: `erased+${person.id}@invalid` });
});
