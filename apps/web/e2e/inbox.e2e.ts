import { expect, test, type Page } from '@playwright/test';
import { call, newPair, PASSWORD, tokenFor } from './support/api';
import { expectAccessible, signIn } from './support/fixtures';
import { screenshot } from './support/screenshots';

const inboxLink = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ });

test('a mentee lands on their inbox, acknowledges the feedback it lists, and it is gone', async ({ page }) => {
  const { manager, mentee } = await newPair();
  const managerToken = await tokenFor(manager.email, PASSWORD);
  await call('POST', `/mentees/${mentee.menteeId}/feedback`, managerToken, {
    occurredOn: '2026-11-20',
    visibility: 'shared',
    ratings: [],
    strengths: 'Ran the planning well.',
  });

  await signIn(page, mentee.email, PASSWORD);
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
  const section = page.getByRole('region', { name: 'Feedback to acknowledge' });
  await expect(section.getByRole('listitem')).toHaveCount(1);
  await expect(section.getByText(/^Feedback from .* on 2026-11-20$/)).toBeVisible();
  await expect(inboxLink(page).getByLabel('1 waiting')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  await screenshot(page, 'inbox');

  // The link leads to where it is done; once done, the inbox and its count no longer list it.
  await section.getByRole('link', { name: /^Read and acknowledge/ }).click();
  await expect(page).toHaveURL(/\/progress$/);
  await page.getByRole('button', { name: /^Acknowledge feedback of / }).click();
  await expect(page.getByText(/^Acknowledged /)).toBeVisible();
  await expect(inboxLink(page).getByLabel(/waiting$/)).toHaveCount(0);
  await inboxLink(page).click();
  await expect(page.getByText('Nothing waits for you now.', { exact: false })).toBeVisible();
  await expectAccessible(page);
});

test('a manager confirms a goal from the inbox on a phone', async ({ browser }) => {
  const { manager, mentee } = await newPair();
  const menteeToken = await tokenFor(mentee.email, PASSWORD);
  const goal = (await call('POST', `/mentees/${mentee.menteeId}/goals`, menteeToken, {
    title: 'Run the quarterly planning',
    competency: 'communication',
  })) as { id: string };
  await call('PATCH', `/goals/${goal.id}`, menteeToken, { status: 'achieved' });

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, manager.email, PASSWORD);
  await expect(page).toHaveURL(/\/inbox$/);
  const section = page.getByRole('region', { name: 'Goals to confirm' });
  await expect(section.getByText('Run the quarterly planning')).toBeVisible();
  await expect(section.getByText(mentee.name)).toBeVisible();
  // Nothing wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  await screenshot(page, 'inbox-phone');

  await section.getByRole('link', { name: /^Confirm: / }).click();
  await expect(page).toHaveURL(new RegExp(`/mentees/${mentee.menteeId}$`));
  await page.getByRole('button', { name: 'Confirm “Run the quarterly planning”' }).click();
  await expect(page.getByText(/^Confirmed /)).toBeVisible();
  await page.goto('/inbox');
  await expect(page.getByRole('region', { name: 'Goals to confirm' })).toHaveCount(0);
  await context.close();
});
