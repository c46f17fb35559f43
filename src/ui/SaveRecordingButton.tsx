import { useStore } from 'zustand';
import { t } from '../i18n/messages';
import { saveRecording } from '../recording/download';
import { sensorSession } from '../session/sensorSession';
import { connectionStore } from '../store/connectionStore';

/** Saves everything measured so far as CSV; still there after the sensor is gone. */
export function SaveRecordingButton() {
  const status = useStore(connectionStore, (s) => s.status);
  // After a disconnect (status back to idle) the recording is still there to save.
  if (status === 'connecting' || (status === 'idle' && sensorSession.recorder.length === 0)) return null;
  return (
    <p className="save-recording">
      <button type="button" onClick={() => saveRecording(sensorSession.recorder)}>
        {t('recording.save')}
      </button>{' '}
      <span className="hint">{t('recording.saveHint')}</span>
    </p>
  );
}
