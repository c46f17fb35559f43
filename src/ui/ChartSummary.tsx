import { useStore } from 'zustand';
import { t } from '../i18n/messages';
import type { RepMeasures } from '../pipeline/types';
import { analysisStore } from '../store/analysisStore';
import { calibrationStore } from '../store/calibrationStore';

/** What the curve shows, in words, for those who cannot see it: the last squeeze and the strongest one. */
export function chartSummaryText(reps: readonly RepMeasures[], unit: string): string {
  if (reps.length === 0) return t('chart.summaryNone');
  const last = reps[reps.length - 1];
  const best = reps.reduce((a, r) => (r.peakCmH2O > a.peakCmH2O ? r : a), last);
  return t('chart.summary', {
    count: reps.length,
    last: Math.round(last.peakCmH2O),
    held: Math.round(last.durationMs / 100) / 10,
    best: Math.round(best.peakCmH2O),
    unit,
  });
}

/** The chart's description (aria-describedby): a new sentence only when a squeeze ends. */
export function ChartSummary({ id }: { id: string }) {
  const unit = useStore(calibrationStore, (s) => s.display.unit);
  const text = useStore(analysisStore, (s) => chartSummaryText(s.reps, t(`device.unit.${unit}`)));
  return (
    <p id={id} className="visually-hidden">
      {text}
    </p>
  );
}
