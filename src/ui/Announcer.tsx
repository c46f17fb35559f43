import { useEffect, useState } from 'react';
import { t } from '../i18n/messages';
import { isAssessment } from '../programs/catalog';
import { resultNames } from '../programs/summary';
import type { RepResult } from '../programs/types';
import { programStore } from '../store/programStore';

function verdict(results: readonly RepResult[], assessment: boolean): string {
  const result = results[results.length - 1];
  const name = t(resultNames(results, assessment)[results.length - 1]);
  if (result.kind === 'missed') return `${name}: ${t('results.missed')}`;
  if (result.kind === 'cut') return `${name}: ${t(result.stopped ? 'results.stopped' : 'results.cut')}`;
  return `${name}: ${t('results.score', { score: result.rep.score })}. ${t(result.rep.feedback)}`;
}

/**
 * A polite live region for screen readers: each rep's verdict as it comes, and the end of the
 * set. (The cue has its own status region; this one never speaks over it mid-word.)
 */
export function Announcer() {
  const [text, setText] = useState('');
  useEffect(
    () =>
      programStore.subscribe((run, prev) => {
        if (run.results.length > prev.results.length) setText(verdict(run.results, isAssessment(run.programId)));
        else if (run.summary !== null && prev.summary === null) setText(t(run.summary.completed ? 'announce.setDone' : 'summary.stopped'));
      }),
    [],
  );
  return (
    <div className="visually-hidden" aria-live="polite">
      {text}
    </div>
  );
}
