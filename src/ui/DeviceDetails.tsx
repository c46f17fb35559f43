import { useStore } from 'zustand';
import type { DeviceInfo } from '../ble/profile';
import { formatNumber, t, type MessageKey } from '../i18n/messages';
import { connectionStore } from '../store/connectionStore';
import { profileStore, setCuePref } from '../store/profileStore';
import { useActions } from './actions';

const INFO_LABELS: ReadonlyArray<[keyof DeviceInfo, MessageKey]> = [
  ['manufacturer', 'device.manufacturer'],
  ['model', 'device.model'],
  ['serial', 'device.serial'],
  ['firmware', 'device.firmware'],
];

/** What the app knows about the connected device: type, trust in its units, battery, rate. */
export function DeviceDetails() {
  const { tare, testVibration, forgetSensor } = useActions();
  const profileName = useStore(connectionStore, (s) => s.profileName);
  const communityDocumented = useStore(connectionStore, (s) => s.communityDocumented);
  const unit = useStore(connectionStore, (s) => s.unit);
  const note = useStore(connectionStore, (s) => s.profileNote);
  const info = useStore(connectionStore, (s) => s.info);
  const rate = useStore(connectionStore, (s) => s.sampleRateHz);
  const canTare = useStore(connectionStore, (s) => s.canTare);
  const status = useStore(connectionStore, (s) => s.status);
  const canVibrate = useStore(connectionStore, (s) => s.canVibrate);
  const simulated = useStore(connectionStore, (s) => s.simulated);
  const probeCues = useStore(profileStore, (s) => s.prefs.probeVibration);
  const known = INFO_LABELS.filter(([field]) => info[field] !== undefined);

  return (
    <div className="device-details">
      {profileName && (
        <p className="hint">
          {profileName} · {t('device.unit', { unit: t(`device.unit.${unit}`) })}
          {rate !== null && status === 'connected' && <> · {t('device.rate', { rate: formatNumber(rate, rate < 10 ? 1 : 0) })}</>}
        </p>
      )}
      {communityDocumented && <p className="notice">{t(unit === 'cmH2O' ? 'device.communityDocumentedCmH2O' : 'device.communityDocumented')}</p>}
      {note && <p className="hint">{t(note)}</p>}
      {known.length > 0 && <p className="hint">{known.map(([field, label]) => `${t(label)}: ${info[field]}`).join(' · ')}</p>}
      {canVibrate && (
        <label className="device-toggle">
          <input type="checkbox" checked={probeCues} onChange={(e) => setCuePref('probeVibration', e.target.checked)} />
          {t('device.vibrateWithCues')}
        </label>
      )}
      <div className="device-actions">
        {canTare && (
          <button type="button" onClick={tare} disabled={status !== 'connected'}>
            {t('device.tare')}
          </button>
        )}
        {canVibrate && (
          <button type="button" onClick={testVibration} disabled={status !== 'connected'}>
            {t('device.testVibration')}
          </button>
        )}
        {!simulated && (
          <button type="button" onClick={forgetSensor}>
            {t('device.forget')}
          </button>
        )}
      </div>
    </div>
  );
}
