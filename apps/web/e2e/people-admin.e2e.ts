import { randomUUID } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { call, tokenFor } from './support/api';
import { DEMO, DEMO_PASSWORD, expectAccessible, signIn } from './support/fixtures';
import { screenshot } from './support/screenshots';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

/** Someone HR invited who has not chosen a password yet. */
async function invitedPerson(): Promise<{ id: string; name: string; email: string }> {
  const suffix = randomUUID().slice(0, 8);
  const name = `Rae Invited ${suffix}`;
  const email = `rae-${suffix}@example.test`;
  const user = (await call('POST', '/users', await tokenFor(DEMO.hr), { email, name, roles: ['mentee'] })) as {
    id: string;
  };
  return { id: user.id, name, email };
}

/** The element lies wholly inside the viewport's width (nothing to scroll sideways for). */
async function expectInsideViewport(page: Page, element: Locator): Promise<void> {
  await expect(element).toBeVisible();
  const box = await element.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

async function findPerson(page: Page, text: string) {
  const search = page.getByRole('searchbox', { name: 'Find' });
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/users?') && r.url().includes('q='));
  await search.fill(text);
  await answered;
}

test('HR finds a person by name, sees them invited, resends the invitation and promotes them to manager', async ({
  page,
}) => {
  const person = await invitedPerson();
  await signIn(page, DEMO.hr);
  await nav(page, 'People').click();
  await findPerson(page, person.name.split(' ')[2].toUpperCase());
  const row = page.getByRole('row').filter({ hasText: person.name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Invited');
  await expect(page.getByText('1 users on this page')).toBeVisible();

  // Short visible words; the person's name in each button's accessible name.
  const resend = row.getByRole('button', { name: `Resend the invitation to ${person.name}` });
  await expect(resend).toHaveText('Resend invitation');
  await resend.click();
  await expect(page.getByRole('status')).toContainText(`A new invitation is on its way to ${person.email}`);

  await row.getByRole('button', { name: `Edit ${person.name}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${person.name}` });
  await edit.getByLabel('Name').fill(`${person.name} Lead`);
  await edit.getByRole('checkbox', { name: 'Manager' }).check();
  await expect(edit).toContainText('signs them out everywhere');
  await expectAccessible(page, '[role="dialog"]');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText(`${person.name} Lead is updated`);
  await expect(page.getByRole('row').filter({ hasText: `${person.name} Lead` })).toContainText('Mentee, Manager');
  await expectAccessible(page);
  await screenshot(page, 'hr-people');

  // An address another person holds is refused beside the field.
  await page.getByRole('button', { name: `Edit ${person.name} Lead` }).click();
  const again = page.getByRole('dialog', { name: `Edit ${person.name} Lead` });
  await again.getByLabel('E-mail').fill(DEMO.maya);
  await again.getByRole('button', { name: 'Save changes' }).click();
  await expect(again.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');
  await expect(again.getByText('This e-mail address is already in use').first()).toBeVisible();
  await again.getByRole('button', { name: 'Cancel' }).click();

  // The trail says who changed what, before → after, with names.
  await nav(page, 'Audit trail').click();
  const action = page.getByRole('combobox', { name: 'Action' });
  await action.click();
  await action.fill('Person changed');
  await page.getByRole('option', { name: 'Person changed' }).click();
  await page.getByRole('button', { name: 'Filter' }).click();
  const event = page
    .getByRole('row')
    .filter({ hasText: `${person.name} Lead` })
    .first();
  await expect(event).toContainText('Person changed');
  await expect(event.getByRole('list', { name: 'What changed' })).toContainText(
    `Name: ${person.name} → ${person.name} Lead`,
  );
  await expect(event.getByRole('list', { name: 'What changed' })).toContainText('Roles: mentee → mentee, manager');
  await expectAccessible(page);
  await screenshot(page, 'hr-audit');
});

test('the enrol dialog finds a manager by typing part of the name: the server searches everyone', async ({ page }) => {
  const hr = await tokenFor(DEMO.hr);
  const person = await invitedPerson();
  const suffix = randomUUID().slice(0, 8);
  // A manager created last, found by the server's search rather than in a list loaded up front.
  const manager = (await call('POST', '/users', hr, {
    email: `zoe-${suffix}@example.test`,
    name: `Zoë Latecomer ${suffix}`,
    roles: ['manager'],
    password: 'browser-test-passphrase',
  })) as { id: string; name: string; email: string };
  await signIn(page, DEMO.hr);
  await nav(page, 'People').click();
  await findPerson(page, person.email);
  await page.getByRole('button', { name: `Enrol ${person.name}` }).click();
  const enrol = page.getByRole('dialog', { name: `Enrol ${person.name} as a mentee` });
  const picker = enrol.getByRole('combobox', { name: 'Line manager' });
  const searched = page.waitForRequest(
    (r) => r.url().includes(`q=latecomer+${suffix}`) || r.url().includes(`q=latecomer%20${suffix}`),
  );
  await picker.click();
  await picker.fill(`latecomer ${suffix}`);
  await searched;
  await page.getByRole('option', { name: `${manager.name} (${manager.email})` }).click();
  await expectAccessible(page, '[role="dialog"]');
  await enrol.getByRole('button', { name: 'Enrol' }).click();
  await expect(enrol).toHaveCount(0);
  const mentees = (await call('GET', `/mentees?managerId=${manager.id}`, hr)) as { items: { userId: string }[] };
  expect(mentees.items.map((m) => m.userId)).toEqual([person.id]);
});

test.describe('on a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('people and the audit trail are cards with what matters inside the screen', async ({ page }) => {
    const person = await invitedPerson();
    await signIn(page, DEMO.hr, DEMO_PASSWORD, '/people');
    await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
    await findPerson(page, person.name);
    const card = page
      .getByRole('list', { name: /^Users/ })
      .getByRole('listitem')
      .filter({ hasText: person.name });
    await expect(card).toHaveCount(1);
    await expect(page.getByRole('table')).toBeHidden();
    await expectInsideViewport(page, card.getByText(person.name, { exact: true }));
    await expectInsideViewport(page, card.getByText('Invited', { exact: true }));
    await expectInsideViewport(page, card.getByText(person.email));
    await expectInsideViewport(page, card.getByRole('button', { name: `Resend the invitation to ${person.name}` }));
    await expectInsideViewport(page, card.getByRole('button', { name: `Edit ${person.name}` }));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await screenshot(page, 'hr-people-phone');

    await card.getByRole('button', { name: `Edit ${person.name}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${person.name}` });
    await edit.getByRole('checkbox', { name: 'Manager' }).check();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toHaveCount(0);

    await page.goto('/audit');
    await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
    const events = page.getByRole('list', { name: /^Audit events/ });
    const changed = events.getByRole('listitem').filter({ hasText: person.name }).first();
    await expect(changed).toBeVisible();
    await expect(page.getByRole('table')).toBeHidden();
    await expectInsideViewport(page, changed.getByText('Person changed'));
    await expectInsideViewport(page, changed.getByText(person.name).first());
    await expectInsideViewport(page, changed.getByRole('list', { name: 'What changed' }));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await screenshot(page, 'hr-audit-phone');
  });
});
