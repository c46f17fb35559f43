import { useStore } from 'zustand';
import { t, type Message } from '../../i18n/messages';
import { isAssessment } from '../../programs/catalog';
import { resultNames } from '../../programs/summary';
import type { RepResult } from '../../programs/types';
import { programStore } from '../../store/programStore';

function ResultItem({ result, name, assessment }: { result: RepResult; name: Message; assessment: boolean }) {
  if (result.kind === 'cut') {
    return (
      <li className="rep-result rep-cut">
        <span className="rep-name">{t(name)}</span> {t(result.stopped ? 'results.stopped' : 'results.cut')}
      </li>
    );
  }
  if (result.kind === 'missed') {
    return (
      <li className="rep-result rep-missed">
        <span className="rep-name">{t(name)}</span> {t('results.missed')}
      </li>
    );
  }
  const rep = result.rep;
  const faults = rep.faults.length > 0 ? rep.faults.map((f) => t(`fault.${f}`)).join(', ') : t('results.noFaults');
  // A test measures the squeeze: a score against the very maximum it is measuring says nothing.
  const measure = assessment ? (
    <span className="rep-measured">{t('results.measured', { peak: rep.peakCmH2O, seconds: rep.durationMs / 1000 })}</span>
  ) : (
    <span className="rep-score">{t('results.score', { score: rep.score })}</span>
  );
  return (
    <li className={`rep-result ${rep.faults.length > 0 ? 'rep-faulty' : 'rep-clean'}`} data-faults={rep.faults.join(' ')}>
      <span className="rep-name">{t(name)}</span> {measure} <span className="rep-faults">{faults}</span> <span className="rep-feedback">{t(rep.feedback)}</span>
    </li>
  );
}

/**
 * The rep results of a set: one line per squeeze cue (and per extra squeeze), in order. Its
 * heading is one level under the section it sits in (`headingLevel`).
 */
export function RepResultList({ results, assessment, headingLevel = 3 }: { results: readonly RepResult[]; assessment: boolean; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const names = resultNames(results, assessment);
  return (
    <div className="rep-results">
      <Heading id="rep-results-heading">{t('results.heading')}</Heading>
      <ol aria-labelledby="rep-results-heading">
        {results.map((r, i) => (
          <ResultItem key={i} result={r} name={names[i]} assessment={assessment} />
        ))}
      </ol>
    </div>
  );
}

/** One line per rep, newest last, as soon as the rep has ended: on a screen of its own (under its h1). */
export function RepResults() {
  const results = useStore(programStore, (s) => s.results);
  const programId = useStore(programStore, (s) => s.programId);
  if (results.length === 0) return null;
  return <RepResultList results={results} assessment={isAssessment(programId)} headingLevel={2} />;
}
