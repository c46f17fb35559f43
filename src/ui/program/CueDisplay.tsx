import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { profileStore } from '../../store/profileStore';
import { programStore } from '../../store/programStore';

const WORD = { leadIn: 'cue.getReady', squeeze: 'cue.squeeze', relax: 'cue.relax', done: 'cue.finished' } as const;

/** The big cue: what to do now and the seconds left, readable from across the room. */
export function CueDisplay() {
  const view = useStore(programStore, (s) => s.view);
  const visual = useStore(profileStore, (s) => s.prefs.visual);
  if (!visual || view === null) return null;
  return (
    <div className={`cue-display cue-${view.paused !== null ? 'paused' : view.segment}`} data-testid="cue">
      {/* Only the word is announced: a spoken countdown every second would drown it. */}
      <p className="cue-word" role="status" aria-label={t('cue.label')}>
        {view.paused !== null ? t('cue.paused') : t(WORD[view.segment])}
      </p>
      {view.paused === 'sensorLost' && <p className="cue-note">{t('cue.pausedSensorLost')}</p>}
      {view.segment !== 'done' && (
        <p className="cue-seconds" aria-hidden="true">
          {t('cue.secondsLeft', { seconds: view.secondsLeft })}
        </p>
      )}
      {view.step >= 0 && (
        <p className="cue-progress">
          {t('cue.progress', { rep: view.repInSet + 1, reps: view.repsInSet })}
          {view.sets > 1 && ` · ${t('cue.setProgress', { set: view.set + 1, sets: view.sets })}`}
        </p>
      )}
    </div>
  );
}
