import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { call, newPair, newUser, PASSWORD, tokenFor } from './support/api';
import { DEMO, expectAccessible, signIn } from './support/fixtures';
import { screenshot } from './support/screenshots';

/**
 * Chooses a person in a searchable picker: types part of their name (the server searches
 * everyone), then picks them from the list.
 */
async function pickPerson(page: Page, scope: Page | Locator, label: string, person: { name: string; email: string }) {
  const input = scope.getByRole('combobox', { name: label });
  await input.click();
  await input.fill(person.name);
  await page.getByRole('option', { name: `${person.name} (${person.email})` }).click();
  await expect(input).toHaveValue(`${person.name} (${person.email})`);
}

/** Takes back the choice in a picker: choosing the chosen option again clears it. */
async function clearChoice(page: Page, scope: Page | Locator, label: string, option: string) {
  const input = scope.getByRole('combobox', { name: label });
  await input.click();
  await page.getByRole('option', { name: option }).click();
  await expect(input).toHaveValue('');
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

test('HR’s dashboard of the bench: funnel, levels, heatmaps and stale mentees, each with its numbers', async ({
  page,
}) => {
  await signIn(page, DEMO.hr, undefined, '/dashboard');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'The leadership bench', level: 1 })).toBeVisible();
  for (const title of ['Phase funnel', 'Readiness levels', 'Competencies by department', 'Competencies by manager']) {
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
  }
  // Each chart has its text alternative: a table of the same numbers.
  await expect(page.getByRole('img', { name: /Phase funnel; the same numbers are in the table/ })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Lead without the title' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Nearly ready' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Platform' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Communication' }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Stale mentees' })).toBeVisible();
  // The by-manager heatmap pages through managers, or narrows to one department's teams.
  const byManager = page.getByRole('region', { name: 'Competencies by manager' });
  await expect(byManager.getByRole('rowheader', { name: 'Maya Okafor' })).toBeVisible();
  const managersQuery = page.waitForRequest(/\/reports\/heatmap\/managers\?.*department=Security/);
  await page.getByLabel('Managers of the department').selectOption('Security');
  await managersQuery;
  await expect(byManager.getByRole('rowheader', { name: 'Jonas Berg' })).toBeVisible();
  await expect(byManager.getByRole('rowheader', { name: 'Maya Okafor' })).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  await screenshot(page, 'hr-dashboard');
  for (const name of ['Dashboard', 'People', 'Framework', 'Audit trail']) await expect(nav(page, name)).toBeVisible();
  await expect(nav(page, 'My mentees')).toHaveCount(0);
});

test('HR downloads the readiness CSV with its filters, and a person’s PDF', async ({ page }) => {
  const { mentee } = await newPair();
  await signIn(page, DEMO.hr, undefined, '/dashboard');
  const exportCard = page.getByRole('heading', { name: 'Readiness export' }).locator('xpath=ancestor::div[2]');
  await exportCard.getByLabel('Phase').selectOption({ label: 'Lead without the title' });
  const csvRequest = page.waitForRequest(/\/reports\/readiness\.csv/);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the CSV' }).click();
  expect(new URL((await csvRequest).url()).searchParams.get('phase')).toBe('lead_without_title');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^readiness-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await file.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines.length).toBeGreaterThan(1);
  expect(csv).toContain(mentee.name);
  expect(csv).not.toContain('Build technical credibility');
  // The interface's words, with the codes in their own column.
  expect(lines[0]).toContain('Phase code');
  expect(csv).toContain('Lead without the title');
  await expect(page.getByText('The CSV is downloaded.')).toBeVisible();

  await nav(page, 'People').click();
  await page.getByRole('tab', { name: 'Mentees' }).click();
  const pdf = page.waitForEvent('download');
  await page.getByRole('button', { name: `PDF for ${mentee.name}` }).click();
  const pdfFile = await pdf;
  expect(pdfFile.suggestedFilename()).toBe(`${mentee.name}.pdf`);
  expect(
    readFileSync(await pdfFile.path())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
});

test('HR picks a department from a list, and hears when the filters match nobody', async ({ page }) => {
  const hr = await tokenFor(DEMO.hr);
  const manager = await newUser(['manager']);
  const person = await newUser(['mentee']);
  const department = `Field ops ${randomUUID().slice(0, 6)}`;
  await call('POST', '/mentees', hr, {
    userId: person.id,
    managerId: manager.id,
    phase: 'lead_without_title',
    department,
  });
  await signIn(page, DEMO.hr, undefined, '/dashboard');
  const exportCard = page.getByRole('heading', { name: 'Readiness export' }).locator('xpath=ancestor::div[2]');
  const picker = exportCard.getByRole('combobox', { name: 'Department' });
  await expect(picker.getByRole('option', { name: 'All departments' })).toHaveCount(1);
  await expect(picker.getByRole('option', { name: `${department} (1)` })).toHaveCount(1);
  await picker.selectOption(department);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv.trim().split(/\r?\n/)).toHaveLength(2);
  expect(csv).toContain(person.name);
  await expect(page.getByText('The CSV is downloaded.')).toBeVisible();

  // Nobody of this department is in that phase: no file, and the page says why.
  await exportCard.getByLabel('Phase').selectOption({ label: 'Growing scope' });
  const csvRequest = page.waitForRequest(/\/reports\/readiness\.csv/);
  await page.getByRole('button', { name: 'Download the CSV' }).click();
  expect(new URL((await csvRequest).url()).searchParams.get('department')).toBe(department);
  await expect(page.getByRole('status').filter({ hasText: 'No mentee matches these filters' })).toBeVisible();
  await expect(page.getByText('The CSV is downloaded.')).toHaveCount(0);
  await expectAccessible(page);
});

test('HR creates users (with a password, and by invitation), enrols one, assigns the manager and deactivates', async ({
  page,
}) => {
  // Long: each pick of a person waits for the server's search.
  test.slow();
  const suffix = randomUUID().slice(0, 6);
  const first = await newUser(['manager'], `First Manager ${suffix}`);
  const second = await newUser(['manager'], `Second Manager ${suffix}`);
  await signIn(page, DEMO.hr);
  await nav(page, 'People').click();
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
  await expectAccessible(page);

  // Errors in words, beside the fields.
  await page.getByRole('button', { name: 'Create a user' }).click();
  const create = page.getByRole('dialog', { name: 'Create a user' });
  await create.getByRole('button', { name: 'Create the user' }).click();
  await expect(create.getByText('Enter the person’s name')).toBeVisible();
  await expect(create.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(create.getByText('Choose at least one role')).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');
  const name = `New Lead ${suffix}`;
  const email = `new-lead-${suffix}@example.test`;
  await create.getByLabel('Name').fill(name);
  await create.getByLabel('E-mail').fill(email);
  await create.getByRole('checkbox', { name: 'Mentee' }).check();
  await create.getByRole('textbox', { name: 'Password' }).fill('short');
  await create.getByRole('button', { name: 'Create the user' }).click();
  await expect(create.getByText('A password has at least 10 characters')).toBeVisible();
  await create.getByRole('textbox', { name: 'Password' }).fill('a-long-enough-passphrase');
  await create.getByRole('button', { name: 'Create the user' }).click();
  await expect(create).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText(`${name} is created and can sign in`);

  // Enrol them at once, with a line manager.
  await page.getByRole('button', { name: `Enrol ${name} now` }).click();
  const enrol = page.getByRole('dialog', { name: `Enrol ${name} as a mentee` });
  await enrol.getByRole('button', { name: 'Enrol' }).click();
  await expect(enrol.getByText('Choose the line manager')).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');
  await pickPerson(page, enrol, 'Line manager', first);
  await enrol.getByLabel('Starting phase').selectOption({ label: 'Lead without the title' });
  await enrol.getByRole('button', { name: 'Enrol' }).click();
  await expect(enrol).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText(`${name} is enrolled as a mentee`);

  // A second user without a password gets an invitation.
  await page.getByRole('button', { name: 'Create a user' }).click();
  const invite = page.getByRole('dialog', { name: 'Create a user' });
  await invite.getByLabel('Name').fill(`Invited ${suffix}`);
  await invite.getByLabel('E-mail').fill(`invited-${suffix}@example.test`);
  await invite.getByRole('checkbox', { name: 'Manager' }).check();
  await invite.getByRole('button', { name: 'Create the user' }).click();
  await expect(page.getByRole('status')).toContainText(
    `an invitation to choose a password is on its way to invited-${suffix}@example.test`,
  );

  // Reassign: another line manager, a mentor, the next phase with its note.
  await page.getByRole('tab', { name: 'Mentees' }).click();
  await pickPerson(page, page, 'Line manager', first);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(first.name);
  await row.getByRole('button', { name: `Change ${name}` }).click();
  const change = page.getByRole('dialog', { name: `Change ${name}’s manager, mentor or phase` });
  await pickPerson(page, change, 'Mentor', second);
  await pickPerson(page, change, 'Line manager', second);
  await change.getByRole('button', { name: 'Save changes' }).click();
  await expect(change.getByText('The mentor is someone other than the line manager')).toBeVisible();
  await clearChoice(page, change, 'Mentor', `${second.name} (${second.email})`);
  await change.getByLabel('Phase').selectOption({ label: 'First management role' });
  await change.getByLabel('Why the phase changes').fill('Runs the team while the manager is away');
  await expectAccessible(page, '[role="dialog"]');
  await change.getByRole('button', { name: 'Save changes' }).click();
  await expect(change).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText(`${name} is updated`);
  await pickPerson(page, page, 'Line manager', second);
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('First management role');
  const hr = await tokenFor(DEMO.hr);
  const user = (await call('GET', `/users?role=mentee&limit=200`, hr)) as { items: { id: string; email: string }[] };
  expect(user.items.some((u) => u.email === email)).toBe(true);

  // Deactivate, after saying what it does.
  await page.getByRole('tab', { name: 'Users' }).click();
  await page.getByLabel('Role').selectOption({ label: 'Manager' });
  let target = page.getByRole('button', { name: `Deactivate ${first.name}` });
  while (!(await target.count())) await page.getByRole('button', { name: 'Next page' }).click();
  await target.click();
  const confirm = page.getByRole('dialog', { name: `Deactivate ${first.name}?` });
  await expect(confirm).toContainText('signed out everywhere');
  await expectAccessible(page, '[role="dialog"]');
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByRole('status')).toContainText(`${first.name} is deactivated`);
  const after = (await call('GET', `/users/${first.id}`, hr)) as { active: boolean };
  expect(after.active).toBe(false);
  target = page.getByRole('button', { name: `Reactivate ${first.name}` });
  await expect(target).toHaveCount(0);
});

test('HR edits the readiness weights: a sum other than 1 is refused beside the weights, then saved', async ({
  page,
}) => {
  await signIn(page, DEMO.hr);
  await nav(page, 'Framework').click();
  await expect(page.getByRole('heading', { name: 'Framework', level: 1 })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Communication' })).toBeVisible();
  await expectAccessible(page);
  // Leadpath is no mail relay: feedback requests per person and day, 30 unless HR changes it.
  await expect(page.getByLabel('Feedback requests per person and day')).toHaveValue('30');
  const milestones = page.getByLabel('Milestones (M)');
  const competencies = page.getByLabel('Competencies (C)');
  const [m0, c0, g0] = await Promise.all(
    [milestones, competencies, page.getByLabel('Goals (G)')].map(async (l) => Number(await l.inputValue())),
  );
  const m1 = m0 === 0.5 ? 0.6 : 0.5;
  await milestones.fill(String(m1));
  await page.getByRole('button', { name: 'Save the settings' }).click();
  const error = page.locator('#weights-error');
  await expect(error).toHaveText(/The three weights must add up to 1; now they add up to \d/);
  await expect(milestones).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('group', { name: 'Weights (they add up to 1)' })).toHaveAccessibleDescription(
    /must add up to 1/,
  );
  await expectAccessible(page);
  // The server says the same if the page's check is bypassed.
  const hr = await tokenFor(DEMO.hr);
  await expect(
    call('PATCH', '/framework/settings', hr, { weights: { milestones: m1, competencies: c0, goals: g0 } }),
  ).rejects.toThrow(/400/);

  await competencies.fill(String(Math.round((1 - m1 - g0) * 1000) / 1000));
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await expect(page.getByText('Settings saved; readiness is being recomputed.')).toBeVisible();
  await expect(error).toHaveCount(0);
  const framework = (await call('GET', '/framework', hr)) as { settings: { weights: Record<string, number> } };
  expect(framework.settings.weights.milestones).toBe(m1);
  // Back to what the other tests expect.
  await milestones.fill(String(m0));
  await competencies.fill(String(c0));
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await expect(page.getByText('Settings saved; readiness is being recomputed.')).toBeVisible();
  await expect
    .poll(async () => ((await call('GET', '/framework', hr)) as typeof framework).settings.weights.milestones)
    .toBe(m0);

  await page.getByRole('button', { name: 'Add a competency' }).click();
  const add = page.getByRole('dialog', { name: 'Add a competency' });
  await add.getByLabel('Key').fill('Not A Key');
  await add.getByRole('button', { name: 'Add the competency' }).click();
  await expect(add.getByText('lower_snake_case, 2–48 characters, starting with a letter')).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');
  await add.getByRole('button', { name: 'Cancel' }).click();
  await page
    .getByRole('button', { name: /^Change / })
    .nth(1)
    .click();
  await expect(page.getByRole('dialog', { name: /^Change the / })).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');
});

test('the audit trail filters by who, what and when, shows reads on request, pages, and explains a bad filter', async ({
  page,
}) => {
  test.slow();
  const { manager, mentee } = await newPair();
  // 51 audited reads by the manager: more than one page of their own.
  const token = await tokenFor(manager.email, PASSWORD);
  for (let i = 0; i < 51; i++) await call('GET', `/mentees/${mentee.menteeId}/progress`, token);
  await signIn(page, DEMO.hr);
  await nav(page, 'Audit trail').click();
  await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expectAccessible(page);
  const column = (n: number) => table.locator(`tbody tr td:nth-child(${n})`).allInnerTexts();
  // Changes by default: none of the reads.
  expect(await column(3)).not.toContain('Progress viewed');

  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('From (day)').fill(today);
  await page.getByLabel('To (day)').fill(yesterday);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('The last day comes on or after the first')).toBeVisible();
  await expect(page.getByLabel('To (day)')).toHaveAttribute('aria-invalid', 'true');

  // The actions in words, found by typing.
  const action = page.getByRole('combobox', { name: 'Action' });
  await action.click();
  await action.fill('person add');
  await page.getByRole('option', { name: 'Person added' }).click();
  await page.getByLabel('Object').selectOption({ label: 'user' });
  await page.getByLabel('To (day)').fill(today);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect.poll(async () => [...new Set(await column(3))]).toEqual(['Person added']);
  // Names, not ids.
  expect((await column(4)).some((text) => text.includes(manager.name))).toBe(true);

  await pickPerson(page, page, 'Who', manager);
  await clearChoice(page, page, 'Action', 'Person added');
  await page.getByLabel('Show').selectOption({ label: 'Reads of personal data' });
  await page.getByLabel('Object').selectOption({ label: 'Any object' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('50 events on this page')).toBeVisible();
  await expect.poll(async () => [...new Set(await column(2))]).toEqual([manager.name]);
  await expect.poll(async () => [...new Set(await column(3))]).toEqual(['Progress viewed']);
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText('Page 2')).toBeVisible();
  await expect(page.getByText(/^\d+ events? on this page$/)).not.toHaveText('50 events on this page');
  await expect.poll(async () => [...new Set(await column(2))]).toEqual([manager.name]);
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(page.getByText('50 events on this page')).toBeVisible();
  await expectAccessible(page);
});

test.describe('on a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('HR’s dashboard and people fit the phone', async ({ page }) => {
    await signIn(page, DEMO.hr, undefined, '/dashboard');
    await expect(page.getByRole('heading', { name: 'The leadership bench', level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Navigation' }).click();
    await nav(page, 'People').click();
    await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Create a user' }).click();
    await expect(page.getByRole('dialog', { name: 'Create a user' })).toBeVisible();
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
