import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { parseCsv } from '../../src/recording/csv';

/** Current pressure as the readout shows it. */
async function readout(page: Page): Promise<number> {
  const text = (await page.getByRole('status', { name: 'Current pressure' }).locator('.readout-value').textContent()) ?? '';
  return Number.parseFloat(text);
}

/**
 * Vertical extent, in canvas pixels, of the curve's stroke colour: a flat line at rest is a few
 * pixels tall, a squeeze spans a large part of the plot.
 */
async function curveExtent(page: Page): Promise<{ top: number; bottom: number; height: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="live-chart"] canvas');
    if (!canvas) return { top: -1, bottom: -1, height: 0 };
    const ctx = canvas.getContext('2d');
    if (!ctx) return { top: -1, bottom: -1, height: canvas.height };
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let top = height;
    let bottom = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = 4 * (y * width + x);
        // The curve's stroke, #0b7a75.
        if (Math.abs(data[i] - 11) < 30 && Math.abs(data[i + 1] - 122) < 30 && Math.abs(data[i + 2] - 117) < 30 && data[i + 3] > 200) {
          if (y < top) top = y;
          if (y > bottom) bottom = y;
        }
      }
    }
    return { top, bottom, height };
  });
}

test('the simulated sensor streams a live squeeze curve and pressure readout', async ({ page }) => {
  await page.goto('/?seed=7');
  await expect(page.getByRole('button', { name: 'Connect sensor' })).toBeVisible();
  const start = Date.now();
  await page.getByRole('button', { name: 'Use simulated sensor' }).click();

  // The readout changes within 2 s of the click.
  const status = page.getByRole('status', { name: 'Current pressure' });
  await expect(status.locator('.readout-value')).toHaveText(/^-?\d+\.\d$/, { timeout: 2000 });
  const first = await readout(page);
  await expect.poll(() => readout(page), { timeout: 2000 - (Date.now() - start), intervals: [100] }).not.toBe(first);

  // The virtual user's first squeeze (about 20–40 cmH2O) reaches its hold within a few seconds.
  await expect.poll(() => readout(page), { timeout: 12000, intervals: [200] }).toBeGreaterThan(15);
  await page.waitForTimeout(1500);
  const extent = await curveExtent(page);
  expect(extent.bottom).toBeGreaterThan(extent.top);
  // The curve climbs over a quarter of the chart (axes included): a squeeze, not a flat line.
  expect(extent.bottom - extent.top).toBeGreaterThan(extent.height / 4);
  await page.screenshot({ path: 'test-results/live-screen.png', fullPage: true });
});

test('without Web Bluetooth the app says so and offers the simulated sensor', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'bluetooth', { get: () => undefined, configurable: true });
  });
  await page.goto('/');
  await expect(page.getByText('This browser cannot use Bluetooth')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connect sensor' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Use simulated sensor' })).toBeEnabled();
  await context.close();
});

test('a session saved as CSV holds every sample streamed so far, in the format analyze reads, also after connecting again', async ({ page }) => {
  await page.goto('/?seed=11');
  await page.getByRole('button', { name: 'Use simulated sensor' }).click();
  await expect(page.getByRole('button', { name: 'Save recording' })).toBeVisible();
  await page.waitForTimeout(3000);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  // Nothing measured is lost when the sensor goes: the recording can still be saved.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save recording' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^pelvic-floor-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  const text = await readFile(await download.path(), 'utf8');
  const recording = parseCsv(text);
  // About 3 s at 50 Hz.
  expect(recording.t.length).toBeGreaterThan(120);
  expect(recording.t.length).toBeLessThan(260);
  expect(recording.t[recording.t.length - 1] - recording.t[0]).toBeGreaterThan(2400);

  // Connecting again starts a new recording; the first one is still there to save.
  await page.getByRole('button', { name: 'Use simulated sensor' }).click();
  const earlier = page.getByRole('list', { name: 'Earlier sessions' }).getByRole('button', { name: /^Save the session from / });
  await expect(earlier).toHaveCount(1);
  const [again] = await Promise.all([page.waitForEvent('download'), earlier.click()]);
  expect(parseCsv(await readFile(await again.path(), 'utf8')).t).toEqual(recording.t);
});
