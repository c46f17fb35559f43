/**
 * The app's four languages: which one a browser asks for, its catalog and its locale. English is
 * the source catalog (messages.ts); the others are typed `Catalog`, so each is complete, and each
 * is a chunk of its own, loaded when it is first used (a person needs one).
 */
import { en, setCatalog, type Catalog } from './messages';

export const LANGUAGES = ['nb', 'sv', 'da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LOADERS: { readonly [L in Language]: () => Promise<Catalog> } = {
  nb: () => import('./nb').then((m) => m.nb),
  sv: () => import('./sv').then((m) => m.sv),
  da: () => import('./da').then((m) => m.da),
  en: () => Promise.resolve(en),
};
const loaded = new Map<Language, Catalog>([['en', en]]);

/** Each language named in itself, so a person finds their own whichever language is showing. */
export const LANGUAGE_NAMES: { readonly [L in Language]: string } = {
  nb: 'Norsk bokmål',
  sv: 'Svenska',
  da: 'Dansk',
  en: 'English',
};

/** Where a language's numbers and dates come from when the browser names no region for it. */
const DEFAULT_LOCALES: { readonly [L in Language]: string } = { nb: 'nb-NO', sv: 'sv-SE', da: 'da-DK', en: 'en' };

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** The app's language for a BCP 47 tag, or null: Norwegian (no), Bokmål (nb) and Nynorsk (nn) all read Bokmål. */
export function languageOf(tag: string): Language | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'no' || primary === 'nn') return 'nb';
  return isLanguage(primary) ? primary : null;
}

/** The first of the browser's languages (navigator.languages, in its order) the app speaks; else English. */
export function matchLanguage(tags: readonly string[]): Language {
  for (const tag of tags) {
    const language = languageOf(tag);
    if (language) return language;
  }
  return 'en';
}

/**
 * The locale for a language's numbers and dates: the browser's own tag for it when it has one
 * (en-GB writes dates the British way), else the language's home country. Nynorsk is shown in
 * Bokmål, so it formats as Bokmål too.
 */
export function localeFor(language: Language, browserTags: readonly string[]): string {
  const own = browserTags.find((tag) => languageOf(tag) === language && !/^(no|nn)\b/i.test(tag));
  try {
    if (own) return Intl.getCanonicalLocales(own.replace('_', '-'))[0];
  } catch {
    // A malformed tag: use the language's home country.
  }
  return DEFAULT_LOCALES[language];
}

/**
 * Makes `language` the one `t` speaks, numbers and dates in `locale`, once its catalog is here.
 * Resolves false (and English stays) when the catalog cannot be loaded.
 */
export async function applyLanguage(language: Language, locale: string = DEFAULT_LOCALES[language]): Promise<boolean> {
  let catalog = loaded.get(language);
  if (!catalog) {
    try {
      catalog = await LOADERS[language]();
      loaded.set(language, catalog);
    } catch {
      return false;
    }
  }
  setCatalog(locale, catalog);
  return true;
}
