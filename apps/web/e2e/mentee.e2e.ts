import { expect, test } from '@playwright/test';
import { call, newPair, PASSWORD, tokenFor } from './support/api';
import { DEMO, expectAccessible, signIn } from './support/fixtures';
import { screenshot } from './support/screenshots';

test('an aspiring lead sees score, level, what holds it back with next steps, and the trend', async ({ page }) => {
  await signIn(page, DEMO.sofia, undefined, '/progress');
  await expect(page).toHaveURL(/\/progress$/);
  await expect(page.getByRole('heading', { name: 'My progress', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Readiness \d+ \/ 100/ })).toBeVisible();
  await expect(page.getByText(/is not verified yet/).first()).toBeVisible();
  await expect(page.getByText(/^Next step: /).first()).toBeVisible();
  await expect(page.getByText(/^From \d+ in .* to \d+ now/)).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  await screenshot(page, 'mentee-home');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download my PDF' }).click();
  expect((await download).suggestedFilename()).toBe('my-progress.pdf');
});

test('on a desk the section links stay in view and reach the self-assessment', async ({ page }) => {
  await signIn(page, DEMO.sofia, undefined, '/progress');
  const sections = page.getByRole('navigation', { name: 'On this page' });
  await expect(sections.getByRole('link')).toHaveText([
    'Overview',
    'Milestones',
    'Goals',
    'Assignments',
    'Feedback',
    'Self-assessment',
  ]);
  await sections.getByRole('link', { name: 'Self-assessment' }).click();
  await expect(page.getByRole('heading', { name: 'Is management right for me?' })).toBeInViewport();
  // Sticky under the header: still there to jump back up.
  await expect(sections).toBeInViewport();
  await sections.getByRole('link', { name: 'Milestones' }).click();
  await expect(page.getByRole('heading', { name: /^Milestones/, level: 2 })).toBeInViewport();
});

test('an aspiring lead records evidence, works on a goal, acknowledges feedback and takes the self-assessment', async ({
  page,
}) => {
  const { manager, mentee } = await newPair();
  const managerToken = await tokenFor(manager.email, PASSWORD);
  await call('POST', `/mentees/${mentee.menteeId}/feedback`, managerToken, {
    occurredOn: new Date().toISOString().slice(0, 10),
    visibility: 'shared',
    ratings: [{ competency: 'delegation', rating: 2 }],
    strengths: 'Clear written updates',
    nextSteps: 'Delegate the next release',
  });
  await call('POST', `/mentees/${mentee.menteeId}/feedback`, managerToken, {
    occurredOn: new Date().toISOString().slice(0, 10),
    visibility: 'private',
    ratings: [],
    strengths: 'Private thought the mentee must never see',
  });
  const managerView = Object.fromEntries(
    [
      'mentors_others',
      'systems_thinking',
      'gives_up_hands_on',
      'uncomfortable_conversations',
      'patient_with_ambiguity',
      'loves_craft',
      'heads_down_focus',
      'prefers_solvable_problems',
      'money_or_title',
    ].map((k, i) => [k, i < 5 ? 3 : 3]),
  );
  await call('POST', `/mentees/${mentee.menteeId}/assessments`, managerToken, {
    kind: 'manager',
    answers: managerView,
  });

  await signIn(page, mentee.email, PASSWORD, '/progress');
  await expect(page.getByRole('heading', { name: 'My progress', level: 1 })).toBeVisible();
  await expect(page.getByText('Clear written updates')).toBeVisible();
  await expect(page.getByText('Private thought the mentee must never see')).toHaveCount(0);
  await page.getByRole('button', { name: /^Acknowledge feedback/ }).click();
  await expect(page.getByText(/^Acknowledged /)).toBeVisible();

  await page
    .getByRole('button', { name: /^Record evidence for/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expectAccessible(page, '[role="dialog"]');
  await dialog.getByRole('radio', { name: 'Completed' }).check();
  await dialog.getByLabel('What you did').fill('Mentored two juniors through their first on-call');
  await dialog.getByLabel('Links (one per line)').fill('https://example.test/mentoring-notes');
  await dialog.getByRole('button', { name: 'Save evidence' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Mentored two juniors through their first on-call')).toBeVisible();
  await expect(page.getByRole('link', { name: 'https://example.test/mentoring-notes' })).toBeVisible();

  await page.getByRole('button', { name: 'New goal' }).click();
  await page.getByRole('textbox', { name: 'Goal' }).fill('Delegate the release train');
  await page.getByRole('combobox', { name: 'Competency' }).selectOption({ label: 'Delegation' });
  await page.getByRole('button', { name: 'Add goal' }).click();
  await page.getByRole('button', { name: 'Check-ins for “Delegate the release train”' }).click();
  await page.getByLabel('Progress (%)').fill('30');
  await page.getByRole('button', { name: 'Add check-in' }).click();
  await expect(page.getByText(/30%$/)).toBeVisible();
  await page.getByRole('button', { name: 'Drop “Delegate the release train”' }).click();
  // One click asks; Cancel leaves the goal as it was.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Yes, drop it' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Mark achieved “Delegate the release train”' }).click();
  await expect(page.getByText(/It counts once your line manager or HR confirms it/)).toBeVisible();
  await page.getByRole('button', { name: 'Yes, mark achieved' }).click();
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Delegate the release train' }).getByText('Achieved'),
  ).toBeVisible();
  // A claim waits for the line manager or HR: the next step says so, not "finish it or drop it".
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Goal "Delegate the release train" is marked achieved' }),
  ).toContainText('Next step: your line manager (or HR) confirms it');
  // A claim made by mistake is undone with Reopen.
  await page.getByRole('button', { name: 'Reopen “Delegate the release train”' }).click();
  await expect(page.getByRole('button', { name: 'Mark achieved “Delegate the release train”' })).toBeVisible();
  await page.getByRole('button', { name: 'Mark achieved “Delegate the release train”' }).click();
  await page.getByRole('button', { name: 'Yes, mark achieved' }).click();
  await expect(page.getByRole('button', { name: 'Reopen “Delegate the release train”' })).toBeVisible();

  await page.getByRole('button', { name: 'Take the self-assessment' }).click();
  for (const label of [
    'Mentors others unprompted',
    'Thinks in systems beyond technology',
    'Willing to give up hands-on work',
    'Handles uncomfortable conversations',
    'Patient with ambiguity',
  ])
    await page.getByRole('radio', { name: `${label}: 5` }).check();
  for (const label of [
    'Loves the craft itself',
    'Best days are heads-down',
    'Prefers problems that have solutions',
    'Would do it only for money or title',
  ])
    await page.getByRole('radio', { name: `${label}: 1` }).check();
  await page.getByRole('button', { name: 'Save the assessment' }).click();
  await expect(page.getByText(/Self-assessment \(.*\): fit \+4\.0 .* suggests management/)).toBeVisible();
  const gapTable = page.getByRole('table', { name: /the self-assessment minus the manager’s view/ });
  await expect(gapTable.getByRole('row', { name: /Mentors others unprompted 5 3 \+2\.0/ })).toBeVisible();
  await expectAccessible(page);
});
