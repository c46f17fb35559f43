import { t } from '../../i18n/messages';
import { acknowledgeSafety } from '../../store/profileStore';

/** The source documents' advice, shown until the user has read it once (remembered). */
export function SafetyNotice() {
  return (
    <aside className="safety-notice" aria-labelledby="safety-heading">
      <h3 id="safety-heading">{t('safety.heading')}</h3>
      <ul>
        <li>{t('safety.pain')}</li>
        <li>{t('safety.afterBirth')}</li>
        <li>{t('safety.breathe')}</li>
        <li>{t('safety.physio')}</li>
      </ul>
      <p className="hint">{t('safety.source')}</p>
      <button type="button" className="primary" onClick={acknowledgeSafety}>
        {t('safety.ok')}
      </button>
    </aside>
  );
}
