import { useStore } from 'zustand';
import { channelSupport } from '../../cues/channels';
import { t, type MessageKey } from '../../i18n/messages';
import type { CuePrefs } from '../../cues/outputs';
import { profileStore, setCuePref } from '../../store/profileStore';

const CHANNELS: readonly { readonly key: keyof CuePrefs; readonly label: MessageKey }[] = [
  { key: 'visual', label: 'cues.visual' },
  { key: 'sound', label: 'cues.sound' },
  { key: 'speech', label: 'cues.speech' },
  { key: 'vibration', label: 'cues.vibration' },
  { key: 'probeVibration', label: 'cues.probeVibration' },
];

/** Each cue channel on or off; one the browser lacks is shown as unavailable. */
export function CueToggles() {
  const prefs = useStore(profileStore, (s) => s.prefs);
  const support = channelSupport();
  return (
    <fieldset className="cue-toggles">
      <legend>{t('cues.heading')}</legend>
      {CHANNELS.map(({ key, label }) => {
        // The probe's motor is the trainer's, not the browser's: it works wherever Bluetooth does.
        const available = key === 'visual' || key === 'probeVibration' || support[key];
        return (
          <label key={key}>
            <input type="checkbox" checked={prefs[key] && available} disabled={!available} onChange={(e) => setCuePref(key, e.target.checked)} />
            {available ? t(label) : t('cues.unavailable', { name: t(label) })}
          </label>
        );
      })}
    </fieldset>
  );
}
