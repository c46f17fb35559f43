import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { stopProgram } from '../../programs/controller';
import { programStore } from '../../store/programStore';
import { CueDisplay } from './CueDisplay';

/** While a program runs: the cue and a Stop button, right above the live curve. */
export function TrainingBar() {
  const running = useStore(programStore, (s) => s.status === 'running');
  if (!running) return null;
  return (
    <div className="training-bar">
      <CueDisplay />
      <button type="button" className="danger program-stop" onClick={stopProgram}>
        {t('program.stop')}
      </button>
    </div>
  );
}
