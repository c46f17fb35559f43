import { createStore } from 'zustand/vanilla';
import { applyLanguage, isLanguage, localeFor, matchLanguage, type Language } from '../i18n/languages';

/** The language the app speaks; the UI re-renders when it changes. */
export interface LanguageState {
  readonly language: Language;
  /** BCP 47 tag for numbers, plurals and dates ("nb-NO"). */
  readonly locale: string;
}

const STORAGE_KEY = 'pft.language.v1';

/** The language chosen in Settings on an earlier visit, if any (storage may be blocked). */
function storedLanguage(): Language | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

let browserTags: readonly string[] = [];

export const languageStore = createStore<LanguageState>(() => ({ language: 'en', locale: 'en' }));

/** Shows `language` once its catalog is loaded; a catalog that cannot load leaves the language as it was. */
async function use(language: Language): Promise<void> {
  const locale = localeFor(language, browserTags);
  if (await applyLanguage(language, locale)) languageStore.setState({ language, locale });
}

/** At start: the language chosen before, else the first of the browser's the app speaks. */
export function startLanguage(tags: readonly string[]): Promise<void> {
  browserTags = tags;
  return use(storedLanguage() ?? matchLanguage(tags));
}

/** A choice in Settings: used as soon as it is loaded, and remembered. */
export async function chooseLanguage(language: Language): Promise<void> {
  await use(language);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or full storage: the choice holds until the page closes.
  }
}
