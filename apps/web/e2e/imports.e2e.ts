import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './support/fixtures';
import { screenshot } from './support/screenshots';

/** Chooses a CSV file through the file picker, as a person would. */
async function chooseFile(page: Page, name: string, csv: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /CSV file/ }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
}

test('HR imports people from a spreadsheet: sees an error by row, fixes the file, applies it', async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const lead = `lead-${tag}@import.example.test`;
  const mentee = `mentee-${tag}@import.example.test`;
  const header = 'email;name;roles;department;manager_email;mentor_email;phase';
  await signIn(page, DEMO.hr);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: 'Import from a spreadsheet' }).click();
  await expect(page.getByRole('heading', { name: 'Import people', level: 1 })).toBeVisible();

  // The first file names a role Leadpath does not have: the preview shows it by row and column.
  await chooseFile(
    page,
    'people.csv',
    `${header}\n${lead};Lena Lead;boss;;;;\n${mentee};Milo Mentee;mentee;Platform;${lead};;lead_without_title\n`,
  );
  const errors = page.getByRole('table').filter({ hasText: 'Errors: correct them' });
  await expect(errors.getByRole('row').nth(1).getByRole('cell').nth(0)).toHaveText('2');
  await expect(errors.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('roles');
  await expect(page.getByRole('button', { name: 'Apply the import' })).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);

  // Fixed: both rows are planned, the manager on the first row resolving the second's.
  await chooseFile(
    page,
    'people-fixed.csv',
    `\uFEFF${header}\n${lead};Lena Lead;manager;;;;\n${mentee};Milo Mentee;mentee;Platform;${lead};;lead_without_title\n`,
  );
  await expect(page.getByText('To create')).toBeVisible();
  const planned = page.getByRole('table').filter({ hasText: 'rows without errors' });
  await expect(planned.getByRole('row').filter({ hasText: mentee })).toContainText(lead);
  // The phase in the interface's words, not its code.
  await expect(planned.getByRole('row').filter({ hasText: mentee })).toContainText('Lead without the title');
  await expect(page.getByRole('table').filter({ hasText: 'Errors: correct them' })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'hr-import-preview');

  await page.getByLabel('Send invitations to the people created').uncheck();
  await page.getByRole('button', { name: 'Apply the import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('2 created');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'See the people' }).click();
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
});

test.describe('on a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('HR reads the preview of a file on a phone', async ({ page }) => {
    const tag = randomUUID().slice(0, 8);
    await signIn(page, DEMO.hr, undefined, '/people/import');
    await expect(page.getByRole('heading', { name: 'Import people', level: 1 })).toBeVisible();
    await chooseFile(page, 'one.csv', `email,name,roles\nphone-${tag}@import.example.test,Pat Phone,manager\n`);
    await expect(page.getByRole('button', { name: 'Apply the import' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
