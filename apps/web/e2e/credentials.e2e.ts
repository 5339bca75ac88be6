import { expect, test } from '@playwright/test';
import { call, newUser, PASSWORD, tokenFor } from './support/api';
import { DEMO, expectAccessible, signIn } from './support/fixtures';
import { linkInMail } from './support/mail';
import { screenshot } from './support/screenshots';

test('an invited person opens the e-mailed link, chooses a password and signs in with it', async ({ page }) => {
  const hr = await tokenFor(DEMO.hr);
  const email = `invited-${Date.now()}@example.test`;
  // No password: the API mails an invitation.
  await call('POST', '/users', hr, { email, name: 'Ines Invited', roles: ['manager'] });
  const link = await linkInMail(email, 'accept-invitation');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Welcome to Leadpath' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'accept-invitation-phone');

  // Mistakes are answered in words beside the fields, and nothing is sent.
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('short');
  await page.getByRole('textbox', { name: 'Repeat the new password' }).fill('shorter');
  await page.getByRole('button', { name: 'Set my password' }).click();
  await expect(page.getByText('Use at least 10 characters')).toBeVisible();
  await expect(page.getByText('The two passwords differ')).toBeVisible();
  await expectAccessible(page);

  // The server's own rule (not a common password) comes back beside the field.
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('password123');
  await page.getByRole('textbox', { name: 'Repeat the new password' }).fill('password123');
  await page.getByRole('button', { name: 'Set my password' }).click();
  await expect(page.getByText('is too common; choose another')).toBeVisible();

  const chosen = 'an invited person’s own passphrase';
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill(chosen);
  await page.getByRole('textbox', { name: 'Repeat the new password' }).fill(chosen);
  await page.getByRole('button', { name: 'Set my password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is set');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(chosen);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();

  // The link worked once.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(link);
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('yet another long passphrase');
  await page.getByRole('textbox', { name: 'Repeat the new password' }).fill('yet another long passphrase');
  await page.getByRole('button', { name: 'Set my password' }).click();
  await expect(page.getByRole('alert')).toContainText('invalid, used or expired');
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
  await expectAccessible(page);
});

test('forgot password: from sign-in to the e-mailed link to a new password, which ends the other sessions', async ({
  page,
  browser,
}) => {
  const person = await newUser(['manager']);
  // The same person is signed in in another browser.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signIn(other, person.email, PASSWORD);
  await expect(other.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByText('Enter your e-mail address')).toBeVisible();
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account has this address');
  await expectAccessible(page);

  const link = await linkInMail(person.email, 'reset-password');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expectAccessible(page);
  const fresh = 'a freshly reset passphrase';
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill(fresh);
  await page.getByRole('textbox', { name: 'Repeat the new password' }).fill(fresh);
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByRole('status')).toContainText('every earlier session has ended');

  // The other browser's session ended: a reload finds no session.
  await other.reload();
  await expect(other.getByRole('heading', { name: 'Sign in to Leadpath' })).toBeVisible();
  await elsewhere.close();

  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong e-mail or password.');
  await page.getByRole('textbox', { name: 'Password' }).fill(fresh);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
});

test('an unknown address gets the same answer; a link without its token says so, on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/forgot-password');
  await page.getByLabel('E-mail').fill('nobody-at-all@example.test');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account has this address');
  await screenshot(page, 'forgot-password-phone');
  await page.getByRole('link', { name: 'Back to sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Leadpath' })).toBeVisible();

  await page.goto('/reset-password');
  await expect(page.getByRole('alert')).toContainText('The link is incomplete');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Ask for a new link' }).click();
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
});
