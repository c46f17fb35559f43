import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { setUpStrengthSet } from './helpers/training';

for (const seed of [2, 6]) {
  test(`Home shows the sets left today, one fewer after a set, also after a reload (seed ${seed})`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await setUpStrengthSet(page, `?seed=${seed}`, 2);
    const plan = page.getByRole('group', { name: 'Your plan today' });
    await expect(plan).toContainText('3 sets left today');
    // No assessment yet: the plan asks for one first, and says that Start runs the strength set picked instead.
    await expect(plan).toContainText('Your plan for today is “PERFECT assessment”. You picked “Strength”: Start runs that.');
    await expect(plan).not.toContainText('First, a short assessment');

    await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Reps done: 2', { timeout: 40_000 });
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(plan).toContainText('2 sets left today');
    // Back to the plan: its program is picked again, and the plan gives its reason.
    await plan.getByRole('button', { name: 'Back to the plan' }).click();
    await expect(page.getByRole('combobox', { name: 'Program' })).toHaveValue('perfect');
    await expect(plan).toContainText('First, a short assessment');
    await expect(plan.getByRole('button', { name: 'Back to the plan' })).toHaveCount(0);

    // What the plan counts is in the journal, not in the page.
    await page.reload();
    await expect(page.getByRole('group', { name: 'Your plan today' })).toContainText('2 sets left today');
  });
}

test('"Add reminders to calendar" downloads an .ics with a daily VEVENT per chosen time', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  const times = page.getByRole('list', { name: 'Remind me at' });
  await expect(times.getByRole('listitem')).toHaveText([/08:00/, /13:00/, /20:00/]);
  await page.getByRole('button', { name: 'Remove the reminder at 13:00' }).click();
  // The button went with its row: the focus moves on to the time box, and the removal is said.
  await expect(page.getByLabel('New time')).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Reminder at 13:00 removed.' })).toHaveCount(1);
  await page.getByLabel('New time').fill('07:15');
  await page.getByRole('button', { name: 'Add time' }).click();
  await expect(times.getByRole('listitem')).toHaveText([/07:15/, /08:00/, /20:00/]);
  // A time already on the list is refused, and the reason shown.
  await page.getByLabel('New time').fill('08:00');
  await page.getByRole('button', { name: 'Add time' }).click();
  await expect(page.getByRole('alert')).toHaveText('That time is already on the list.');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Add reminders to calendar' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const ics = await readFile(await download.path(), 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(3);
  expect(ics.match(/^RRULE:FREQ=DAILY\r$/gm)).toHaveLength(3);
  expect(ics.match(/^DTSTART:\d{8}T(\d{6})\r$/gm)?.map((l) => l.slice(-7, -1))).toEqual(['071500', '080000', '200000']);

  // The times are kept for the next visit.
  await page.reload();
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('list', { name: 'Remind me at' }).getByRole('listitem')).toHaveText([/07:15/, /08:00/, /20:00/]);
});
