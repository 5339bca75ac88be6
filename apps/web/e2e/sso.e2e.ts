import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { call, PASSWORD, tokenFor } from './support/api';
import { DEMO, expectAccessible, signIn } from './support/fixtures';
import { screenshot } from './support/screenshots';

/** The OpenID provider the global setup started, and the secret of the client it knows. */
function provider(): { issuer: string; secret: string } {
  const issuer = process.env.LEADPATH_E2E_OIDC_ISSUER;
  const secret = process.env.LEADPATH_E2E_OIDC_SECRET;
  if (!issuer || !secret)
    throw new Error('the OpenID provider is not running: run the tests through playwright.config.ts');
  return { issuer, secret };
}

test('a person of an organization with single sign-on signs in through its identity provider', async ({ page }) => {
  const { issuer, secret } = provider();
  const domain = `sso-${randomUUID().slice(0, 8)}.example.test`;
  const email = `ada@${domain}`;
  const hr = await tokenFor(DEMO.hr);
  await call('POST', '/users', hr, { email, name: 'Ada Sso', roles: ['manager'], password: PASSWORD });

  // HR connects the provider from the settings page.
  await signIn(page, DEMO.hr, undefined, '/single-sign-on');
  await expect(page.getByRole('heading', { name: 'Single sign-on' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Issuer URL' }).fill(issuer);
  await page.getByRole('textbox', { name: 'Client ID' }).fill('leadpath-web');
  await page.getByLabel('Client secret').fill(secret);
  await page.getByRole('textbox', { name: 'E-mail domains' }).fill(domain);
  await page.getByRole('button', { name: 'Save single sign-on' }).click();
  await expect(page.getByRole('status')).toContainText('Single sign-on is configured');
  await expect(page.getByText('/api/v1/auth/sso/callback')).toBeVisible();
  await expect(page.getByText('The provider answers')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'sso-settings');
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The provider signs in the account named by the login hint the start sends.
  const accounts = await fetch(`${issuer}/__test/accounts`, {
    method: 'POST',
    body: JSON.stringify({ [email]: { email, email_verified: true, name: 'Ada Sso' } }),
  });
  expect(accounts.status).toBe(204);

  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('E-mail').blur();
  const sso = page.getByRole('link', { name: 'Continue with your organization’s sign-in' });
  await expect(sso).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'sso-sign-in');
  await sso.click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('sso_error')).toBeNull();
});

test('a refused single sign-on comes back to the sign-in page, explained', async ({ page }) => {
  await page.goto('/sign-in?sso_error=email_unverified');
  await expect(page.getByRole('alert')).toContainText('has not verified your e-mail address');
  await expectAccessible(page);
  await screenshot(page, 'sso-refused');
  // A callback that did not begin in this browser is refused the same way.
  await page.goto('/api/v1/auth/sso/callback?code=forged&state=forged');
  await expect(page).toHaveURL(/\/sign-in\?sso_error=state_mismatch$/);
  await expect(page.getByRole('alert')).toContainText('started in another browser or tab');
});
