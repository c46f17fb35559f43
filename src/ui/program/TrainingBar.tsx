import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { programStore } from '../../store/programStore';
import { useActions } from '../actions';
import { CueDisplay } from './CueDisplay';

/** While a program runs: the cue, Pause (or Go on) and Stop, right above the live curve. */
export function TrainingBar() {
  const running = useStore(programStore, (s) => s.status === 'running');
  const paused = useStore(programStore, (s) => s.view?.paused ?? null);
  const { stopProgram, pauseProgram, resumeProgram } = useActions();
  if (!running) return null;
  return (
    <div className="training-bar">
      <CueDisplay />
      <div className="program-actions-live">
        {paused === null ? (
          <button type="button" className="program-pause" onClick={pauseProgram}>
            {t('program.pause')}
          </button>
        ) : (
          paused === 'user' && (
            <button type="button" className="primary program-resume" onClick={resumeProgram}>
              {t('program.resume')}
            </button>
          )
        )}
        <button type="button" className="danger program-stop" onClick={stopProgram}>
          {t('program.stop')}
        </button>
      </div>
    </div>
  );
}
