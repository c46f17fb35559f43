import { expect, test, type Locator, type Page } from '@playwright/test';
import { setUpStrengthSet } from './helpers/training';
import { expectNoAxeViolations } from './helpers/axe';

/** The element lies wholly inside the viewport, and the page is not scrolled. */
async function expectInView(page: Page, locator: Locator): Promise<void> {
  const viewport = page.viewportSize();
  const box = await locator.boundingBox();
  expect(viewport).not.toBeNull();
  expect(box).not.toBeNull();
  if (!viewport || !box) return;
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

for (const [width, height] of [
  [390, 844],
  [360, 640],
  [844, 390],
] as const) {
  test(`at ${width}×${height}, after Start the cue, Stop and the curve are in view without scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await setUpStrengthSet(page, '?seed=3', 3);
    await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Start' }).click();
    const cue = page.getByRole('status', { name: 'Cue' });
    await expect(cue).toHaveText('Squeeze', { timeout: 10_000 });
    // Focus went to the training screen, not back to the page.
    await expect(page.getByRole('heading', { name: 'Training now' })).toBeFocused();
    await expectInView(page, cue);
    await expectInView(page, page.getByRole('button', { name: 'Stop' }));
    await expectInView(page, page.getByRole('img', { name: 'Pressure over the last 30 seconds' }));
    // The screen is the phone's whole height: nothing below it to scroll to (rep results scroll in their own box).
    await expect(page.getByRole('list', { name: 'Rep results' })).toBeVisible({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
  });
}

test("at 360×640 the newest rep's verdict is in view as the results grow, and the nav labels fit in Swedish", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 360, height: 640 });
  await setUpStrengthSet(page, '?seed=5', 4);
  await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Start' }).click();
  const results = page.getByRole('list', { name: 'Rep results' }).getByRole('listitem');
  await expect(results).toHaveCount(3, { timeout: 60_000 });
  // Scrolled into its box, the box in view: the verdict just given is what the user sees.
  await expect(results.last()).toBeInViewport({ ratio: 1 });
  await expectInView(page, results.last());
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('sv');
  // No label wider than its button (the longest, "Inställningar", in a quarter of 360 px).
  const overflow = await page.locator('.nav-bar button').evaluateAll((buttons) => buttons.map((b) => b.scrollWidth - b.clientWidth));
  expect(overflow).toEqual([0, 0, 0, 0]);
});

test.describe('with the browser in Danish and the text at 125 %', () => {
  test.use({ locale: 'da-DK', viewport: { width: 360, height: 640 } });

  test('Home and Training do not scroll sideways: the one-word title and the program names fit', async ({ page }) => {
    await page.goto('/');
    // As a browser's text size setting does (a style element would break the app's CSP).
    await page.evaluate(() => (document.documentElement.style.fontSize = '125%'));
    await page.getByRole('button', { name: 'Brug simuleret sensor' }).click();
    await page.getByRole('button', { name: 'Jeg forstår' }).click();
    await expect(page.getByRole('combobox', { name: 'Program' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const title = page.getByRole('heading', { level: 1 });
    await expect(title).toHaveText('Bækkenbundstræning');
    // On one line: a word broken mid-way reads as two.
    const lineHeight = await title.evaluate((h) => parseFloat(getComputedStyle(h).lineHeight) || 1.2 * parseFloat(getComputedStyle(h).fontSize));
    expect((await title.boundingBox())?.height).toBeLessThan(1.5 * lineHeight);
  });
});

test('a control reached with Tab is never hidden under the nav bar', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('button', { name: 'Settings' }).click();
  const navTop = (await nav.boundingBox())?.y ?? 0;
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const box = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el.closest('nav')) return null;
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, what: el.outerHTML.slice(0, 80) };
    });
    if (box) expect(box.bottom, `focus stop ${i + 1}: ${box.what}`).toBeLessThanOrEqual(navTop);
  }
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`Home, Train, Results, History and Settings have no accessibility violations (${colorScheme})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 390, height: 844 });
    await setUpStrengthSet(page, '?seed=4', 3);
    await expectNoAxeViolations(page, 'Home');
    await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('status', { name: 'Cue' })).toHaveText('Squeeze', { timeout: 10_000 });
    await expect(page.getByRole('list', { name: 'Rep results' })).toBeVisible({ timeout: 15_000 });
    await expectNoAxeViolations(page, 'Train');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
    await expectNoAxeViolations(page, 'Results');
    await page.getByRole('button', { name: 'Done' }).click();
    const nav = page.getByRole('navigation', { name: 'Screens' });
    await nav.getByRole('button', { name: 'History' }).click();
    await expect(page.getByRole('list', { name: 'Session history' })).toBeVisible();
    await expectNoAxeViolations(page, 'History');
    await nav.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeFocused();
    await expectNoAxeViolations(page, 'Settings');
  });
}

test('the screen stays on while a program runs, and is let go when it stops', async ({ page }) => {
  // Headless Chromium has no screen to keep on: count what the app asks of the Wake Lock API.
  await page.addInitScript(() => {
    const counts = { requested: 0, released: 0 };
    Object.assign(window, { wakeLockCounts: counts });
    const wakeLock = {
      request: () => {
        counts.requested++;
        return Promise.resolve({ release: () => Promise.resolve(void counts.released++) });
      },
    };
    Object.defineProperty(Navigator.prototype, 'wakeLock', { get: () => wakeLock, configurable: true });
  });
  const counts = () => page.evaluate(() => (window as unknown as { wakeLockCounts: { requested: number; released: number } }).wakeLockCounts);
  await setUpStrengthSet(page, '?seed=6', 3);
  expect(await counts()).toEqual({ requested: 0, released: 0 });
  await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Start' }).click();
  await expect.poll(counts).toEqual({ requested: 1, released: 0 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect.poll(counts).toEqual({ requested: 1, released: 1 });
});
