import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { asksForHolds, isAssessment } from '../../programs/catalog';
import { anyJudged, blockLines, focusAdvice, scaleNote, summaryHeadline } from '../../programs/summary';
import { FAULT_CODES, type BlockSummary, type MvcValue, type ProgramId, type SessionSummary } from '../../programs/types';
import { programStore } from '../../store/programStore';

function Block({ title, s, mvc, assessment, holds }: { title: string; s: BlockSummary; mvc: MvcValue | null; assessment: boolean; holds: boolean }) {
  const faultList = FAULT_CODES.filter((f) => s.faults[f] > 0).map((f) => `${t(`fault.${f}`)} × ${s.faults[f]}`);
  const judged = anyJudged(s);
  return (
    <div className="summary-block">
      <h3>{title}</h3>
      <ul>
        {blockLines(s, mvc, assessment, holds).map((line) => (
          <li key={line.key}>{t(line)}</li>
        ))}
        {judged && <li>{faultList.length > 0 ? t('summary.faults', { list: faultList.join(', ') }) : t('summary.noFaults')}</li>}
        {judged && <li className="summary-focus">{t(focusAdvice(s, mvc?.cmH2O ?? null))}</li>}
      </ul>
    </div>
  );
}

/** What the summary leaves out for a program: scores in an assessment, hold lines in a drill of timing (the Knack). */
function summaryKind(programId: ProgramId | null): { assessment: boolean; holds: boolean } {
  return { assessment: isAssessment(programId), holds: asksForHolds(programId) };
}

/** A finished session's own summary (from the history): the whole session and what to work on next time. */
export function SessionSummaryBlock({ summary }: { summary: SessionSummary }) {
  return <Block title={t('summary.session')} s={summary.session} mvc={summary.mvc} {...summaryKind(summary.programId)} />;
}

/** Sets as they finish, then the whole session and what to work on next time. */
export function SummaryView() {
  const sets = useStore(programStore, (s) => s.setSummaries);
  const summary = useStore(programStore, (s) => s.summary);
  const liveMvc = useStore(programStore, (s) => s.view?.mvc ?? null);
  const programId = useStore(programStore, (s) => s.programId);
  if (sets.length === 0 && summary === null) return null;
  const mvc = summary?.mvc ?? liveMvc;
  const { assessment, holds } = summaryKind(programId);
  const blocks = summary?.sets ?? sets;
  const note = summary && scaleNote(summary);
  const block = (title: string, s: BlockSummary, key: number | string) => (
    <Block key={key} title={title} s={s} mvc={mvc} assessment={assessment} holds={holds} />
  );
  return (
    <section className="program-summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t('summary.heading')}</h2>
      {summary &&
        summaryHeadline(summary).map((line) => (
          <p key={line.key} className="summary-headline">
            {t(line)}
          </p>
        ))}
      {note && <p className="hint">{t(note)}</p>}
      {blocks.length > 1 && blocks.map((s, i) => block(t('summary.set', { n: i + 1 }), s, i))}
      {summary && block(t('summary.session'), summary.session, 'session')}
      {!summary && blocks.length === 1 && block(t('summary.set', { n: 1 }), blocks[0], 0)}
    </section>
  );
}
