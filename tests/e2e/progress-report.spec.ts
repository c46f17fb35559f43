import { expect, test, type Page } from '@playwright/test';
import { DAY_MS, simulatedSession } from '../fixtures/simulatedOutcomes';
import { seedJournal } from './helpers/journal';
import { expectNoAxeViolations } from './helpers/axe';
import { setUpStrengthSet } from './helpers/training';

test.use({ viewport: { width: 390, height: 844 } });

const nav = (page: Page) => page.getByRole('navigation', { name: 'Screens' });

/** A week-old strength set and a PERFECT assessment of yesterday, by the virtual user through the real pipeline. */
function pastSessions(seed: number) {
  const now = Date.now();
  return [
    simulatedSession(seed, 'strength', now - 8 * DAY_MS, { coach: { mvcCmH2O: 28 }, params: { reps: 4 } }),
    simulatedSession(seed + 1, 'perfect', now - DAY_MS, { coach: { mvcCmH2O: 33 } }),
  ];
}

/** Opens the app (which creates its journal), writes the sessions into it, and shows Progress. */
async function openProgressWith(page: Page, seed: number): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Pelvic floor trainer' })).toBeVisible();
  await seedJournal(page, pastSessions(seed));
  await nav(page).getByRole('button', { name: 'Progress' }).click();
  await expect(page.getByRole('region', { name: 'Progress' }).getByRole('img', { name: 'PERFECT profile over time' })).toBeVisible();
}

/** The chart's canvas has something drawn on it. */
async function drawn(page: Page, name: string): Promise<boolean> {
  return page.getByRole('img', { name }).evaluate((el) => {
    const canvas = el.querySelector('canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || canvas.width === 0) return false;
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
    return false;
  });
}

test('after a set, Progress shows a chart and the set is in Session history, where it opens into its reps and curve', async ({ page }) => {
  test.setTimeout(90_000);
  await setUpStrengthSet(page, '?seed=9', 3);
  await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Reps done: 3', { timeout: 40_000 });
  await page.getByRole('button', { name: 'Done' }).click();

  await nav(page).getByRole('button', { name: 'Progress' }).click();
  const progress = page.getByRole('region', { name: 'Progress' });
  await expect(progress.getByRole('heading', { name: 'Progress' })).toBeFocused();
  await expect(progress).toContainText(/Your strongest squeeze so far: \d+ cmH2O\./);
  await expect(progress.getByRole('img', { name: 'Strongest squeeze over the weeks' })).toBeVisible();
  await expect.poll(() => drawn(page, 'Strongest squeeze over the weeks')).toBe(true);
  await expect(progress.getByText(/Week 1: \d+ cmH2O\./)).toBeVisible();
  // Today's cell of the calendar reads out the set.
  await expect(progress.getByRole('table', { name: 'Sets per day, last 4 weeks' }).getByRole('cell', { name: /: 1 set$/ })).toHaveCount(1);

  // With no assessment yet, the report measures the set, and says so.
  await progress.getByRole('button', { name: 'Report for your physiotherapist' }).click();
  await expect(page.getByRole('region', { name: 'Measures of the latest set (no assessment yet)' })).toContainText(/Strength, /);
  await expect(page.getByRole('region', { name: 'Curve of the latest set' }).getByRole('img', { name: /^Pressure during the session of / })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Measures of the latest assessment' })).toHaveCount(0);

  // A second set on the same connection, stopped at once: a session of its own in the history.
  await nav(page).getByRole('button', { name: 'Home' }).click();
  await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.getByRole('button', { name: 'Done' }).click();

  await nav(page).getByRole('button', { name: 'History' }).click();
  const lines = page.getByRole('list', { name: 'Session history' }).getByRole('listitem').filter({ hasText: 'Strength' });
  await expect(lines).toHaveCount(2);
  await expect(lines.first()).toContainText('0 reps');
  const line = lines.nth(1);
  await expect(line).toContainText('3 reps');
  await line.getByRole('button', { name: /^Open the session of / }).click();
  const detail = page.getByRole('region', { name: /^Strength, / });
  await expect(detail.getByRole('list', { name: 'Rep results' }).getByRole('listitem')).toHaveCount(3);
  await expect(detail.getByRole('list', { name: 'Rep results' }).getByRole('listitem').first()).toContainText(/^Rep 1 Score \d+/);
  const curve = detail.getByRole('img', { name: /^Pressure during the session of .*, with the squeeze and relax cues$/ });
  await expect(curve).toBeVisible();
  await expect(detail).toContainText(/\d+ seconds recorded, 3 squeeze cues/);
  // The session's summary, as Results showed it: reps, score, faults and what to work on.
  const summary = detail.getByRole('heading', { name: 'Whole session' });
  await expect(summary).toBeVisible();
  await expect(detail).toContainText('Reps done: 3, missed: 0');
  await expect(detail).toContainText(/Average score: \d+/);
  await detail.getByRole('button', { name: 'Back to session history' }).click();
  await expect(page.getByRole('list', { name: 'Session history' })).toBeVisible();
  await expect(line.getByRole('button', { name: /^Open the session of / })).toBeFocused();
});

test('after a PERFECT assessment, the report names the PERFECT profile, prints without buttons, and makes a PDF', async ({ page }) => {
  test.setTimeout(60_000);
  await page.addInitScript(() => {
    Object.assign(window, { printed: 0 });
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await openProgressWith(page, 31);
  const progress = page.getByRole('region', { name: 'Progress' });
  for (const name of ['Strongest squeeze over the weeks', 'Endurance over the weeks', 'Average score over the weeks', 'Strength kept to the end of a set']) {
    await expect(progress.getByRole('img', { name })).toBeVisible();
  }
  await expect(progress).toContainText(/Your strongest squeeze went from \d+ to \d+ cmH2O in 7 days\./);

  await progress.getByRole('button', { name: 'Report for your physiotherapist' }).click();
  await expect(page.getByRole('heading', { name: 'Report for your physiotherapist', level: 1 })).toBeFocused();
  const perfect = page.getByRole('region', { name: 'PERFECT profile' });
  await expect(perfect).toContainText(/Latest PERFECT assessment, .*: \d+\/\d+\/\d+ \(endurance\/repetitions\/fast\), power \d+ cmH2O\./);
  for (const part of ['P, Power', 'E, Endurance', 'R, Repetitions', 'F, Fast']) await expect(perfect).toContainText(part);
  const measures = page.getByRole('region', { name: 'Measures of the latest assessment' });
  for (const m of ['Rest level', 'Rest variability', 'Quick-squeeze peak', 'Rise time', 'Release time', 'Hold mean', 'Hold steadiness', 'Endurance decline']) {
    await expect(measures).toContainText(m);
  }
  await expect(
    page.getByRole('region', { name: 'Curve of the latest assessment' }).getByRole('img', { name: /^Pressure during the session of / }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Faults by kind, last 4 weeks' })).toBeVisible();
  await expect.poll(() => drawn(page, 'Strongest squeeze over the weeks')).toBe(true);

  await page.getByRole('button', { name: 'Print' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // On paper: the report without buttons or navigation.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(nav(page)).toBeHidden();
  await expect(page.getByRole('main')).toContainText('PERFECT profile');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(20_000);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`Progress, the report, Session history and an opened session have no accessibility violations (${colorScheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    await openProgressWith(page, colorScheme === 'light' ? 41 : 42);
    await expectNoAxeViolations(page, 'Progress');
    await page.getByRole('button', { name: 'Report for your physiotherapist' }).click();
    await expect(page.getByRole('region', { name: 'PERFECT profile' })).toBeVisible();
    await expectNoAxeViolations(page, 'Report');
    await nav(page).getByRole('button', { name: 'History' }).click();
    await expect(page.getByRole('list', { name: 'Session history' })).toBeVisible();
    await expectNoAxeViolations(page, 'History');
    await page
      .getByRole('button', { name: /^Open the session of / })
      .first()
      .click();
    await expect(page.getByRole('list', { name: 'Rep results' })).toBeVisible();
    await expectNoAxeViolations(page, 'Session');
  });
}
