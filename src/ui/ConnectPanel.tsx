import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { t } from '../i18n/messages';
import { connectionStore } from '../store/connectionStore';
import { programStore } from '../store/programStore';
import { useActions } from './actions';
import { DeviceDetails } from './DeviceDetails';

/** The two ways in (a real sensor, the simulated one) and the state of the link. */
export function ConnectPanel({ bluetoothAvailable }: { bluetoothAvailable: boolean }) {
  const { connectSensor, connectSimulated, disconnect } = useActions();
  const training = useStore(programStore, (s) => s.status === 'running');
  const status = useStore(connectionStore, (s) => s.status);
  const deviceName = useStore(connectionStore, (s) => s.deviceName);
  const simulated = useStore(connectionStore, (s) => s.simulated);
  const battery = useStore(connectionStore, (s) => s.battery);
  const error = useStore(connectionStore, (s) => s.error);
  const malformed = useStore(connectionStore, (s) => s.malformedPackets);
  const lost = useStore(connectionStore, (s) => s.lostSamples);
  const rejected = useStore(connectionStore, (s) => s.rejectedSamples);
  const timeJumps = useStore(connectionStore, (s) => s.timeJumps);
  const dropouts = useStore(connectionStore, (s) => s.dropouts);
  const attempt = useStore(connectionStore, (s) => s.reconnectAttempt);
  const attempts = useStore(connectionStore, (s) => s.reconnectAttempts);
  const busy = status === 'connecting' || status === 'reconnecting';
  const linked = status === 'connected' || status === 'reconnecting';
  const name = simulated ? t('device.simulated') : (deviceName ?? '');
  const statusRef = useRef<HTMLParagraphElement>(null);
  const wasLinked = useRef(linked);
  useEffect(() => {
    if (wasLinked.current === linked) return;
    wasLinked.current = linked;
    // The button that had the focus is gone (Connect became Disconnect, or back): the focus goes
    // to the link's status, which says what happened, not to the top of the page.
    const focused = document.activeElement;
    if (focused === null || focused === document.body) statusRef.current?.focus();
  }, [linked]);

  return (
    <section className="connect-panel" aria-label={t('connect.heading')}>
      <p className={`status status-${status}`} role="status" data-testid="link-status" ref={statusRef} tabIndex={-1}>
        {status === 'connected' ? t('status.connected', { name }) : t(`status.${status}`)}
        {status === 'reconnecting' && attempt > 0 && <> ({t('device.reconnectAttempt', { attempt, attempts })})</>}
        {battery !== null && linked && <span className="battery"> · {t('device.battery', { percent: battery })}</span>}
      </p>
      <div className="connect-buttons">
        {linked ? (
          <button type="button" onClick={disconnect}>
            {t('connect.disconnect')}
          </button>
        ) : (
          <>
            <button type="button" onClick={connectSensor} disabled={!bluetoothAvailable || busy}>
              {t('connect.real')}
            </button>
            <button type="button" className="primary" onClick={connectSimulated} disabled={busy}>
              {t('connect.sim')}
            </button>
          </>
        )}
      </div>
      {!bluetoothAvailable && !linked && <p className="notice">{t('connect.noBluetooth')}</p>}
      {error && (
        <p className="error" role="alert">
          {t(error.key, { detail: error.detail })}
        </p>
      )}
      {(linked || status === 'disconnected') && (
        <details className="device-disclosure">
          <summary>{t('device.heading')}</summary>
          <DeviceDetails />
          {(malformed > 0 || lost > 0 || rejected > 0 || timeJumps > 0 || dropouts > 0) && (
            <p className="link-quality">
              {[
                malformed > 0 && t('device.badPackets', { count: malformed }),
                lost > 0 && t('device.lostSamples', { count: lost }),
                rejected > 0 && t('device.rejectedSamples', { count: rejected }),
                timeJumps > 0 && t('device.timeJumps', { count: timeJumps }),
                dropouts > 0 && t('device.dropouts', { count: dropouts }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          )}
        </details>
      )}
      {simulated && linked && <p className="hint">{t(training ? 'connect.simNoteTraining' : 'connect.simNote')}</p>}
    </section>
  );
}
