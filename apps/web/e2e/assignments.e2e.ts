import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { call, newPair, newUser, PASSWORD, tokenFor } from './support/api';
import { expectAccessible, signIn } from './support/fixtures';
import { linkInMail } from './support/mail';
import { screenshot } from './support/screenshots';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** A respondent on a phone, signed in nowhere: opens the mailed link, rates, writes, sends once. */
async function answerOnPhone(
  browser: Browser,
  path: string,
  leadName: string,
  answer: { rating: number; wentWell?: string; couldHelp?: string },
  check = false,
): Promise<void> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: `How did ${leadName} lead?` })).toBeVisible();
  await expect(page.getByText('Run the release train')).toBeVisible();
  if (check) {
    await expect(page.getByRole('radiogroup', { name: /Delegated the outcome, not just tasks/ })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'respondent-phone');
    // Sending without every rating says what is missing and sends nothing.
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await expect(page.getByText('2 questions have no rating yet.')).toBeVisible();
    await expectAccessible(page);
  }
  for (const group of await page.getByRole('radiogroup').all()) {
    await group.getByRole('radio', { name: new RegExp(`^${answer.rating},`) }).check();
  }
  if (answer.wentWell) await page.getByLabel('What did they do well?').fill(answer.wentWell);
  if (answer.couldHelp) await page.getByLabel('What would help them lead better?').fill(answer.couldHelp);
  await page.getByRole('button', { name: 'Send my answer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
  if (check) {
    await expectAccessible(page);
    // Single use: the same link now says so, in words.
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'This link has already been used' })).toBeVisible();
    await expectAccessible(page);
    await page.goto('/respond/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await expect(page.getByRole('heading', { level: 1, name: 'This link does not work' })).toBeVisible();
    await expectAccessible(page);
    // An expired link (the API answers 410 after 14 days) says so in words.
    await page.route('**/api/v1/respond/*', (route) =>
      route.fulfill({
        status: 410,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 410, error: 'gone', message: 'This link has expired' }),
      }),
    );
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'This link has expired' })).toBeVisible();
    await expect(page.getByText(/Links to answer work for 14 days/)).toBeVisible();
    await expectAccessible(page);
  }
  await context.close();
}

async function openAssignments(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Show the assignments' }).click();
}

test('a manager plans an assignment and asks three people; each answers on a phone; the aggregate shows from the third answer', async ({
  page,
  browser,
}) => {
  const { manager, mentee } = await newPair();
  const tag = randomUUID().slice(0, 8);
  const people = [1, 2, 3].map((i) => ({ name: `Led Person ${i}`, email: `led-${i}-${tag}@example.test` }));

  await signIn(page, manager.email, PASSWORD, `/mentees/${mentee.menteeId}`);
  await expect(page.getByRole('heading', { level: 1, name: mentee.name })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'The people they led' })).toBeVisible();
  await openAssignments(page);
  await expect(page.getByText(/No assignments yet/)).toBeVisible();
  await page.getByRole('button', { name: 'New assignment' }).click();
  const form = page.getByRole('form', { name: 'New assignment' });
  await form.getByLabel('Title').fill('Run the release train');
  await form.getByLabel('Kind').selectOption({ label: 'Run the meetings' });
  await form.getByRole('checkbox', { name: 'Communication' }).check();
  await form.getByRole('checkbox', { name: 'Delegation' }).check();
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Add assignment' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Run the release train' })).toBeVisible();
  await expect(page.getByText('Nobody asked for feedback yet.')).toBeVisible();
  // Planned work cannot be asked about yet; started, it can.
  await expect(page.getByRole('button', { name: /^Ask for feedback/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Start “Run the release train”' }).click();
  await page.getByRole('button', { name: 'Ask for feedback on “Run the release train”' }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');
  for (const p of people) {
    await dialog.getByLabel('Their name').fill(p.name);
    await dialog.getByLabel('Their e-mail').fill(p.email);
    await dialog.getByRole('button', { name: 'Add this person' }).click();
  }
  // The same address twice is refused before anything is sent.
  await dialog.getByLabel('Their name').fill('Twice');
  await dialog.getByLabel('Their e-mail').fill(people[0].email.toUpperCase());
  await dialog.getByRole('button', { name: 'Add this person' }).click();
  await expect(dialog.getByText('Already on the list')).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'To ask (3)' })).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');
  await dialog.getByRole('button', { name: 'Ask 3 people' }).click();
  await expect(dialog.getByText(/3 people were asked/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('3 asked · fewer than 3 answers so far; results show from 3')).toBeVisible();

  const links = [];
  for (const p of people) links.push(await linkInMail(p.email, 'respond'));
  await answerOnPhone(browser, links[0], mentee.name, { rating: 4, wentWell: 'Kept every release calm' }, true);
  await answerOnPhone(browser, links[1], mentee.name, { rating: 5, couldHelp: 'Hand the retro to someone else' });

  await page.reload();
  await openAssignments(page);
  await page.getByRole('button', { name: 'Results of “Run the release train”' }).click();
  // Before the threshold, nothing tells how many have answered.
  await expect(page.getByText('3 asked · fewer than 3 answers so far; results show from 3')).toBeVisible();
  await expect(page.getByText(/^Fewer than 3 answers so far/)).toBeVisible();
  await expect(page.getByText('Kept every release calm')).toHaveCount(0);

  await answerOnPhone(browser, links[2], mentee.name, { rating: 3, wentWell: 'Asked before deciding' });
  await page.reload();
  await openAssignments(page);
  await page.getByRole('button', { name: 'Results of “Run the release train”' }).click();
  await expect(page.getByRole('heading', { name: 'What the people led said (3 answers)' })).toBeVisible();
  const results = page.getByRole('table', { name: 'What the people led said (3 answers)' });
  await expect(results.getByRole('row', { name: /Communication 4\.0 0 0 1 1 1/ })).toBeVisible();
  await expect(results.getByRole('row', { name: /Delegation 4\.0 0 0 1 1 1/ })).toBeVisible();
  await expect(page.getByText('Kept every release calm')).toBeVisible();
  await expect(page.getByText('Asked before deciding')).toBeVisible();
  await expect(page.getByText('Hand the retro to someone else')).toBeVisible();
  await expect(page.getByText('3 asked · 3 answers in the results')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  await screenshot(page, 'manager-led-results');
});

test('an aspiring lead plans an assignment on My progress, asks a colleague and an outside address; the manager approves the address', async ({
  page,
  browser,
}) => {
  const { manager, mentee } = await newPair();
  const outside = `peer-${randomUUID().slice(0, 8)}@partner.example`;
  const colleague = await newUser(['mentee'], `Colleague ${randomUUID().slice(0, 6)}`);
  await signIn(page, mentee.email, PASSWORD, '/progress');
  await expect(page.getByRole('heading', { name: 'My progress', level: 1 })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'The people you led' })).toBeVisible();
  await openAssignments(page);
  await page.getByRole('button', { name: 'New assignment' }).click();
  const form = page.getByRole('form', { name: 'New assignment' });
  await form.getByRole('button', { name: 'Add assignment' }).click();
  await expect(form.getByText('Give the assignment a title')).toBeVisible();
  await expect(form.getByText('Choose 1 to 8 competencies it shows')).toBeVisible();
  await form.getByLabel('Title').fill('Mentor the new joiner');
  await form.getByLabel('Kind').selectOption({ label: 'Mentor a junior' });
  await form.getByRole('checkbox', { name: 'Giving feedback' }).check();
  await form.getByRole('button', { name: 'Add assignment' }).click();
  await page.getByRole('button', { name: 'Start “Mentor the new joiner”' }).click();
  await page.getByRole('button', { name: 'Ask for feedback on “Mentor the new joiner”' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Find people of your organization').fill(colleague.name);
  await dialog.getByRole('checkbox', { name: `${colleague.name} (${colleague.email})` }).check();
  await dialog.getByLabel('Their name').fill('Pat Partner');
  await dialog.getByLabel('Their e-mail').fill(outside);
  await dialog.getByRole('button', { name: 'Add this person' }).click();
  await expectAccessible(page, '[role="dialog"]');
  await dialog.getByRole('button', { name: 'Ask 2 people' }).click();
  await expect(dialog.getByText(/2 people were asked/)).toBeVisible();
  await expect(dialog.getByText(/One outside address waits for your line manager or HR/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(
    page.getByText('2 asked · fewer than 3 answers so far; results show from 3 · 1 outside address awaits approval'),
  ).toBeVisible();
  // The mentee cannot approve their own respondents.
  await expect(page.getByRole('button', { name: /^Review outside addresses/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Mark completed “Mentor the new joiner”' }).click();
  await expect(page.getByText('Completed', { exact: true })).toBeVisible();
  await expectAccessible(page);
  // The colleague was mailed the link as well.
  expect(await linkInMail(colleague.email, 'respond')).toMatch(/^\/respond\//);
  // ...and finds the request in the app, on a phone, without the mail.
  const context = await browser.newContext(PHONE);
  const colleaguePage = await context.newPage();
  await signIn(colleaguePage, colleague.email, PASSWORD, '/feedback-requests');
  await expect(colleaguePage.getByRole('heading', { name: 'Feedback requests', level: 1 })).toBeVisible();
  const request = colleaguePage.getByRole('listitem').filter({ hasText: 'Mentor the new joiner' });
  await expect(request.getByText(`Asked by ${mentee.name}, who led it`)).toBeVisible();
  await expectAccessible(colleaguePage);
  await request.getByRole('link', { name: 'Answer about “Mentor the new joiner”' }).click();
  await expect(colleaguePage).toHaveURL(/\/respond\//);
  await expect(colleaguePage.getByText('Mentor the new joiner').first()).toBeVisible();
  await context.close();

  // The line manager reviews the outside address; approved, it is mailed its link.
  const managerContext = await browser.newContext();
  const managerPage = await managerContext.newPage();
  await signIn(managerPage, manager.email, PASSWORD, `/mentees/${mentee.menteeId}`);
  await openAssignments(managerPage);
  await managerPage.getByRole('button', { name: 'Review outside addresses for “Mentor the new joiner”' }).click();
  const review = managerPage.getByRole('region', { name: 'Outside addresses to approve for “Mentor the new joiner”' });
  await expect(review.getByText(`Pat Partner (${outside})`)).toBeVisible();
  await expectAccessible(managerPage);
  await review.getByRole('button', { name: `Approve ${outside}` }).click();
  await expect(review.getByText('Nothing waits for approval.')).toBeVisible();
  await expect(managerPage.getByText('2 asked · fewer than 3 answers so far; results show from 3')).toBeVisible();
  expect(await linkInMail(outside, 'respond')).toMatch(/^\/respond\//);
  await managerContext.close();
});

test('a request the line manager made says who asked and about whom; answering in the app leads back', async ({
  page,
}) => {
  const { manager, mentee } = await newPair();
  const colleague = await newUser(['mentee']);
  const token = await tokenFor(manager.email, PASSWORD);
  const assignment = (await call('POST', `/mentees/${mentee.menteeId}/assignments`, token, {
    title: 'Run the incident reviews',
    kind: 'run_meetings',
    competencies: ['communication'],
    startsOn: new Date().toISOString().slice(0, 10),
  })) as { id: string };
  await call('PATCH', `/assignments/${assignment.id}`, token, { status: 'active' });
  await call('POST', `/assignments/${assignment.id}/feedback-requests`, token, {
    respondents: [{ userId: colleague.id }],
  });
  await signIn(page, colleague.email, PASSWORD, '/feedback-requests');
  const request = page.getByRole('listitem').filter({ hasText: 'Run the incident reviews' });
  await expect(request.getByText(`About how ${mentee.name} led it · asked by ${manager.name}`)).toBeVisible();
  await request.getByRole('link', { name: 'Answer about “Run the incident reviews”' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `How did ${mentee.name} lead?` })).toBeVisible();
  for (const group of await page.getByRole('radiogroup').all()) await group.getByRole('radio', { name: /^4,/ }).check();
  await page.getByRole('button', { name: 'Send my answer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Back to your feedback requests' }).click();
  await expect(page.getByRole('heading', { name: 'Feedback requests', level: 1 })).toBeVisible();
  await expect(page.getByText('Run the incident reviews')).toHaveCount(0);
});
