import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { parseCsv } from '../../src/recording/csv';

type Recording = ReturnType<typeof parseCsv>;

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
  return page.evaluate(async () => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="live-curve"]');
    if (!canvas || canvas.width === 0 || canvas.height === 0) return { top: -1, bottom: -1, height: 0 };
    // The curve is drawn in a worker (the canvas is a placeholder): read its last frame as an image.
    const copy = new OffscreenCanvas(canvas.width, canvas.height);
    const ctx = copy.getContext('2d');
    if (!ctx) return { top: -1, bottom: -1, height: canvas.height };
    ctx.drawImage(await createImageBitmap(canvas), 0, 0);
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
  await page.getByRole('button', { name: 'Use simulated sensor' }).click();

  // The readout shows a pressure, and it changes: the sensor streams. (Generous timeouts: how
  // soon depends on the machine, not on the app.)
  const status = page.getByRole('status', { name: 'Current pressure' });
  await expect(status.locator('.readout-value')).toHaveText(/^-?\d+\.\d$/, { timeout: 10_000 });
  const first = await readout(page);
  await expect.poll(() => readout(page), { timeout: 10_000, intervals: [100] }).not.toBe(first);

  // The virtual user's first squeeze (about 20–40 cmH2O) reaches its hold within a few seconds.
  await expect.poll(() => readout(page), { timeout: 20_000, intervals: [200] }).toBeGreaterThan(15);
  // The curve climbs over a quarter of the plot area once the chart has drawn the
  // squeeze: a squeeze, not a flat line.
  await expect
    .poll(
      async () => {
        const extent = await curveExtent(page);
        return extent.bottom > extent.top ? (extent.bottom - extent.top) / extent.height : 0;
      },
      { timeout: 10_000, intervals: [200] },
    )
    .toBeGreaterThan(1 / 4);
  await page.screenshot({ path: 'test-results/live-screen.png', fullPage: true });
  // Outside a set a screen reader is not told the pressure every few seconds: it reads the readout when asked.
  await expect(page.locator('[aria-live="polite"]', { hasText: /^Current pressure/ })).toHaveCount(0);
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
  const save = page.getByRole('button', { name: 'Save recording' });
  await expect(save).toBeVisible();
  // Saved while streaming, until it holds 2.5 s of samples.
  let whileStreaming: Recording | null = null;
  await expect
    .poll(
      async () => {
        const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
        const text = await readFile(await download.path(), 'utf8');
        // Saved before two samples came: nothing to measure yet.
        if (text.trim().split('\n').length < 3) return 0;
        whileStreaming = parseCsv(text);
        return whileStreaming.t[whileStreaming.t.length - 1] - whileStreaming.t[0];
      },
      { timeout: 20_000, intervals: [500] },
    )
    .toBeGreaterThan(2500);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  // Nothing measured is lost when the sensor goes: the recording can still be saved.
  const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
  expect(download.suggestedFilename()).toMatch(/^pelvic-floor-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  const text = await readFile(await download.path(), 'utf8');
  const recording = parseCsv(text);
  // Every sample saved while streaming is still there, in order.
  const streamed = whileStreaming as Recording | null;
  expect(streamed).not.toBeNull();
  const n = streamed?.t.length ?? 0;
  expect(recording.t.length).toBeGreaterThanOrEqual(n);
  expect(Array.from(recording.t.subarray(0, n))).toEqual(Array.from(streamed?.t ?? []));
  // Samples 20 ms apart (50 Hz): none lost, none doubled.
  const spanMs = recording.t[recording.t.length - 1] - recording.t[0];
  expect(spanMs).toBeGreaterThan(2500);
  expect(recording.t.length).toBeGreaterThanOrEqual(Math.floor(spanMs / 20 - 1));
  expect(recording.t.length).toBeLessThanOrEqual(Math.ceil(spanMs / 20 + 2));

  // Connecting again starts a new recording; the first one is kept in the session history, whole.
  await page.getByRole('button', { name: 'Use simulated sensor' }).click();
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History' }).click();
  const sessions = page.getByRole('list', { name: 'Session history' }).getByRole('listitem');
  await expect(sessions).toHaveCount(2);
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    sessions
      .nth(1)
      .getByRole('button', { name: /^Save the session of .* as CSV$/ })
      .click(),
  ]);
  expect(parseCsv(await readFile(await again.path(), 'utf8')).t).toEqual(recording.t);
});

test('connected from the keyboard, the focus goes to what happened, not back to the top of the page', async ({ page }) => {
  await page.goto('/?seed=7');
  await page.getByRole('button', { name: 'Use simulated sensor' }).focus();
  await page.keyboard.press('Enter');
  const status = page.getByTestId('link-status');
  await expect(status).toContainText('Connected');
  await expect(status).toBeFocused();
  // The next Tab goes on from there.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Disconnect' })).toBeFocused();
});
