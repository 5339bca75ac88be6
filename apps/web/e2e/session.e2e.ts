import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { call, newPair, PASSWORD, tokenFor } from './support/api';
import { DEMO, expectAccessible, signIn } from './support/fixtures';

test('the sign-in page is accessible and loads at most 200 kB of gzipped JavaScript', async ({ page, request }) => {
  const scripts: string[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') scripts.push(res.url());
  });
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to Leadpath' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  let gzipped = 0;
  for (const url of scripts) gzipped += gzipSync(await (await request.get(url)).body()).length;
  expect(scripts.length).toBeGreaterThan(0);
  console.log(`sign-in route: ${scripts.length} scripts, ${(gzipped / 1024).toFixed(1)} kB gzipped`);
  expect(gzipped).toBeLessThanOrEqual(200 * 1024);
});

test('a cold load without a session logs no error: "nobody signed in" is not a failure', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const statuses: number[] = [];
  page.on('response', (res) => {
    if (res.url().endsWith('/api/v1/auth/refresh')) statuses.push(res.status());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Leadpath' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(statuses).toEqual([204]);
  expect(errors).toEqual([]);
});

test('wrong credentials and empty fields are answered in words, beside the fields', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your e-mail address')).toBeVisible();
  await expect(page.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('E-mail').fill(DEMO.maya);
  await page.getByRole('textbox', { name: 'Password' }).fill('not the right password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong e-mail or password.');
  await expectAccessible(page);
});

test('a manager signs in, lands on their inbox, stays signed in over a reload, and signs out', async ({ page }) => {
  await signIn(page, DEMO.maya);
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect(page).toHaveURL(/\/inbox$/);
  // The access token lives in memory only; the refresh cookie is HttpOnly.
  const storage = await page.evaluate(() => ({
    local: Object.keys(localStorage).length,
    session: Object.keys(sessionStorage).length,
    cookie: document.cookie,
  }));
  expect(storage).toEqual({ local: 0, session: 0, cookie: '' });
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'leadpath_refresh')).toMatchObject({
    httpOnly: true,
    sameSite: 'Strict',
    path: '/api/v1/auth',
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Leadpath' })).toBeVisible();
  await page.goto('/mentees');
  await expect(page.getByRole('heading', { name: 'Sign in to Leadpath' })).toBeVisible();
});

test('a 401 says "you were signed out" and signing in again returns to the same page', async ({ page }) => {
  const { manager, mentee } = await newPair();
  await signIn(page, manager.email, PASSWORD, '/mentees');
  await expect(page.getByRole('link', { name: mentee.name })).toBeVisible();
  // HR changes the password: every token and session of the person ends.
  const hr = await tokenFor(DEMO.hr);
  await call('PATCH', `/users/${manager.id}`, hr, { password: 'a second long passphrase' });
  await page.getByRole('link', { name: mentee.name }).click();
  await expect(page.getByRole('heading', { name: 'You were signed out' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Sign in again' }).click();
  await page.getByLabel('E-mail').fill(manager.email);
  await page.getByRole('textbox', { name: 'Password' }).fill('a second long passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: mentee.name })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/mentees/${mentee.menteeId}$`));
});

test('unknown pages answer 404, other roles’ pages 403, both accessible', async ({ page }) => {
  await signIn(page, DEMO.lena);
  await expect(page).toHaveURL(/\/inbox$/);
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/mentees');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expectAccessible(page);
});

test('a database outage is explained in words', async ({ page }) => {
  await signIn(page, DEMO.maya, undefined, '/mentees');
  await page.route('**/api/v1/mentees?*', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ statusCode: 503, error: 'service_unavailable', message: 'Database unavailable' }),
    }),
  );
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('The database is unavailable right now', { timeout: 30_000 });
  await expectAccessible(page);
});

test('what a page shows while it loads is accessible too', async ({ page }) => {
  await signIn(page, DEMO.maya, undefined, '/mentees');
  await expect(page.getByRole('heading', { name: 'My mentees' })).toBeVisible();
  // Hold the mentee list until the loading state has been checked, so the check never races the answer.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/v1\/mentees(\?|$)/, async (route) => {
    await held;
    await route.continue();
  });
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Loading your mentees' })).toBeAttached();
  await expectAccessible(page);
  release();
  await expect(page.getByRole('heading', { name: 'My mentees' })).toBeVisible();
});

test('an address with accounts in two organizations chooses one after the password', async ({ page }) => {
  // The same address and password in the demo organization (a manager) and a new one (its HR admin).
  const email = `two-homes-${randomUUID()}@example.test`;
  const hr = await tokenFor(DEMO.hr);
  await call('POST', '/users', hr, { email, name: 'Two Homes', roles: ['manager'], password: PASSWORD });
  const other = `Second Home ${randomUUID().slice(0, 6)}`;
  await call('POST', '/organizations', undefined, {
    name: other,
    admin: { email, name: 'Two Homes', password: PASSWORD },
  });

  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill('not the right password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // A wrong password learns nothing about where the address is held.
  await expect(page.getByRole('alert')).toContainText('Wrong e-mail or password.');
  await expect(page.getByRole('group', { name: 'Choose your organization' })).toHaveCount(0);

  await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const choice = page.getByRole('group', { name: 'Choose your organization' });
  await expect(choice.getByRole('button')).toHaveText(['Sign in to Northwind Engineering', `Sign in to ${other}`]);
  await expectAccessible(page);
  await choice.getByRole('button', { name: 'Sign in to Northwind Engineering' }).click();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect(page).toHaveURL(/\/inbox$/);
});
