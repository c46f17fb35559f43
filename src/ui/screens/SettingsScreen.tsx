import { t } from '../../i18n/messages';
import { CueToggles } from '../program/CueToggles';
import { LanguagePicker } from './LanguagePicker';
import { ScreenHeading } from './ScreenHeading';

/** Language, cues, what the numbers mean, and where the data lives. */
export function SettingsScreen() {
  return (
    <main className="screen screen-settings" aria-labelledby="settings-heading">
      <ScreenHeading id="settings-heading">{t('settings.heading')}</ScreenHeading>
      <LanguagePicker />
      <section aria-labelledby="settings-cues">
        <h2 id="settings-cues">{t('settings.cues')}</h2>
        <CueToggles />
      </section>
      <section aria-labelledby="settings-units">
        <h2 id="settings-units">{t('settings.units')}</h2>
        <p>{t('units.cmH2O')}</p>
        <p>{t('settings.unitsCounts')}</p>
      </section>
      <section aria-labelledby="settings-data">
        <h2 id="settings-data">{t('settings.data')}</h2>
        <p>{t('settings.dataText')}</p>
      </section>
    </main>
  );
}
