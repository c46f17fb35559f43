import { useStore } from 'zustand';
import { formatNumber, t } from '../../i18n/messages';
import type { RepResult } from '../../programs/types';
import { programStore } from '../../store/programStore';

/** One bar per squeeze cue: its peak (0 for a missed or cut one) and how long it was held. */
export function repBars(results: readonly RepResult[]): { peak: number; holdS: number; faulty: boolean; label: number }[] {
  return results.flatMap((r) => {
    if (r.kind !== 'rep') return [{ peak: r.kind === 'cut' ? (r.rep?.peakCmH2O ?? 0) : 0, holdS: 0, faulty: true, label: r.cueIndex + 1 }];
    if (r.rep.role !== 'cued' || r.rep.cueIndex === null) return [];
    return [{ peak: r.rep.peakCmH2O, holdS: r.rep.durationMs / 1000, faulty: r.rep.faults.length > 0, label: r.rep.cueIndex + 1 }];
  });
}

const W = 320;
const H = 120;
const LABEL = 16;

/** The set at a glance: each squeeze's peak as a bar, its hold under it, the MVC as a line. */
export function RepChart() {
  const results = useStore(programStore, (s) => s.results);
  const mvc = useStore(programStore, (s) => s.summary?.mvc ?? null);
  const bars = repBars(results);
  if (bars.length === 0) return null;
  const top = Math.max(mvc?.cmH2O ?? 0, ...bars.map((b) => b.peak), 1) * 1.1;
  const slot = W / bars.length;
  const y = (v: number) => H - (v / top) * H;
  const best = Math.max(...bars.map((b) => b.peak));
  return (
    <figure className="rep-chart">
      <svg viewBox={`0 0 ${W} ${H + 2 * LABEL}`} role="img" aria-label={t('repChart.label', { count: bars.length, best: Math.round(best) })}>
        {bars.map((b, i) => (
          <g key={i}>
            <rect
              x={i * slot + slot * 0.2}
              y={y(b.peak)}
              width={slot * 0.6}
              height={H - y(b.peak)}
              className={b.faulty ? 'rep-bar rep-bar-faulty' : 'rep-bar'}
            />
            <text x={i * slot + slot / 2} y={H + LABEL - 3} textAnchor="middle" className="rep-bar-label">
              {b.label}
            </text>
            <text x={i * slot + slot / 2} y={H + 2 * LABEL - 3} textAnchor="middle" className="rep-bar-hold">
              {b.holdS > 0 ? `${formatNumber(b.holdS, 1)} s` : '–'}
            </text>
          </g>
        ))}
        {mvc?.source === 'test' && <line x1={0} x2={W} y1={y(mvc.cmH2O)} y2={y(mvc.cmH2O)} className="rep-chart-mvc" />}
      </svg>
      <figcaption className="hint">{t(mvc?.source === 'test' ? 'repChart.captionMvc' : 'repChart.caption')}</figcaption>
    </figure>
  );
}
