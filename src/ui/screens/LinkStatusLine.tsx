import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import { connectionStore } from '../../store/connectionStore';

/** On the training screen, the sensor link is mentioned only when it is not simply connected. */
export function LinkStatusLine() {
  const status = useStore(connectionStore, (s) => s.status);
  const attempt = useStore(connectionStore, (s) => s.reconnectAttempt);
  const attempts = useStore(connectionStore, (s) => s.reconnectAttempts);
  return (
    <p className={`status status-${status} train-link`} role="status" data-testid="link-status">
      {status === 'connected' ? '' : t(`status.${status}`)}
      {status === 'reconnecting' && attempt > 0 && <> ({t('device.reconnectAttempt', { attempt, attempts })})</>}
    </p>
  );
}
