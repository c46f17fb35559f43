import { expect, test } from '@playwright/test';

test('the Knack on the simulated sensor: a "Cough" cue within the squeeze, and a late squeeze judged late', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 390, height: 844 });
  // The virtual user squeezes with the cough (too late) on rep 2 and does it right otherwise.
  await page.goto('/?seed=7&mistakes=1:knack_late');
  await page.getByRole('button', { name: 'Use simulated sensor' }).click();
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByRole('button', { name: 'I understand' }).click();
  await training.getByRole('combobox', { name: 'Program' }).selectOption({ label: 'Squeeze before you cough' });
  const reps = training.getByRole('spinbutton', { name: 'Repetitions' });
  await reps.fill('3');
  await reps.press('Tab');
  await expect(reps).toHaveValue('3');
  await expect(training.getByRole('button', { name: 'Start' })).toBeEnabled({ timeout: 10_000 });
  await training.getByRole('button', { name: 'Start' }).click();

  const word = page.getByTestId('cue').getByRole('status', { name: 'Cue' });
  await expect(word).toHaveText('Squeeze', { timeout: 7000 });
  await expect(word).toHaveText('Cough', { timeout: 3000 });
  await page.screenshot({ path: 'test-results/knack-cough-cue.png' });
  await expect(word).toHaveText('Relax', { timeout: 4000 });

  const results = page.getByRole('list', { name: 'Rep results' }).getByRole('listitem');
  await expect(results).toHaveCount(3, { timeout: 40_000 });
  const texts = await results.allTextContents();
  expect(texts.map((text) => text.includes('squeezed too late for the cough'))).toEqual([false, true, false]);
  expect(texts[1]).toContain('Squeeze first, then cough');
});
