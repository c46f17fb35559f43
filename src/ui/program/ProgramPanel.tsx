import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { connectionStore } from '../../store/connectionStore';
import { profileStore } from '../../store/profileStore';
import { programStore } from '../../store/programStore';
import { useActions } from '../actions';
import type { HistoryStore } from '../../store/historyStore';
import { ContinueOffer } from './ContinueOffer';
import { CueToggles } from './CueToggles';
import { ProgramPicker } from './ProgramPicker';
import { RepResults } from './RepResults';
import { SafetyNotice } from './SafetyNotice';
import { SummaryView } from './SummaryView';
import './program.css';

/** Training: pick a program, follow the cues, see each rep judged, and the summary. */
export function ProgramPanel({ history }: { history: HistoryStore }) {
  const running = useStore(programStore, (s) => s.status === 'running');
  const acknowledged = useStore(profileStore, (s) => s.safetyAcknowledged);
  const { startProgram } = useActions();
  const connected = useStore(connectionStore, (s) => s.status === 'connected');

  return (
    <section className="program-panel" aria-labelledby="program-heading">
      <h2 id="program-heading">{t('program.heading')}</h2>
      {!acknowledged && <SafetyNotice />}
      {acknowledged && <ContinueOffer history={history} />}
      <ProgramPicker disabled={running} />
      <CueToggles />
      <div className="program-actions">
        {!running && (
          <button type="button" className="primary" onClick={startProgram} disabled={!connected || !acknowledged}>
            {t('program.start')}
          </button>
        )}
        {!connected && !running && <p className="hint">{t('program.needSensor')}</p>}
        {connected && !acknowledged && <p className="hint">{t('program.needSafety')}</p>}
      </div>
      <RepResults />
      <SummaryView />
    </section>
  );
}
