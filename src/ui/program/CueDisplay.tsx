import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { isAssessment } from '../../programs/catalog';
import type { RunnerView } from '../../programs/runner';
import { profileStore } from '../../store/profileStore';
import { programStore } from '../../store/programStore';

const WORD = { leadIn: 'cue.getReady', squeeze: 'cue.squeeze', cough: 'cue.cough', relax: 'cue.relax', done: 'cue.finished' } as const;

/**
 * Where you are: training counts reps (and sets); an assessment names its part (PERFECT) and
 * counts the squeezes within it, since its plan is one long "set" of different squeezes.
 */
function progress(view: RunnerView, assessment: boolean): string {
  if (!assessment) {
    const rep = t('cue.progress', { rep: view.repInSet + 1, reps: view.repsInSet });
    return view.sets > 1 ? `${rep} · ${t('cue.setProgress', { set: view.set + 1, sets: view.sets })}` : rep;
  }
  const counted = { rep: view.repInPhase + 1, reps: view.repsInPhase };
  if (view.phase === 'main') return t('cue.squeezeProgress', counted);
  const phase = t(`phase.${view.phase}`);
  return view.repsInPhase > 1 ? t('cue.phaseSqueezeProgress', { phase, ...counted }) : phase;
}

/** The big cue: what to do now and the seconds left, readable from across the room. */
export function CueDisplay() {
  const view = useStore(programStore, (s) => s.view);
  const visual = useStore(profileStore, (s) => s.prefs.visual);
  const programId = useStore(programStore, (s) => s.programId);
  if (!visual || view === null) return null;
  const assessment = isAssessment(programId);
  const phaseHow = assessment && view.phase !== 'main' && view.step >= 0 && view.paused === null && view.segment !== 'done';
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
      {view.step >= 0 && <p className="cue-progress">{progress(view, assessment)}</p>}
      {phaseHow && <p className="cue-note">{t(`phase.${view.phase}.how`)}</p>}
    </div>
  );
}
