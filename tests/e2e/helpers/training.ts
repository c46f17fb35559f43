import { expect, type Page } from '@playwright/test';

/**
 * Opens the app at `search`, connects the simulated sensor, reads the safety advice (shown once)
 * and sets up a strength set of `reps` × 4 s holds with 4 s rest, ready to start.
 */
export async function setUpStrengthSet(page: Page, search: string, reps: number): Promise<void> {
  await page.goto(`/${search}`);
  await page.getByRole('button', { name: 'Use simulated sensor' }).click();
  const training = page.getByRole('region', { name: 'Training' });
  await expect(training.getByText('Stop if it hurts')).toBeVisible();
  await training.getByRole('button', { name: 'I understand' }).click();
  await training.getByRole('combobox', { name: 'Program' }).selectOption({ label: 'Strength' });
  for (const [name, value] of [
    ['Repetitions', String(reps)],
    ['Hold (seconds)', '4'],
    ['Rest (seconds)', '4'],
  ] as const) {
    const box = training.getByRole('spinbutton', { name });
    await box.fill(value);
    await box.press('Tab');
    await expect(box).toHaveValue(value);
  }
  await expect(training.getByRole('button', { name: 'Start' })).toBeEnabled({ timeout: 10_000 });
}

/** Opens the "Device" disclosure on Home (maker, model, rate, link quality, Zero at rest), if closed. */
export async function openDeviceDetails(page: Page): Promise<void> {
  const details = page.locator('details.device-disclosure');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}
