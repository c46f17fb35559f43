import { useStore } from 'zustand';
import type { DeviceInfo } from '../ble/profile';
import { formatNumber, t, type MessageKey } from '../i18n/messages';
import { connectionStore } from '../store/connectionStore';
import { useActions } from './actions';

const INFO_LABELS: ReadonlyArray<[keyof DeviceInfo, MessageKey]> = [
  ['manufacturer', 'device.manufacturer'],
  ['model', 'device.model'],
  ['serial', 'device.serial'],
  ['firmware', 'device.firmware'],
];

/** What the app knows about the connected device: type, trust in its units, battery, rate. */
export function DeviceDetails() {
  const { tare } = useActions();
  const profileName = useStore(connectionStore, (s) => s.profileName);
  const communityDocumented = useStore(connectionStore, (s) => s.communityDocumented);
  const unit = useStore(connectionStore, (s) => s.unit);
  const note = useStore(connectionStore, (s) => s.profileNote);
  const info = useStore(connectionStore, (s) => s.info);
  const rate = useStore(connectionStore, (s) => s.sampleRateHz);
  const canTare = useStore(connectionStore, (s) => s.canTare);
  const status = useStore(connectionStore, (s) => s.status);
  const known = INFO_LABELS.filter(([field]) => info[field] !== undefined);

  return (
    <div className="device-details">
      {profileName && (
        <p className="hint">
          {profileName} · {t('device.unit', { unit: t(`device.unit.${unit}`) })}
          {rate !== null && status === 'connected' && <> · {t('device.rate', { rate: formatNumber(rate, rate < 10 ? 1 : 0) })}</>}
        </p>
      )}
      {communityDocumented && <p className="notice">{t('device.communityDocumented')}</p>}
      {note && <p className="hint">{t(note)}</p>}
      {known.length > 0 && <p className="hint">{known.map(([field, label]) => `${t(label)}: ${info[field]}`).join(' · ')}</p>}
      {canTare && (
        <button type="button" onClick={tare} disabled={status !== 'connected'}>
          {t('device.tare')}
        </button>
      )}
    </div>
  );
}
