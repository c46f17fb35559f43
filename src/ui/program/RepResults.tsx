import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import type { RepResult } from '../../programs/types';
import { programStore } from '../../store/programStore';

function ResultItem({ result }: { result: RepResult }) {
  if (result.kind === 'cut') {
    return (
      <li className="rep-result rep-cut">
        <span className="rep-name">{t('results.rep', { n: result.cueIndex + 1 })}</span> {t('results.cut')}
      </li>
    );
  }
  if (result.kind === 'missed') {
    return (
      <li className="rep-result rep-missed">
        <span className="rep-name">{t('results.rep', { n: result.cueIndex + 1 })}</span> {t('results.missed')}
      </li>
    );
  }
  const rep = result.rep;
  const name = rep.role === 'cued' && rep.cueIndex !== null ? t('results.rep', { n: rep.cueIndex + 1 }) : t('results.extra');
  const faults = rep.faults.length > 0 ? rep.faults.map((f) => t(`fault.${f}`)).join(', ') : t('results.noFaults');
  return (
    <li className={`rep-result ${rep.faults.length > 0 ? 'rep-faulty' : 'rep-clean'}`} data-faults={rep.faults.join(' ')}>
      <span className="rep-name">{name}</span> <span className="rep-score">{t('results.score', { score: rep.score })}</span>{' '}
      <span className="rep-faults">{faults}</span> <span className="rep-feedback">{t(rep.feedback)}</span>
    </li>
  );
}

/** One line per rep, newest last, as soon as the rep has ended. */
export function RepResults() {
  const results = useStore(programStore, (s) => s.results);
  if (results.length === 0) return null;
  return (
    <div className="rep-results">
      <h3 id="rep-results-heading">{t('results.heading')}</h3>
      <ol aria-labelledby="rep-results-heading">
        {results.map((r, i) => (
          <ResultItem key={i} result={r} />
        ))}
      </ol>
    </div>
  );
}
