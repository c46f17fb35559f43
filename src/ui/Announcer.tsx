import { useEffect, useState } from 'react';
import { t } from '../i18n/messages';
import type { RepResult } from '../programs/types';
import { programStore } from '../store/programStore';

function verdict(result: RepResult): string {
  if (result.kind === 'missed') return `${t('results.rep', { n: result.cueIndex + 1 })}: ${t('results.missed')}`;
  if (result.kind === 'cut') return `${t('results.rep', { n: result.cueIndex + 1 })}: ${t('results.cut')}`;
  const rep = result.rep;
  const name = rep.cueIndex !== null ? t('results.rep', { n: rep.cueIndex + 1 }) : t('results.extra');
  return `${name}: ${t('results.score', { score: rep.score })}. ${t(rep.feedback)}`;
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
        if (run.results.length > prev.results.length) setText(verdict(run.results[run.results.length - 1]));
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
