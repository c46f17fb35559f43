import { useStore } from 'zustand';
import { t } from '../i18n/messages';
import { saveRecording } from '../recording/download';
import { sensorSession } from '../session/sensorSession';
import { connectionStore } from '../store/connectionStore';
import { recordingStore } from '../store/recordingStore';

const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Saves everything measured as CSV: this session (also after the sensor is gone) and earlier ones. */
export function SaveRecordingButton() {
  const status = useStore(connectionStore, (s) => s.status);
  const earlier = useStore(recordingStore, (s) => s.earlier);
  const recorder = sensorSession.recorder;
  // After a disconnect (status back to idle) the recording is still there to save.
  const current = status !== 'connecting' && (status !== 'idle' || recorder.length > 0);
  if (!current && earlier.length === 0) return null;
  return (
    <div className="save-recording">
      {current && (
        <p>
          <button type="button" onClick={() => saveRecording(recorder.snapshot(), new Date(recorder.startedAtMs))}>
            {t('recording.save')}
          </button>{' '}
          <span className="hint">{t('recording.saveHint')}</span>
        </p>
      )}
      {earlier.length > 0 && (
        <ul className="earlier-recordings" aria-label={t('recording.earlier')}>
          {earlier.map(({ startedAtMs, recording }) => (
            <li key={startedAtMs}>
              <button type="button" onClick={() => saveRecording(recording, new Date(startedAtMs))}>
                {t('recording.saveEarlier', { time: clock(startedAtMs) })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
