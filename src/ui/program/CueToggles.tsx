import { useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { channelSupport, hasVoiceFor, onVoicesChanged } from '../../cues/channels';
import { t, type MessageKey } from '../../i18n/messages';
import type { CuePrefs } from '../../cues/outputs';
import { languageStore } from '../../store/languageStore';
import { profileStore, setCuePref } from '../../store/profileStore';

const CHANNELS: readonly { readonly key: keyof CuePrefs; readonly label: MessageKey }[] = [
  { key: 'visual', label: 'cues.visual' },
  { key: 'sound', label: 'cues.sound' },
  { key: 'speech', label: 'cues.speech' },
  { key: 'vibration', label: 'cues.vibration' },
  { key: 'probeVibration', label: 'cues.probeVibration' },
];

/** Each cue channel on or off; one the browser lacks is shown as unavailable, speech without a voice too. */
export function CueToggles() {
  const prefs = useStore(profileStore, (s) => s.prefs);
  const support = channelSupport();
  const language = useStore(languageStore, (s) => s.language);
  // Voices load after the page: read again when they arrive.
  const voice = useSyncExternalStore(onVoicesChanged, () => hasVoiceFor(language));
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
      {support.speech && prefs.speech && !voice && <p className="hint">{t('cues.noVoice')}</p>}
    </fieldset>
  );
}
