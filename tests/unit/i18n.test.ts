import { afterEach, describe, expect, it } from 'vitest';
import { da } from '../../src/i18n/da';
import { LANGUAGES, applyLanguage, languageOf, localeFor, matchLanguage } from '../../src/i18n/languages';
import { en, formatDate, formatDateTime, formatNumber, t, tCount, type Catalog, type MessageKey } from '../../src/i18n/messages';
import { nb } from '../../src/i18n/nb';
import { sv } from '../../src/i18n/sv';

afterEach(() => applyLanguage('en').then(() => undefined));

const keys = Object.keys(en) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{\w+(?::\d)?\}/g)].map((m) => m[0]).sort();

describe('message catalog', () => {
  it('fills placeholders', async () => {
    expect(t('device.battery', { percent: 87 })).toBe('Battery 87 %');
  });

  it('formats number params: {name:N} as toFixed(N) did, {name} in full, no digit grouping', async () => {
    const band = (x: number) => t('feedback.fault.incomplete_relaxation', { band: x });
    expect(band(4)).toBe('Let go completely between squeezes: the pressure stayed more than 4 cmH2O above rest.');
    for (const x of [0.4, 2.5, 3.49, 4.5, 17.2, 1250.5]) expect(band(x)).toContain(`more than ${x.toFixed(0)} cmH2O`);
    expect(t('device.badPackets', { count: 12_345 })).toBe('12345 damaged packets ignored');
    expect(t('device.battery', { percent: 87.5 })).toBe('Battery 87.5 %');
  });

  it('translates a message descriptor, with messages nested as params', async () => {
    expect(t({ key: 'feedback.great' })).toBe('Well done: a clean squeeze.');
    expect(t({ key: 'summary.focus', params: { text: { key: 'feedback.fault.incomplete_relaxation', params: { band: 6 } } } })).toBe(
      'Next time: Let go completely between squeezes: the pressure stayed more than 6 cmH2O above rest.',
    );
  });
});

describe.each([
  ['nb', nb],
  ['sv', sv],
  ['da', da],
] as const)('the %s catalog', (language, catalog: Catalog) => {
  it('has every English key, and no other', async () => {
    expect(Object.keys(catalog).sort()).toEqual([...keys].sort());
  });

  it('has the same {placeholders} as English in every message, and no empty one', async () => {
    const mismatched = keys.filter((k) => placeholders(catalog[k]).join() !== placeholders(en[k]).join());
    expect(mismatched).toEqual([]);
    expect(keys.filter((k) => catalog[k].trim() === '')).toEqual([]);
  });

  it('is what `t` speaks once the language is chosen, numbers with a decimal comma', async () => {
    await applyLanguage(language);
    expect(t('app.title')).toBe(catalog['app.title']);
    expect(t('results.measured', { peak: 31.6, seconds: 5.25 })).toMatch(/^\S+ 32\u00a0cmH2O, \S+ \S+ 5,3\u00a0s$/);
    expect(t('device.battery', { percent: 87.5 })).toContain('87,5 %');
  });
});

describe('numbers, plurals and dates in the active language', () => {
  it('writes a decimal comma in nb, sv and da, a point in English, and never "-0"', async () => {
    for (const language of ['nb', 'sv', 'da'] as const) {
      await applyLanguage(language);
      expect(formatNumber(2.25, 1)).toBe('2,3');
      expect(formatNumber(1250.5, null)).toBe('1250,5');
      expect(formatNumber(-0.04, 1)).toBe('0,0');
      // A negative number keeps its sign (a minus sign in these languages).
      expect(formatNumber(-3.5, 1)).toMatch(/^[-\u2212]3,5$/);
    }
    await applyLanguage('en');
    expect(formatNumber(2.25, 1)).toBe('2.3');
    expect(formatNumber(-0.04, 1)).toBe('0.0');
    expect(formatNumber(-0, 0)).toBe('0');
  });

  it('picks the plural form by the language`s rules', async () => {
    for (const language of LANGUAGES) {
      await applyLanguage(language);
      const one = tCount('history.reps', 1);
      const many = tCount('history.reps', 3);
      expect(one).toMatch(/^1 \S+$/);
      expect(many).toMatch(/^3 \S+$/);
      expect(tCount('history.reps', 0)).toMatch(/^0 \S+$/);
      if (language === 'en') expect([one, many]).toEqual(['1 rep', '3 reps']);
    }
  });

  it('writes dates the way each language does', async () => {
    const ms = Date.UTC(2026, 2, 5, 14, 30);
    await applyLanguage('nb');
    expect(formatDateTime(ms)).toMatch(/5\. mar/);
    await applyLanguage('sv');
    expect(formatDateTime(ms)).toMatch(/5 mars 2026/);
    await applyLanguage('da');
    expect(formatDateTime(ms)).toMatch(/5\. mar/);
    await applyLanguage('en', 'en-GB');
    expect(formatDateTime(ms)).toMatch(/5 Mar 2026/);
  });

  it('writes weekdays, days and long dates in the app`s language, not the browser`s', async () => {
    // A Thursday. The test browser speaks English; the app is set to Swedish, then Danish.
    const ms = Date.UTC(2026, 2, 5, 12, 0);
    await applyLanguage('sv');
    expect(formatDate(ms, 'weekday')).toMatch(/^tors/);
    expect(formatDate(ms, 'day')).toMatch(/^torsdag 5 mars$/);
    expect(formatDate(ms, 'longDate')).toBe('5 mars 2026');
    await applyLanguage('da');
    expect(formatDate(ms, 'day')).toMatch(/^torsdag (den )?5\. marts$/);
    expect(tCount('session.curve.summary', 1, { seconds: 30, peak: 20 })).toContain('1 signal til at knibe');
  });
});

describe('which language a browser gets', () => {
  it('maps Norwegian, Bokmål and Nynorsk to Bokmål, and the others by language', async () => {
    expect(['nb-NO', 'no', 'nn-NO', 'NB_no'].map(languageOf)).toEqual(['nb', 'nb', 'nb', 'nb']);
    expect(['sv-SE', 'sv-FI', 'da-DK', 'en-US', 'de-DE', ''].map(languageOf)).toEqual(['sv', 'sv', 'da', 'en', null, null]);
  });

  it('takes the first of the browser`s languages the app speaks, else English', async () => {
    expect(matchLanguage(['de-DE', 'da-DK', 'en-US'])).toBe('da');
    expect(matchLanguage(['fi-FI', 'nn-NO'])).toBe('nb');
    expect(matchLanguage(['fi-FI', 'de'])).toBe('en');
    expect(matchLanguage([])).toBe('en');
  });

  it('formats numbers and dates with the browser`s own region for that language, else its home country', async () => {
    expect(localeFor('sv', ['sv-FI', 'en'])).toBe('sv-FI');
    expect(localeFor('en', ['nb-NO', 'en-GB'])).toBe('en-GB');
    expect(localeFor('nb', ['nn-NO'])).toBe('nb-NO');
    expect(localeFor('da', ['en-US'])).toBe('da-DK');
  });
});
