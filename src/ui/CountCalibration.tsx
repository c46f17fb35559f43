import { useStore } from 'zustand';
import { t } from '../i18n/messages';
import { calibrationStore } from '../store/calibrationStore';
import { connectionStore } from '../store/connectionStore';
import { programStore } from '../store/programStore';
import { useActions } from './actions';
import './calibration.css';

/**
 * The guided calibration of a trainer that reports raw counts: rest with a countdown, then one
 * maximal squeeze held to the end of its countdown; from then on readings are in % of that
 * maximum. Shown only while such a device is connected.
 */
export function CountCalibration() {
  const { calibrateCounts } = useActions();
  const unit = useStore(connectionStore, (s) => s.unit);
  const status = useStore(connectionStore, (s) => s.status);
  const count = useStore(calibrationStore, (s) => s.count);
  const calibrated = useStore(calibrationStore, (s) => s.display.unit === 'pctMax');
  const training = useStore(programStore, (s) => s.status === 'running');
  if (unit !== 'counts' || status === 'idle' || status === 'failed') return null;
  const phase = count.phase === 'rest' || count.phase === 'squeeze' ? count.phase : null;

  return (
    <section className="count-calibration" aria-labelledby="count-calibration-title" data-testid="count-calibration">
      <h2 id="count-calibration-title">{t('calibration.title')}</h2>
      {phase === null && count.phase !== 'done' && !calibrated && <p className="hint">{t('calibration.intro')}</p>}
      {phase !== null && (
        <div className={`calibration-step calibration-${phase}`}>
          {/* Announced when the step changes; the countdown itself is not read out every second. */}
          <p className="calibration-instruction" role="status">
            {t(phase === 'rest' ? 'calibration.rest' : 'calibration.squeeze')}
          </p>
          <p className="calibration-countdown" aria-hidden="true">
            {t('calibration.secondsLeft', { seconds: count.secondsLeft })}
          </p>
        </div>
      )}
      {count.phase === 'done' && (
        <p className="calibration-done" role="status">
          {t('calibration.done')}
        </p>
      )}
      {count.phase === 'failed' && count.message !== null && (
        <p className="calibration-failed" role="alert">
          {t(count.message)}
        </p>
      )}
      {phase === null && (
        <button type="button" className={calibrated ? undefined : 'primary'} onClick={calibrateCounts} disabled={status !== 'connected' || training}>
          {t(calibrated ? 'calibration.again' : 'calibration.start')}
        </button>
      )}
    </section>
  );
}
