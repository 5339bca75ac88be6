import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { call, newUser, tokenFor } from './support/api';
import { failedMail } from './support/db';
import { DEMO, expectAccessible, signIn } from './support/fixtures';
import { screenshot } from './support/screenshots';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

const receiver = () => {
  const url = process.env.LEADPATH_E2E_WEBHOOK_URL;
  if (!url) throw new Error('LEADPATH_E2E_WEBHOOK_URL is not set: run the tests through playwright.config.ts');
  return url;
};

/** An e-mail to a new person that the outbox gave up on, with an error of its own. */
async function newFailedMail() {
  const person = await newUser(['mentee']);
  const error = `550 mailbox ${randomUUID().slice(0, 8)} unavailable`;
  await failedMail(person.id, error);
  return { person, error };
}

test('HR sees a failed e-mail with its recipient, kind, attempts and last error, and filters by status', async ({
  page,
}) => {
  const { person, error } = await newFailedMail();
  await signIn(page, DEMO.hr);
  await nav(page, 'E-mail deliveries').click();
  await expect(page.getByRole('heading', { name: 'E-mail deliveries', level: 1 })).toBeVisible();
  // Failed ones are what HR comes for: the page opens on them.
  await expect(page.getByLabel('Status')).toHaveValue('failed');
  const table = page.getByRole('table');
  await expect(table).toContainText(/e-mails \(failed\) on page 1/);
  const row = table.getByRole('row').filter({ hasText: error });
  await expect(row.getByRole('cell').nth(0)).toContainText(person.name);
  await expect(row.getByRole('cell').nth(0)).toContainText(person.email);
  await expect(row.getByRole('cell').nth(1)).toHaveText('invitation');
  await expect(row.getByRole('cell').nth(2)).toHaveText('Failed');
  await expect(row.getByRole('cell').nth(3)).toHaveText('3');
  await expect(row.getByRole('cell').nth(4)).toHaveText(error);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);

  // Every status is one choice away; the sent ones do not include it.
  await page.getByLabel('Status').selectOption('');
  await expect(table).toContainText(/e-mails \(all\) on page 1/);
  await expect(row).toBeVisible();
  await page.getByLabel('Status').selectOption('sent');
  await expect(
    page.getByText(/e-mails \(sent\) on page 1|No e-mails with this status/).filter({ visible: true }),
  ).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: error })).toHaveCount(0);
});

test.describe('on a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('HR reads a failed e-mail as a card that fits the phone', async ({ page }) => {
    const { person, error } = await newFailedMail();
    await signIn(page, DEMO.hr, undefined, '/dashboard');
    // The dashboard first: the navigation closes when the address changes.
    await expect(page.getByRole('heading', { name: 'The leadership bench', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Navigation' }).click();
    await nav(page, 'E-mail deliveries').click();
    await expect(page.getByRole('heading', { name: 'E-mail deliveries', level: 1 })).toBeVisible();
    const card = page.getByRole('list', { name: 'E-mail deliveries' }).getByRole('listitem').filter({ hasText: error });
    await expect(card).toContainText(person.name);
    await expect(card).toContainText(person.email);
    await expect(card).toContainText('Failed');
    await expect(card.getByRole('definition').nth(1)).toHaveText('3');
    // On a phone the list stands in for the table, which is not shown at all.
    await expect(page.getByRole('table')).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'hr-mail-deliveries-phone');
  });

  test('HR’s webhooks, a delivery log and the register form fit the phone', async ({ page }) => {
    const hook = `${receiver()}/hooks/${randomUUID()}`;
    const hr = await tokenFor(DEMO.hr);
    const created = (await call('POST', '/webhooks', hr, { url: hook, events: ['goal.confirmed'] })) as { id: string };
    await call('POST', `/webhooks/${created.id}/test`, hr);
    await signIn(page, DEMO.hr, undefined, '/webhooks');
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    const card = page.getByRole('region', { name: hook, exact: true });
    await card.getByRole('button', { name: 'Show the delivery log' }).click();
    const row = card.getByRole('row').filter({ hasText: 'webhook.test' });
    await expect(row.getByRole('cell').nth(1)).toHaveText('Delivered', { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'hr-webhooks-phone');

    await page.getByRole('button', { name: 'Register an endpoint' }).click();
    await expect(page.getByRole('dialog', { name: 'Register an endpoint' })).toBeVisible();
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'hr-webhook-register-phone');
    await call('DELETE', `/webhooks/${created.id}`, hr);
  });
});

test('HR registers a webhook, sees its secret once, sends a test event and reads it in the log, then deletes it', async ({
  page,
}) => {
  const hook = `${receiver()}/hooks/${randomUUID()}`;
  await signIn(page, DEMO.hr);
  await nav(page, 'Webhooks').click();
  await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Register an endpoint' }).click();
  const dialog = page.getByRole('dialog', { name: 'Register an endpoint' });

  // Checked in the browser first: no events chosen.
  await dialog.getByLabel('Address (URL)').fill('http://127.0.0.1:9/hook');
  await dialog.getByRole('button', { name: 'Register the endpoint' }).click();
  await expect(dialog.getByText('Choose at least one event')).toBeVisible();

  // A loopback address that the allow-list does not name: the API's refusal is told beside the field.
  await dialog.getByRole('checkbox', { name: /Goal confirmed/ }).check();
  await dialog.getByRole('button', { name: 'Register the endpoint' }).click();
  const url = dialog.getByLabel('Address (URL)');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription(/points to an internal address/);
  await expect(dialog.getByRole('alert')).toContainText('Not registered');
  await expectAccessible(page);

  // The allow-listed receiver is accepted; its secret is shown this once.
  await url.fill(hook);
  await dialog.getByLabel('Description').fill('Browser test receiver');
  // A chat channel's incoming webhook gets a message in words, not the Standard JSON.
  await dialog.getByLabel('Format').selectOption({ label: 'Slack channel' });
  await expect(dialog).toContainText('A message in the channel of a Slack incoming webhook');
  await dialog.getByRole('checkbox', { name: /Shared feedback logged/ }).check();
  await dialog.getByRole('button', { name: 'Register the endpoint' }).click();
  const secret = page.getByRole('dialog', { name: 'Endpoint registered' });
  await expect(secret).toContainText(/whsec_[A-Za-z0-9+/=]{20,}/);
  await expect(secret).toContainText('It is shown only this once');
  await expect(secret.getByRole('button', { name: 'Copy the secret' })).toBeVisible();
  await expectAccessible(page);
  await secret.getByRole('button', { name: 'Done' }).click();
  await expect(secret).toHaveCount(0);

  const card = page.getByRole('region', { name: hook, exact: true });
  await expect(card).toContainText('Browser test receiver');
  await expect(card).toContainText('Shared feedback logged, Goal confirmed');
  await expect(card).toContainText('Format: Slack channel');
  await expect(card.getByText('On', { exact: true })).toBeVisible();
  await expect(card).not.toContainText('whsec_');

  // A test event arrives and is logged as delivered with the receiver's 200.
  await card.getByRole('button', { name: 'Send a test event' }).click();
  await expect(card.getByRole('status')).toContainText('A test event is on its way');
  const log = card.getByRole('region', { name: 'Deliveries to Browser test receiver' });
  const row = log.getByRole('row').filter({ hasText: 'webhook.test' });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(1)).toHaveText('Delivered', { timeout: 60_000 });
  await expect(row.getByRole('cell').nth(2)).toHaveText('1');
  await expect(row.getByRole('cell').nth(3)).toHaveText('200');
  await expect(row.getByRole('cell').nth(4)).toHaveText('—');
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  await screenshot(page, 'hr-webhooks');

  // Turned off, it says so and sends no tests; turned on again.
  await card.getByRole('button', { name: 'Turn off' }).click();
  await expect(card.getByText('Off', { exact: true })).toBeVisible();
  await expect(card).toContainText('Turned off');
  await expect(card.getByRole('button', { name: 'Send a test event' })).toBeDisabled();
  await card.getByRole('button', { name: 'Turn on' }).click();
  await expect(card.getByRole('button', { name: 'Turn off' })).toBeVisible();

  // Rotation shows the new secret once.
  await card.getByRole('button', { name: 'Rotate the secret' }).click();
  await page
    .getByRole('dialog', { name: 'Rotate the signing secret?' })
    .getByRole('button', { name: 'Rotate the secret' })
    .click();
  const rotated = page.getByRole('dialog', { name: 'New signing secret' });
  await expect(rotated).toContainText(/whsec_[A-Za-z0-9+/=]{20,}/);
  await rotated.getByRole('button', { name: 'Done' }).click();
  await expect(card).toContainText('The previous secret signs too until');

  // Deleting asks first.
  await card.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this endpoint?' });
  await expect(confirm).toContainText('This cannot be undone');
  await confirm.getByRole('button', { name: 'Delete the endpoint' }).click();
  await expect(page.getByRole('region', { name: hook, exact: true })).toHaveCount(0);
});

test('a manager gets the 403 page for HR’s integration pages, and no link to them', async ({ page }) => {
  await signIn(page, DEMO.maya);
  await expect(nav(page, 'Webhooks')).toHaveCount(0);
  await expect(nav(page, 'E-mail deliveries')).toHaveCount(0);
  for (const path of ['/webhooks', '/deliveries']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Not allowed', level: 1 })).toBeVisible();
    await expectAccessible(page);
  }
});
