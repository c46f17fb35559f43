import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { formatDate, t, type Message } from '../../i18n/messages';
import type { PerfectPoint, WeekPoint } from '../../progress/progress';
import type { HistoryStore } from '../../store/historyStore';
import { loadProgress, progressStore } from '../../store/progressStore';
import { showScreen } from '../../store/screenStore';
import { ScreenHeading } from '../screens/ScreenHeading';
import { AdherenceCalendar } from './AdherenceCalendar';
import { StaticChart, type ChartSeries } from './StaticChart';
import { StrongestChart, WeekChart } from './WeekChart';
import './progress.css';

const endurance = (w: WeekPoint) => w.enduranceS;
const score = (w: WeekPoint) => w.averageScore;
const kept = (w: WeekPoint) => w.strengthKeptPct;
const seconds = (value: number): Message => ({ key: 'progress.v.seconds', params: { value } });
const points = (value: number): Message => ({ key: 'progress.v.score', params: { value } });
const pct = (value: number): Message => ({ key: 'progress.v.pct', params: { value } });

/** P, E, R and F of each PERFECT assessment, one line each (told apart by dash as well as colour). */
function PerfectChart({ perfect }: { perfect: readonly PerfectPoint[] }) {
  const x = useMemo(() => perfect.map((_, i) => i + 1), [perfect]);
  const series = useMemo(
    (): ChartSeries[] => [
      { label: t('progress.legend.p'), values: perfect.map((p) => p.profile.powerCmH2O), colour: '--accent' },
      { label: t('progress.legend.e'), values: perfect.map((p) => p.profile.enduranceS), colour: '--good', dash: true },
      { label: t('progress.legend.r'), values: perfect.map((p) => p.profile.repetitions), colour: '--warn', dash: true },
      { label: t('progress.legend.f'), values: perfect.map((p) => p.profile.fast), colour: '--ink', pointsOnly: true },
    ],
    [perfect],
  );
  const text = perfect
    .map((p) =>
      t('progress.perfectPoint', {
        date: formatDate(p.atMs, 'date'),
        power: p.profile.powerCmH2O === null ? '–' : Math.round(p.profile.powerCmH2O),
        e: p.profile.enduranceS,
        r: p.profile.repetitions,
        f: p.profile.fast,
      }),
    )
    .join('; ');
  return (
    <figure className="progress-chart">
      <h2 id="progress-perfect-title">{t('progress.chart.perfect')}</h2>
      <StaticChart label={t('progress.chart.perfect')} describedBy="progress-perfect-text" x={x} series={series} xLabel="" yLabel="" integerX />
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.label}>
            <span className={`swatch${s.dash ? ' swatch-dash' : ''}${s.pointsOnly ? ' swatch-dot' : ''}`} style={{ color: `var(${s.colour})` }} />
            {s.label}
          </li>
        ))}
      </ul>
      <figcaption id="progress-perfect-text">
        <span className="hint">{t('progress.explain.perfect')}</span> {text}.
      </figcaption>
    </figure>
  );
}

/** How training has gone over the weeks: one sentence, the charts, the calendar, and the report. */
export default function ProgressScreen({ history }: { history: HistoryStore }) {
  const progress = useStore(progressStore, (s) => s.progress);
  useEffect(() => {
    void loadProgress(history);
  }, [history]);
  return (
    <main className="screen screen-progress" aria-labelledby="progress-heading">
      <section className="progress" aria-labelledby="progress-heading">
        <ScreenHeading id="progress-heading">{t('progress.heading')}</ScreenHeading>
        {progress === null ? (
          <p role="status">{t('progress.loading')}</p>
        ) : (
          <>
            <p className="progress-summary">{t(progress.summary)}</p>
            <div className="program-actions">
              <button type="button" onClick={() => showScreen('report')}>
                {t('progress.report')}
              </button>
            </div>
            {progress.weeks.length > 0 && (
              <>
                <StrongestChart id="progress-strongest" weeks={progress.weeks} />
                <WeekChart
                  id="progress-endurance"
                  title="progress.chart.endurance"
                  explain="progress.explain.endurance"
                  weeks={progress.weeks}
                  pick={endurance}
                  value={seconds}
                  unit="s"
                />
                <WeekChart
                  id="progress-score"
                  title="progress.chart.score"
                  explain="progress.explain.score"
                  weeks={progress.weeks}
                  pick={score}
                  value={points}
                  unit=""
                />
                <WeekChart
                  id="progress-kept"
                  title="progress.chart.kept"
                  explain="progress.explain.kept"
                  weeks={progress.weeks}
                  pick={kept}
                  value={pct}
                  unit="%"
                />
              </>
            )}
            {progress.perfect.length > 0 && <PerfectChart perfect={progress.perfect} />}
            <AdherenceCalendar id="progress-calendar" days={progress.adherence} />
          </>
        )}
      </section>
    </main>
  );
}
