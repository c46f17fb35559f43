import { expect, test, type Page } from '@playwright/test';
import { da } from '../../src/i18n/da';
import { en, type Catalog, type MessageKey } from '../../src/i18n/messages';
import { nb } from '../../src/i18n/nb';
import { sv } from '../../src/i18n/sv';

/** Words English shares with Norwegian, Swedish or Danish, names and units: not English where the translation has them too. */
const SHARED = new Set(['Sensor', 'cmH2O', 'Model', 'Program', 'Start', 'Stop', 'Pause', 'Vibration', 'Score', 'hold']);

const PLACEHOLDER = /\{\w+(?::\d)?\}/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `fragment` as whole words in `text` ("Model" is not in "Modell"). */
const hasWords = (text: string, fragment: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(fragment)}(?![\\p{L}\\p{N}])`, 'u').test(text);

/**
 * English that must not show on a Norwegian, Swedish or Danish screen: the literal parts of every
 * English message (around its {placeholders}) longer than 3 characters. A value copied untranslated
 * counts too; only the shared words above are let through.
 */
function englishFragments(catalog: Catalog): string[] {
  const fragments = new Set<string>();
  for (const key of Object.keys(en) as MessageKey[]) {
    for (const part of en[key].split(PLACEHOLDER)) {
      const text = part
        .trim()
        .replace(/^[.:;,·()–-]+|[.:;,·()–-]+$/g, '')
        .trim();
      if (text.length > 3 && !(SHARED.has(text) && hasWords(catalog[key].replace(PLACEHOLDER, ' '), text))) fragments.add(text);
    }
  }
  return [...fragments];
}

/** Everything a person sees or hears from the page: its visible text, title and accessible names. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')].flatMap((el) =>
      ['aria-label', 'title', 'alt', 'placeholder'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.title, document.body.innerText, ...labels].join('\n');
  });
}

/** The English fragments on the page, for a page meant to be in `catalog`'s language. */
async function englishOn(page: Page, catalog: Catalog): Promise<string[]> {
  const text = await pageText(page);
  return englishFragments(catalog).filter((f) => hasWords(text, f));
}

/** Fails with each English fragment found, and where. */
async function expectNoEnglish(page: Page, catalog: Catalog, where: string): Promise<void> {
  expect(await englishOn(page, catalog), `English on the ${where} screen`).toEqual([]);
}

const LANGUAGES = [
  { locale: 'nb-NO', lang: 'nb', catalog: nb, seed: 11 },
  { locale: 'sv-SE', lang: 'sv', catalog: sv, seed: 12 },
  { locale: 'da-DK', lang: 'da', catalog: da, seed: 13 },
] as const;

for (const { locale, lang, catalog, seed } of LANGUAGES) {
  test.describe(`with the browser in ${locale}`, () => {
    test.use({ locale });

    test('every screen speaks the language, with decimal commas and no English', async ({ page }) => {
      test.setTimeout(90_000);
      await page.goto(`/?sensor=simulated&seed=${seed}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1, name: catalog['app.title'] })).toBeVisible();
      await expect(page).toHaveTitle(catalog['app.title']);
      // The readout: one decimal, after a comma.
      const readout = page.getByRole('status', { name: catalog['readout.label'] }).locator('.readout-value');
      await expect(readout).toHaveText(/^[-\u2212]?\d+,\d$/, { timeout: 10_000 });
      await expectNoEnglish(page, catalog, 'Home');

      const training = page.getByRole('region', { name: catalog['program.heading'] });
      await training.getByRole('button', { name: catalog['safety.ok'] }).click();
      await expectNoEnglish(page, catalog, 'Home, advice read');
      await training.getByRole('button', { name: catalog['program.start'] }).click();
      // The big cue, in words of the language (a busy machine can pause the set: the words still count).
      const cueWords = (['cue.getReady', 'cue.squeeze', 'cue.relax', 'cue.paused'] as const).map((k) => catalog[k]);
      await expect(page.getByRole('status', { name: catalog['cue.label'] })).toHaveText(new RegExp(`^(${cueWords.join('|')})$`), { timeout: 10_000 });
      await expect(page.getByRole('list', { name: catalog['results.heading'] })).toBeVisible({ timeout: 30_000 });
      await expectNoEnglish(page, catalog, 'Train');

      await page.getByRole('button', { name: catalog['program.stop'] }).click();
      await expect(page.getByRole('region', { name: catalog['summary.heading'] })).toBeVisible();
      await expectNoEnglish(page, catalog, 'Results');

      await page.getByRole('button', { name: catalog['resultsScreen.done'] }).click();
      const nav = page.getByRole('navigation', { name: catalog['nav.label'] });
      await nav.getByRole('button', { name: catalog['nav.history'] }).click();
      await expect(page.getByRole('list', { name: catalog['history.heading'] })).toBeVisible();
      await expectNoEnglish(page, catalog, 'History');

      await nav.getByRole('button', { name: catalog['nav.settings'] }).click();
      await expect(page.getByRole('heading', { name: catalog['settings.heading'] })).toBeFocused();
      await expectNoEnglish(page, catalog, 'Settings');
    });
  });
}

test.describe('the language chosen in Settings', () => {
  test.use({ locale: 'sv-SE' });

  test('changes every text at once, sets <html lang>, and is remembered over a reload', async ({ page }) => {
    await page.goto('/?sensor=simulated&seed=14');
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await page.getByRole('navigation', { name: sv['nav.label'] }).getByRole('button', { name: sv['nav.settings'] }).click();
    const picker = page.getByRole('combobox', { name: sv['settings.language'] });
    // Each language is named in itself, whichever one is showing.
    await expect(picker.getByRole('option')).toHaveText(['Norsk bokmål', 'Svenska', 'Dansk', 'English']);
    await picker.focus();
    await picker.selectOption({ label: 'Norsk bokmål' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(nb['settings.heading']);
    // The same control, re-rendered in place: the keyboard stays where it was.
    await expect(page.getByRole('combobox', { name: nb['settings.language'] })).toBeFocused();
    await expect(page.getByRole('navigation', { name: nb['nav.label'] }).getByRole('button', { name: nb['nav.home'] })).toBeVisible();
    await expectNoEnglish(page, nb, 'Settings');

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    await expect(page.getByRole('heading', { level: 1, name: nb['app.title'] })).toBeVisible();
    await expect(page.getByRole('status', { name: nb['readout.label'] }).locator('.readout-value')).toHaveText(/^[-\u2212]?\d+,\d$/, {
      timeout: 10_000,
    });

    await page.getByRole('navigation', { name: nb['nav.label'] }).getByRole('button', { name: nb['nav.settings'] }).click();
    await page.getByRole('combobox', { name: nb['settings.language'] }).selectOption({ label: 'English' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // The check above finds English where there is some.
    expect(await englishOn(page, nb)).toEqual(expect.arrayContaining(['Settings', 'Language', 'What the numbers mean']));
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Home' }).click();
    await expect(page.getByRole('status', { name: 'Current pressure' }).locator('.readout-value')).toHaveText(/^-?\d+\.\d$/);
  });
});
