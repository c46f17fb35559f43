import { useEffect, useRef } from 'react';
import { t } from '../i18n/messages';
import type { LiveBuffer } from '../session/liveBuffer';
import { analysisStore } from '../store/analysisStore';
import { calibrationStore } from '../store/calibrationStore';
import { onFrame, requestFrame } from './frameLoop';
import { readoutValue } from './readoutText';

/** Four updates a second: fast enough to follow a squeeze, slow enough to read. */
const READOUT_INTERVAL_MS = 250;
/** A screen reader hears the pressure at most this often (and when a rep ends), not 4× a second. */
const SPOKEN_INTERVAL_MS = 5000;

/** Sets a text node's value only when it changes: no new nodes, no layout when nothing changed. */
function setText(node: Text, text: string): void {
  if (node.nodeValue !== text) node.nodeValue = text;
}

/**
 * The current pressure, above the resting level once the pipeline knows it. `speak`: a screen
 * reader hears it now and then (training); elsewhere it is read only when the reader goes to it.
 */
export function PressureReadout({ buffer, speak = false }: { buffer: LiveBuffer; speak?: boolean }) {
  const value = useRef<HTMLSpanElement>(null);
  const suffix = useRef<HTMLSpanElement>(null);
  const spoken = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!value.current || !suffix.current) return;
    // One text node each, reused for every update.
    const valueText = value.current.appendChild(document.createTextNode(t('readout.waiting')));
    const suffixText = suffix.current.appendChild(document.createTextNode(''));
    const spokenText = document.createTextNode('');
    spoken.current?.appendChild(spokenText);
    let last = -Infinity;
    let lastSpoken = -Infinity;
    let reps = analysisStore.getState().reps.length;
    let later = 0;
    const stop = onFrame((now) => {
      if (now - last < READOUT_INTERVAL_MS) {
        // Too soon: come back when it is time, so the last sample of a burst is shown too.
        if (later === 0) later = window.setTimeout(() => ((later = 0), requestFrame()), READOUT_INTERVAL_MS - (now - last));
        return;
      }
      last = now;
      const p = buffer.latestPressure();
      if (Number.isNaN(p)) return setText(valueText, t('readout.waiting'));
      const { restCmH2O: rest, restBandCmH2O, reps: done } = analysisStore.getState();
      // Community-documented trainers send uncalibrated counts (say so), or % of max once calibrated.
      const unit = t(`device.unit.${calibrationStore.getState().display.unit}`);
      const shown = readoutValue(p, rest, restBandCmH2O);
      const suffixShown = rest === null ? unit : `${unit} ${t('readout.aboveRest')}`;
      setText(valueText, shown);
      setText(suffixText, suffixShown);
      if (now - lastSpoken >= SPOKEN_INTERVAL_MS || done.length !== reps) {
        lastSpoken = now;
        reps = done.length;
        setText(spokenText, t('readout.spoken', { value: shown, unit: suffixShown }));
      }
    });
    const unwatch = buffer.onChange(requestFrame);
    return () => {
      stop();
      unwatch();
      window.clearTimeout(later);
      valueText.remove();
      suffixText.remove();
      spokenText.remove();
    };
  }, [buffer, speak]);

  return (
    <>
      <output className="readout" aria-label={t('readout.label')} aria-live="off">
        <span className="readout-label" aria-hidden="true">
          {t('readout.label')}
        </span>
        <span className="readout-value" ref={value} /> <span className="readout-unit" ref={suffix} />
      </output>
      {speak && <span className="visually-hidden" aria-live="polite" ref={spoken} />}
    </>
  );
}
