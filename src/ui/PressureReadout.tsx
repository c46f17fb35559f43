import { useEffect, useRef } from 'react';
import { t } from '../i18n/messages';
import type { LiveBuffer } from '../session/liveBuffer';
import { analysisStore } from '../store/analysisStore';
import { calibrationStore } from '../store/calibrationStore';
import { onFrame } from './frameLoop';

/** Ten updates a second: fast enough to follow a squeeze, slow enough to read. */
const READOUT_INTERVAL_MS = 100;

/** The current pressure, above the resting level once the pipeline knows it. */
export function PressureReadout({ buffer }: { buffer: LiveBuffer }) {
  const value = useRef<HTMLSpanElement>(null);
  const suffix = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    let last = 0;
    return onFrame((now) => {
      if (now - last < READOUT_INTERVAL_MS || !value.current || !suffix.current) return;
      last = now;
      const p = buffer.latestPressure();
      if (Number.isNaN(p)) return;
      const rest = analysisStore.getState().restCmH2O;
      // Community-documented trainers send uncalibrated counts (say so), or % of max once calibrated.
      const unit = t(`device.unit.${calibrationStore.getState().display.unit}`);
      value.current.textContent = (rest === null ? p : p - rest).toFixed(1);
      suffix.current.textContent = rest === null ? unit : `${unit} ${t('readout.aboveRest')}`;
    });
  }, [buffer]);

  return (
    <output className="readout" aria-label={t('readout.label')} aria-live="off">
      <span className="readout-label" aria-hidden="true">
        {t('readout.label')}
      </span>
      <span className="readout-value" ref={value}>
        {t('readout.waiting')}
      </span>{' '}
      <span className="readout-unit" ref={suffix} />
    </output>
  );
}
