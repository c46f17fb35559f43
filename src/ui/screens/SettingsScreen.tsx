import { t } from '../../i18n/messages';
import type { DataActions } from '../../store/dataStore';
import { DataSection } from '../DataSection';
import { CueToggles } from '../program/CueToggles';
import { ReminderSettings } from '../ReminderSettings';
import { LanguagePicker } from './LanguagePicker';
import { ScreenHeading } from './ScreenHeading';

/** Language, cues, reminders, what the numbers mean, and your data. */
export function SettingsScreen({ data }: { data: DataActions }) {
  return (
    <main className="screen screen-settings" aria-labelledby="settings-heading">
      <ScreenHeading id="settings-heading">{t('settings.heading')}</ScreenHeading>
      <LanguagePicker />
      <section aria-labelledby="settings-cues">
        <h2 id="settings-cues">{t('settings.cues')}</h2>
        <CueToggles />
      </section>
      <section aria-labelledby="settings-reminders">
        <h2 id="settings-reminders">{t('reminders.heading')}</h2>
        <ReminderSettings />
      </section>
      <section aria-labelledby="settings-units">
        <h2 id="settings-units">{t('settings.units')}</h2>
        <p>{t('units.cmH2O')}</p>
        <p>{t('settings.unitsCounts')}</p>
      </section>
      <DataSection data={data} />
    </main>
  );
}
