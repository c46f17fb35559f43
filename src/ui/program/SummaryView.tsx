import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { focusAdvice } from '../../programs/summary';
import { FAULT_CODES, type BlockSummary, type SessionSummary } from '../../programs/types';
import { programStore } from '../../store/programStore';

function Block({ title, s, mvcCmH2O }: { title: string; s: BlockSummary; mvcCmH2O: number | null }) {
  const faultList = FAULT_CODES.filter((f) => s.faults[f] > 0).map((f) => `${t(`fault.${f}`)} × ${s.faults[f]}`);
  return (
    <div className="summary-block">
      <h4>{title}</h4>
      <ul>
        <li>{t('summary.reps', { done: s.repsDone, missed: s.missed })}</li>
        {s.averageScore !== null && <li>{t('summary.avgScore', { score: s.averageScore.toFixed(0) })}</li>}
        {s.bestPeakPctMvc !== null && s.averagePeakPctMvc !== null ? (
          <li>{t('summary.peakPct', { best: s.bestPeakPctMvc.toFixed(0), avg: s.averagePeakPctMvc.toFixed(0) })}</li>
        ) : (
          s.bestPeakCmH2O !== null && <li>{t('summary.peakCm', { best: s.bestPeakCmH2O.toFixed(1) })}</li>
        )}
        <li>{t('summary.hold', { seconds: (s.totalHoldMs / 1000).toFixed(0) })}</li>
        {s.fatigue !== null && <li>{t('summary.fatigue', { pct: (100 * s.fatigue).toFixed(0) })}</li>}
        <li>{faultList.length > 0 ? t('summary.faults', { list: faultList.join(', ') }) : t('summary.noFaults')}</li>
        <li className="summary-focus">{t(focusAdvice(s, mvcCmH2O))}</li>
      </ul>
    </div>
  );
}

function Headline({ summary }: { summary: SessionSummary }) {
  if (summary.programId === 'mvc') {
    return (
      <p className="summary-headline">
        {summary.measuredMvcCmH2O !== null ? t('summary.mvcResult', { value: summary.measuredMvcCmH2O.toFixed(0) }) : t('summary.mvcNone')}
      </p>
    );
  }
  const p = summary.perfect;
  if (p !== null) {
    return (
      <p className="summary-headline">
        {t('summary.perfect', { power: p.powerCmH2O === null ? '–' : p.powerCmH2O.toFixed(0), e: p.enduranceS, r: p.repetitions, f: p.fast })}
      </p>
    );
  }
  if (summary.mvc === null) return null;
  return <p className="hint">{t(summary.mvc.source === 'test' ? 'summary.mvc.test' : 'summary.mvc.estimate', { value: summary.mvc.cmH2O.toFixed(0) })}</p>;
}

/** Sets as they finish, then the whole session and what to work on next time. */
export function SummaryView() {
  const sets = useStore(programStore, (s) => s.setSummaries);
  const summary = useStore(programStore, (s) => s.summary);
  if (sets.length === 0 && summary === null) return null;
  const mvc = summary?.mvc?.cmH2O ?? null;
  const blocks = summary?.sets ?? sets;
  return (
    <section className="program-summary" aria-labelledby="summary-heading">
      <h3 id="summary-heading">{t('summary.heading')}</h3>
      {summary && !summary.completed && <p className="hint">{t('summary.stopped')}</p>}
      {summary && <Headline summary={summary} />}
      {blocks.length > 1 && blocks.map((s, i) => <Block key={i} title={t('summary.set', { n: i + 1 })} s={s} mvcCmH2O={mvc} />)}
      {summary && <Block title={t('summary.session')} s={summary.session} mvcCmH2O={mvc} />}
      {!summary && blocks.length === 1 && <Block title={t('summary.set', { n: 1 })} s={blocks[0]} mvcCmH2O={mvc} />}
    </section>
  );
}
