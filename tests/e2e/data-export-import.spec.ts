import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { setUpStrengthSet } from './helpers/training';
import { expectNoAxeViolations } from './helpers/axe';

test.use({ viewport: { width: 390, height: 844 } });

const nav = (page: Page) => page.getByRole('navigation', { name: 'Screens' });
const yourData = (page: Page) => page.getByRole('region', { name: 'Your data' });

async function openScreen(page: Page, name: 'History' | 'Settings'): Promise<void> {
  await nav(page).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeFocused();
}

/** What each line of the history says (date, program, reps), without the notes under it. */
async function historyLines(page: Page): Promise<string[]> {
  await openScreen(page, 'History');
  const list = page.getByRole('list', { name: 'Session history' });
  await expect(list.getByRole('listitem').first()).toBeVisible({ timeout: 10_000 });
  return list.locator('.session-what').allTextContents();
}

test('after a set, Export all data, then Delete all data, then Import data of that file restores the history', async ({ page }) => {
  test.setTimeout(90_000);
  await setUpStrengthSet(page, '?seed=11', 2);
  await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible({ timeout: 45_000 });
  await page.getByRole('button', { name: 'Done' }).click();
  const before = await historyLines(page);
  expect(before).toHaveLength(1);
  expect(before[0]).toContain('Strength');

  // Export: one versioned JSON file with the session and its samples.
  await openScreen(page, 'Settings');
  const download = page.waitForEvent('download');
  await yourData(page).getByRole('button', { name: 'Export all data' }).click();
  const file = await (await download).path();
  expect((await download).suggestedFilename()).toMatch(/^pelvic-floor-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile(file, 'utf8')) as { format: string; version: number; sessions: { chunks: unknown[]; events: unknown[] }[] };
  expect(data).toMatchObject({ format: 'pelvic-floor-trainer-data', version: 1, sessionCount: 1 });
  expect(data.sessions[0].chunks.length).toBeGreaterThan(10);
  expect(data.sessions[0].events.length).toBeGreaterThan(2);
  await expect(yourData(page).getByRole('status')).toHaveText('The file with 1 session is saved in your downloads.');

  // Delete all data, confirmed in a dialog: the history is empty.
  await yourData(page).getByRole('button', { name: 'Delete all data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete all data?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Delete everything' }).click();
  await expect(dialog).toBeHidden();
  await expect(yourData(page).getByRole('status')).toHaveText('All data is deleted from this device.');
  await expect(yourData(page).getByRole('button', { name: 'Delete all data' })).toBeFocused();
  await openScreen(page, 'History');
  await expect(page.getByText('No sessions yet.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Session history' })).toHaveCount(0);

  // Import the file: the history is back, line for line.
  await openScreen(page, 'Settings');
  await yourData(page).getByLabel('Import data').setInputFiles(file);
  await expect(yourData(page).getByRole('status')).toHaveText(/^1 session imported\./);
  expect(await historyLines(page)).toEqual(before);

  // Importing it again adds nothing: the session is here already.
  await openScreen(page, 'Settings');
  await yourData(page).getByLabel('Import data').setInputFiles(file);
  await expect(yourData(page).getByRole('status')).toHaveText('0 sessions imported. 1 session was already here and was kept as it is.');
  expect(await historyLines(page)).toEqual(before);
});

test('a file that is not a data file, or is from a newer version, is refused with a clear message', async ({ page }) => {
  await page.goto('/');
  await openScreen(page, 'Settings');
  await yourData(page)
    .getByLabel('Import data')
    .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(yourData(page).getByRole('status')).toHaveText('This file could not be read as a data file from this app. Nothing was imported.');
  await yourData(page)
    .getByLabel('Import data')
    .setInputFiles({
      name: 'newer.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"pelvic-floor-trainer-data","version":2,"sessions":[]}'),
    });
  await expect(yourData(page).getByRole('status')).toContainText('newer version of the app (file version 2)');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`Settings with the delete dialog open has no accessibility violations (${colorScheme}); Escape closes it and the focus goes back`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await openScreen(page, 'Settings');
    const analyze = (where: string) => expectNoAxeViolations(page, where);
    await analyze('Settings');
    const opener = yourData(page).getByRole('button', { name: 'Delete all data' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Delete all data?' });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await analyze('Settings, delete dialog open');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    await expect(yourData(page).getByRole('status')).toBeEmpty();
  });
}
