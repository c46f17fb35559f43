import { useMemo } from 'react';
import { t, type Message, type MessageKey } from '../../i18n/messages';
import type { WeekPoint } from '../../progress/progress';
import { StaticChart, type ChartSeries } from './StaticChart';

export interface WeekChartProps {
  readonly id: string;
  readonly title: MessageKey;
  readonly explain: MessageKey;
  readonly weeks: readonly WeekPoint[];
  readonly pick: (w: WeekPoint) => number | null;
  readonly value: (v: number) => Message;
  readonly unit: string;
  /** Heading level of the chart's title (3 inside a section of its own). */
  readonly level?: 2 | 3;
}

/** One series over the weeks: the chart (an image named by its title), what it means, and its values in words. */
export function WeekChart({ id, title, explain, weeks, pick, value, unit, level = 2 }: WeekChartProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const points = weeks.flatMap((w) => {
    const v = pick(w);
    return v === null ? [] : [{ week: w.week + 1, v }];
  });
  const x = useMemo(() => weeks.map((w) => w.week + 1), [weeks]);
  const series = useMemo((): ChartSeries[] => [{ label: t(title), values: weeks.map(pick), colour: '--accent' }], [weeks, pick, title]);
  return (
    <figure className="progress-chart">
      <Heading id={`${id}-title`}>{t(title)}</Heading>
      {points.length > 0 && (
        <StaticChart label={t(title)} describedBy={`${id}-text`} x={x} series={series} xLabel={t('progress.axisWeek')} yLabel={unit} integerX />
      )}
      <figcaption id={`${id}-text`}>
        <span className="hint">{t(explain)}</span>{' '}
        {points.length > 0 ? points.map((p) => t('progress.point', { week: p.week, value: value(p.v) })).join('; ') + '.' : t('progress.noData')}
      </figcaption>
    </figure>
  );
}

const strongest = (w: WeekPoint) => w.strongest?.cmH2O ?? null;
const cm = (value: number): Message => ({ key: 'progress.v.cmH2O', params: { value } });

/** The strongest squeeze over the weeks (on Progress and on the report). */
export function StrongestChart({ weeks, id, level }: { weeks: readonly WeekPoint[]; id: string; level?: 2 | 3 }) {
  return (
    <WeekChart
      id={id}
      title="progress.chart.strongest"
      explain="progress.explain.strongest"
      weeks={weeks}
      pick={strongest}
      value={cm}
      unit={t('device.unit.cmH2O')}
      level={level}
    />
  );
}
