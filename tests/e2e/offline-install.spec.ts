import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { setUpStrengthSet } from './helpers/training';

/** After the first visit: the service worker is active, so every file of the app is precached. */
async function visitOnce(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Pelvic floor trainer' })).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** Runs a 3-rep strength set on the simulated sensor to its summary, then visits every screen. */
async function fullSession(page: Page, search: string): Promise<void> {
  await setUpStrengthSet(page, search, 3);
  await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('status', { name: 'Cue' })).toHaveText('Squeeze', { timeout: 10_000 });
  await expect(page.getByRole('img', { name: 'Pressure over the last 30 seconds' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Reps done: 3', { timeout: 45_000 });
  await page.getByRole('button', { name: 'Done' }).click();
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('list', { name: 'Session history' })).toBeVisible();
  await nav.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
}

/** Records every CSP violation the page reports, from its first script on. */
async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

test('after one visit the app starts offline, and the simulated sensor and a program run to the end', async ({ page, context }) => {
  test.setTimeout(120_000);
  await visitOnce(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Pelvic floor trainer' })).toBeVisible();
  // Every part loaded on demand (the simulated sensor, the chart, the other screens) comes from the cache.
  await fullSession(page, '?seed=5');
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
});

test('a full session asks nothing of any other origin, under a strict Content-Security-Policy', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL ?? '').origin;
  const requests: string[] = [];
  // The context sees the page's requests and its service worker's.
  context.on('request', (request) => requests.push(request.url()));
  await recordCspViolations(context);
  await fullSession(page, '?seed=6');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Pelvic floor trainer' })).toBeVisible();

  const web = requests.filter((url) => /^(https?|wss?):/.test(url));
  expect(web.length).toBeGreaterThan(5);
  // The simulated sensor runs in its own worker, allowed by the policy (worker-src 'self').
  expect(web.some((url) => /simulatedSensorWorker-.*\.js$/.test(url))).toBe(true);
  expect(web.filter((url) => new URL(url).origin !== origin)).toEqual([]);

  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'"]) expect(csp).toContain(directive);
  expect(csp).not.toContain('unsafe');
  expect(await cspViolations(page)).toEqual([]);
  // And it is enforced: an injected inline script does not run, nor does a fetch to elsewhere leave.
  const escaped = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    const fetched = await fetch('https://example.org/').then(
      () => true,
      () => false,
    );
    return { ran: (window as unknown as { injected?: boolean }).injected === true, fetched };
  });
  expect(escaped).toEqual({ ran: false, fetched: false });
  await expect.poll(() => cspViolations(page)).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/), expect.stringMatching(/^connect-src/)]));
});

test('Chromium finds the app installable: no installability errors', async ({ baseURL }) => {
  // A normal profile: Playwright's own contexts are incognito, which Chromium never installs from.
  const profile = await mkdtemp(join(tmpdir(), 'pft-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await visitOnce(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
    await expect.poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, { timeout: 15_000 }).toEqual([]);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

test('a new version waits for the person: a quiet prompt, and Reload now brings it in', async ({ page }) => {
  test.setTimeout(90_000);
  await visitOnce(page);
  // The server gets a new build: a service worker that differs by one byte.
  const swFile = new URL('../../dist/sw.js', import.meta.url);
  const original = await readFile(swFile, 'utf8');
  try {
    await writeFile(swFile, `${original}\n// next version\n`);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const prompt = page.getByRole('complementary', { name: 'A new version of the app is ready.' });
    await expect(prompt).toBeVisible({ timeout: 20_000 });
    // Only a prompt: the page was not reloaded under the person.
    await expect(page.getByRole('heading', { name: 'Pelvic floor trainer' })).toBeVisible();
    const reloaded = page.waitForEvent('framenavigated');
    await prompt.getByRole('button', { name: 'Reload now' }).click();
    await reloaded;
    await expect(page.getByRole('heading', { name: 'Pelvic floor trainer' })).toBeVisible();
    await expect(prompt).toHaveCount(0);
    const waiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null);
    expect(waiting).toBeNull();
  } finally {
    await writeFile(swFile, original);
  }
});
