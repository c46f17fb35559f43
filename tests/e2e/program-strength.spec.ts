import { expect, test } from '@playwright/test';
import { setUpStrengthSet } from './helpers/training';

/** Every fault as the rep list words it (src/i18n/messages.ts). */
const FAULT_WORDS = [
  'too weak',
  'held too short',
  'slow to tighten',
  'started late',
  'did not relax fully',
  'pushed down (straining)',
  'faded during the hold',
];

test('a strength set on the simulated sensor: one result per rep, the right fault on the reps done wrong', async ({ page }) => {
  test.setTimeout(60_000);
  // The virtual user follows the cues, holds rep 2 too short and bears down on rep 3.
  // A short set: 3 reps of 4 s with 4 s rest (within the program's safe bounds).
  await setUpStrengthSet(page, '?seed=7&mistakes=1:short_hold,2:straining', 3);
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByRole('button', { name: 'Start' }).click();

  // While it runs, Stop is always there, and the cue tells what to do and for how long.
  const stop = page.getByRole('button', { name: 'Stop' });
  await expect(stop).toBeVisible();
  const cue = page.getByTestId('cue');
  await expect(cue.getByRole('status', { name: 'Cue' })).toHaveText('Get ready');
  await expect(cue.getByRole('status', { name: 'Cue' })).toHaveText('Squeeze', { timeout: 7000 });
  await expect(cue).toContainText(/\d s/);
  await expect(cue).toContainText('Rep 1 of 3');
  await expect(stop).toBeVisible();
  // During the set a screen reader hears the pressure now and then.
  await expect(page.locator('[aria-live="polite"]', { hasText: /^Current pressure -?\d/ })).toHaveCount(1);

  const results = page.getByRole('list', { name: 'Rep results' }).getByRole('listitem');
  await expect(results).toHaveCount(3, { timeout: 35_000 });
  const texts = await results.allTextContents();
  const faultsIn = (text: string) => FAULT_WORDS.filter((w) => text.includes(w));
  expect(texts.map((text) => faultsIn(text))).toEqual([[], ['held too short'], ['pushed down (straining)']]);
  expect(texts[0]).toContain('no faults');
  expect(texts[1]).toContain('Hold the squeeze until the relax cue.');
  expect(texts[2]).toContain("Don't push down");
  for (const [i, text] of texts.entries()) expect(text).toMatch(new RegExp(`^Rep ${i + 1} Score \\d+`));
  // Scores say the same: the clean rep clearly above both faulty ones.
  const scores = texts.map((text) => Number(/Score (\d+)/.exec(text)?.[1]));
  expect(scores[0]).toBeGreaterThanOrEqual(60);
  expect(Math.max(scores[1], scores[2])).toBeLessThan(50);

  // The session sums up and the program can be started again.
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary).toContainText('Reps done: 3, missed: 0', { timeout: 10_000 });
  await expect(summary).toContainText('held too short × 1');
  await expect(summary).toContainText("Next time: Don't push down");
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(training.getByRole('button', { name: 'Start' })).toBeVisible();
});

test('Stop ends a session at once, and the safety advice is not shown again', async ({ page }) => {
  await setUpStrengthSet(page, '?seed=8', 3);
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('cue').getByRole('status', { name: 'Cue' })).toHaveText('Squeeze', { timeout: 7000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Stopped early.');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(training.getByRole('button', { name: 'Start' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Training' }).getByRole('combobox', { name: 'Program' })).toBeVisible();
  await expect(page.getByText('Stop if it hurts')).toHaveCount(0);
});
