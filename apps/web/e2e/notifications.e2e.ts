import { expect, test } from '@playwright/test';
import { call, newPair, PASSWORD, tokenFor } from './support/api';
import { DEMO, expectAccessible, signIn } from './support/fixtures';
import { linkInMail } from './support/mail';

test('a person switches their e-mails on the Notifications page, on a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, DEMO.maya, undefined, '/notifications');
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
  await page.getByRole('switch', { name: 'Weekly digest' }).click();
  await expect(page.getByRole('switch', { name: 'Weekly digest' })).toBeChecked();
  await context.close();
});

test('each person sees only the e-mails that can reach them', async ({ page }) => {
  // A mentee: their own news, never the manager digest or the HR summary.
  await signIn(page, DEMO.sofia, undefined, '/notifications');
  await expect(page.getByRole('switch', { name: 'New shared feedback' })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Goals confirmed' })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Weekly digest' })).toHaveCount(0);
  await expect(page.getByRole('switch', { name: 'Monthly bench summary' })).toHaveCount(0);
  await expect(page.getByRole('switch')).toHaveCount(3);
  await page.getByRole('button', { name: 'Sign out' }).click();
  // HR: the monthly summary only.
  await signIn(page, DEMO.hr, undefined, '/notifications');
  await expect(page.getByRole('switch', { name: 'Monthly bench summary' })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'New shared feedback' })).toHaveCount(0);
  await expect(page.getByRole('switch', { name: 'Weekly digest' })).toHaveCount(0);
  await expectAccessible(page);
});

test('the navigation leads to Notifications', async ({ page }) => {
  await signIn(page, DEMO.maya);
  await page.getByRole('link', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  await expectAccessible(page);
});

test('the link in a nudge turns that kind of e-mail off after one press, without signing in, on a phone', async ({
  browser,
}) => {
  const { manager, mentee } = await newPair();
  const managerToken = await tokenFor(manager.email, PASSWORD);
  await call('POST', `/mentees/${mentee.menteeId}/feedback`, managerToken, {
    occurredOn: new Date().toISOString().slice(0, 10),
    visibility: 'shared',
    ratings: [],
    strengths: 'Ran the planning well.',
  });
  const link = await linkInMail(mentee.email, 'unsubscribe');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Turn off these e-mails', level: 1 })).toBeVisible();
  await expectAccessible(page);
  // Opening the link changed nothing: mail scanners open links too.
  const menteeToken = await tokenFor(mentee.email, PASSWORD);
  expect(((await call('GET', '/me/notifications', menteeToken)) as { feedbackShared: boolean }).feedbackShared).toBe(
    true,
  );
  await page.getByRole('button', { name: 'Turn them off' }).click();
  await expect(page.getByRole('status')).toContainText('new shared feedback');
  await expectAccessible(page);
  expect(((await call('GET', '/me/notifications', menteeToken)) as { feedbackShared: boolean }).feedbackShared).toBe(
    false,
  );
  // A link cut short says so.
  await page.goto('/unsubscribe');
  await expect(page.getByRole('alert')).toContainText('The link is incomplete');
  await context.close();
});
