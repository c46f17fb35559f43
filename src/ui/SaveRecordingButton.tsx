import { useStore } from 'zustand';
import { t } from '../i18n/messages';
import { saveRecording } from '../recording/download';
import { connectionStore } from '../store/connectionStore';
import { sessionStore } from '../store/sessionStore';

/** Saves this session's recording as CSV, also after the sensor is gone (earlier ones: Session history). */
export function SaveRecordingButton() {
  const status = useStore(connectionStore, (s) => s.status);
  const recorder = useStore(sessionStore, (s) => s.session?.recorder ?? null);
  // After a disconnect (status back to idle) the recording is still there to save.
  const current = recorder !== null && status !== 'connecting' && (status !== 'idle' || recorder.length > 0);
  if (!current) return null;
  return (
    <div className="save-recording">
      <p>
        <button type="button" onClick={() => saveRecording(recorder.snapshot(), new Date(recorder.startedAtMs))}>
          {t('recording.save')}
        </button>{' '}
        <span className="hint">{t('recording.saveHint')}</span>
      </p>
    </div>
  );
}
