import { useStore } from 'zustand';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage } from '../../i18n/languages';
import { t } from '../../i18n/messages';
import { chooseLanguage, languageStore } from '../../store/languageStore';

/** The app's language, first in Settings: each option named in itself, so anyone finds their own. */
export function LanguagePicker() {
  const language = useStore(languageStore, (s) => s.language);
  return (
    <section className="language-picker" aria-labelledby="settings-language">
      <h2 id="settings-language">
        <label htmlFor="language-select">{t('settings.language')}</label>
      </h2>
      <select id="language-select" value={language} onChange={(e) => isLanguage(e.target.value) && void chooseLanguage(e.target.value)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </section>
  );
}
