import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { call, newPair, PASSWORD, tokenFor } from './support/api';
import { expectAccessible, signIn } from './support/fixtures';
import { screenshot } from './support/screenshots';

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function openMeeting(page: Page, id: string) {
  await page.goto(`/meetings/${encodeURIComponent(id)}`);
  await expect(page.getByRole('heading', { name: /^One-on-one with/, level: 1 })).toBeVisible();
}

test('a manager schedules weekly one-on-ones; both prepare the agenda, private points stay private', async ({
  page,
  browser,
}) => {
  const { manager, mentee } = await newPair();
  const tag = randomUUID().slice(0, 6);
  await signIn(page, manager.email, PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'One-on-ones' }).click();
  await expect(page.getByRole('heading', { name: 'One-on-ones', level: 1 })).toBeVisible();
  await expectAccessible(page);

  const schedule = page.getByRole('form', { name: 'Schedule one-on-ones' });
  await schedule.getByLabel('Mentee').selectOption({ label: mentee.name });
  await schedule.getByLabel('First meeting').fill(dayOf(Date.now() + 2 * DAY));
  await schedule.getByLabel('Start time').fill('09:30');
  await schedule.getByLabel('Repeats').selectOption({ label: 'every week' });
  await schedule.getByLabel('Time zone').fill('Europe/Berlin');
  await schedule.getByRole('button', { name: 'Schedule' }).click();
  await expect(page.getByRole('status')).toContainText(`Scheduled with ${mentee.name}: every week`);
  const coming = page.getByRole('region', { name: 'Coming up' });
  await expect(coming.getByRole('listitem')).toHaveCount(8);
  await coming.getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: `One-on-one with ${mentee.name}`, level: 1 })).toBeVisible();
  await expect(page.getByText('every week, at 09:30 in Europe/Berlin')).toBeVisible();
  const meetingUrl = page.url();

  const addPoint = page.getByRole('form', { name: 'Add a talking point' });
  await addPoint.getByLabel('New talking point').fill(`Delegating the release ${tag}`);
  await addPoint.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('list', { name: 'Talking points' })).toContainText(`Delegating the release ${tag}`);
  await addPoint.getByLabel('New talking point').fill(`Pay band question ${tag}`);
  await addPoint.getByLabel('Only I see it').check();
  await addPoint.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('list', { name: 'Talking points' }).getByRole('listitem')).toHaveCount(2);
  // Reordering by keyboard-reachable buttons: the private point moves to the top.
  await page.getByRole('button', { name: `Move up: Pay band question ${tag}` }).click();
  await expect(page.getByRole('list', { name: 'Talking points' }).getByRole('listitem').first()).toContainText(
    `Pay band question ${tag}`,
  );

  const agree = page.getByRole('form', { name: 'Agree an action' });
  await agree.getByLabel('New action').fill(`Draft the on-call rota ${tag}`);
  await agree.getByLabel('Who').selectOption({ label: mentee.name });
  await agree.getByLabel('Due').fill(dayOf(Date.now() + 9 * DAY));
  await agree.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('list', { name: 'Actions' })).toContainText(`Draft the on-call rota ${tag}`);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  await screenshot(page, 'manager-meeting');

  // The mentee sees the shared point, never the private one, and adds one of their own.
  const context = await browser.newContext();
  const menteePage = await context.newPage();
  await signIn(menteePage, mentee.email, PASSWORD, new URL(meetingUrl).pathname);
  await expect(menteePage.getByRole('heading', { name: `One-on-one with ${manager.name}`, level: 1 })).toBeVisible();
  const points = menteePage.getByRole('list', { name: 'Talking points' });
  await expect(points).toContainText(`Delegating the release ${tag}`);
  await expect(points).not.toContainText(`Pay band question ${tag}`);
  await menteePage.getByLabel('New talking point').fill(`Feedback on my design review ${tag}`);
  await menteePage.getByRole('form', { name: 'Add a talking point' }).getByRole('button', { name: 'Add' }).click();
  await expect(points.getByRole('listitem')).toHaveCount(2);
  // The box follows the saved state: it turns once the server has it.
  await points.getByRole('checkbox', { name: `Delegating the release ${tag}` }).click();
  await expect(points.getByRole('checkbox', { name: `Delegating the release ${tag}` })).toBeChecked();
  await expectAccessible(menteePage);
  await context.close();
});

test('after the meeting the manager logs its outcome; an empty one is refused', async ({ page }) => {
  const { manager, mentee } = await newPair();
  const token = await tokenFor(manager.email, PASSWORD);
  const past = new Date(Date.now() - 2 * DAY);
  past.setUTCHours(8, 0, 0, 0);
  const meeting = (await call('POST', `/mentees/${mentee.menteeId}/meetings`, token, {
    startsAt: past.toISOString(),
    durationMinutes: 30,
    timeZone: 'UTC',
  })) as { id: string };
  await signIn(page, manager.email, PASSWORD);
  await openMeeting(page, meeting.id);
  const outcome = page.getByRole('region', { name: 'Outcome' });
  await outcome.getByRole('button', { name: 'Save the outcome' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await outcome.getByLabel('Next steps').fill('Run the next retro on your own');
  await outcome.getByRole('button', { name: 'Save the outcome' }).click();
  await expect(outcome).toContainText('next steps: Run the next retro on your own');
  await expectAccessible(page);
});

test.describe('on a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the meeting page fits a phone: agenda, actions and the add forms in view', async ({ page }) => {
    const { manager, mentee } = await newPair();
    const token = await tokenFor(manager.email, PASSWORD);
    const meeting = (await call('POST', `/mentees/${mentee.menteeId}/meetings`, token, {
      startsAt: `${dayOf(Date.now() + DAY)}T10:00`,
      durationMinutes: 45,
      timeZone: 'America/New_York',
      recurrence: 'FREQ=WEEKLY;INTERVAL=2',
    })) as { id: string };
    await call('POST', `/meetings/${encodeURIComponent(meeting.id)}/agenda-items`, token, {
      text: 'How the incident review went',
      private: false,
    });
    await signIn(page, manager.email, PASSWORD);
    await openMeeting(page, meeting.id);
    await expect(page.getByText('every two weeks, at 10:00 in America/New_York')).toBeVisible();
    const point = page.getByRole('list', { name: 'Talking points' }).getByRole('listitem').first();
    await expect(point).toBeInViewport();
    await page.getByLabel('New talking point').scrollIntoViewIfNeeded();
    await expect(page.getByLabel('New talking point')).toBeInViewport();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-meeting');
  });
});
