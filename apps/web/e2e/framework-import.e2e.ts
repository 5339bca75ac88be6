import { randomUUID } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { call, PASSWORD } from './support/api';
import { expectAccessible, signIn } from './support/fixtures';
import { screenshot } from './support/screenshots';

const LADDER = `---
levels: 4
topics:
  - name: craft
    title: Craft 🛠️
    content:
      - level: 1
        criteria:
          - Ships small changes with tests
      - level: 3
        criteria:
          - Chooses between two designs and writes down why
  - name: teamwork
    title: Teamwork
    content:
      - level: 2
        criteria:
          - Pairs with a newcomer during their first month
---

A ladder of our own.
`;

/** Chooses a file through the picker, as a person does. */
async function chooseFile(page: Page, picker: Locator, name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await picker.click();
  await (await chooser).setFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(text, 'utf8') });
}

test('HR imports a progression ladder: preview, level mapping, apply', async ({ page }) => {
  // An organization of its own: applying a ladder retires the framework the other tests use.
  const email = `ladder-${randomUUID()}@example.test`;
  await call('POST', '/organizations', undefined, {
    name: `Ladder ${randomUUID().slice(0, 6)}`,
    admin: { email, name: 'Ladder Admin', password: PASSWORD },
  });
  await signIn(page, email, PASSWORD, '/framework');
  await expect(page.getByRole('heading', { name: 'Framework', level: 1 })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Import a ladder' });
  await expect(panel).toBeVisible();

  await chooseFile(page, panel.getByLabel('Ladder file'), 'ladder.md', LADDER);
  const added = panel.getByRole('list', { name: 'Competencies added' });
  await expect(added.getByRole('listitem')).toHaveText(['Craft 🛠️', 'Teamwork']);
  await expect(panel.getByRole('list', { name: 'Competencies retired' }).getByRole('listitem')).toContainText([
    'Communication',
  ]);
  await expect(panel.getByLabel('Level 3 becomes')).toHaveValue('first_management_role');
  await expectAccessible(page);
  await screenshot(page, 'framework-import-file');

  // Level 3 to the evidence phase: the preview follows.
  const again = page.waitForResponse((r) => r.url().endsWith('/api/v1/framework/import') && r.status() === 201);
  await panel.getByLabel('Level 3 becomes').selectOption('lead_without_title');
  await again;
  await expect(panel.getByLabel('Level 3 becomes')).toHaveValue('lead_without_title');

  await panel.getByRole('button', { name: 'Apply the import' }).click();
  await expect(panel.getByRole('status')).toHaveText('The ladder is applied.');
  await expect(page.getByRole('rowheader', { name: 'Craft 🛠️' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Chooses between two designs and writes down why' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'framework-import-preview');
});

test('HR sees why a file cannot be read', async ({ page }) => {
  const email = `ladder-${randomUUID()}@example.test`;
  await call('POST', '/organizations', undefined, {
    name: `Ladder ${randomUUID().slice(0, 6)}`,
    admin: { email, name: 'Ladder Admin', password: PASSWORD },
  });
  await signIn(page, email, PASSWORD, '/framework');
  const panel = page.getByRole('region', { name: 'Import a ladder' });
  await chooseFile(
    page,
    panel.getByLabel('Ladder file'),
    'broken.md',
    '---\nlevels: 3\ntopics:\n  - name: [unclosed\n---\n',
  );
  await expect(panel.getByRole('alert')).toContainText('front matter');
  await expect(panel.getByRole('button', { name: 'Apply the import' })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'framework-import-refused');
});
