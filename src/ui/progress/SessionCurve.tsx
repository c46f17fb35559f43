import { useMemo } from 'react';
import { t, tCount } from '../../i18n/messages';
import type { JournalRecording } from '../../journal/journal';
import { StaticChart, type ChartMark, type ChartSeries } from './StaticChart';

/** A silence this long in a recording is a hole (the link dropped), not a line to draw across. */
const HOLE_MS = 1000;

/** A session's recorded pressure, seconds from its first sample, with a break at every hole. */
function curveOf(rec: JournalRecording): { x: number[]; y: (number | null)[]; marks: ChartMark[]; peak: number; seconds: number } {
  const t0 = rec.t[0] ?? 0;
  const x: number[] = [];
  const y: (number | null)[] = [];
  let peak = -Infinity;
  for (let i = 0; i < rec.t.length; i++) {
    if (i > 0 && rec.t[i] - rec.t[i - 1] > HOLE_MS) {
      x.push((rec.t[i - 1] - t0) / 1000 + 0.001);
      y.push(null);
    }
    x.push((rec.t[i] - t0) / 1000);
    y.push(rec.p[i]);
    if (rec.p[i] > peak) peak = rec.p[i];
  }
  const marks = rec.cues.map((c) => ({ x: (c.tMs - t0) / 1000, dashed: c.kind === 'relax' }));
  return { x, y, marks, peak, seconds: x.length > 0 ? x[x.length - 1] : 0 };
}

/** The curve of a whole session, cues marked: an image named by `label`, described in words. */
export function SessionCurve({ recording, label, id }: { recording: JournalRecording; label: string; id: string }) {
  const curve = useMemo(() => curveOf(recording), [recording]);
  const series = useMemo((): ChartSeries[] => [{ label, values: curve.y, colour: '--accent', breakAtNull: true }], [curve, label]);
  if (recording.t.length === 0) return <p className="hint">{t('session.noSamples')}</p>;
  const squeezes = recording.cues.filter((c) => c.kind === 'squeeze').length;
  return (
    <figure className="session-curve">
      <StaticChart
        label={label}
        describedBy={`${id}-text`}
        x={curve.x}
        series={series}
        xLabel={t('chart.axisTime')}
        yLabel={t('device.unit.cmH2O')}
        marks={curve.marks}
        testId={id}
      />
      <figcaption id={`${id}-text`} className="hint">
        {tCount('session.curve.summary', squeezes, { seconds: curve.seconds, peak: curve.peak })} {squeezes > 0 && t('session.curve.hint')}
      </figcaption>
    </figure>
  );
}
