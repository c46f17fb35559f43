/**
 * Turns the runner's cues into sound, speech and vibration, each on only when its preference is
 * on. The visual cue is the screen's (src/ui/program/CueDisplay.tsx), from programStore.view.
 */
import type { Language } from '../i18n/languages';
import { t, type MessageKey } from '../i18n/messages';
import type { ProgramCue } from '../programs/types';
import { TONES, TonePlayer, VIBRATIONS, speak, vibrate } from './channels';

/** Which cue channels are on. */
export interface CuePrefs {
  readonly visual: boolean;
  readonly sound: boolean;
  readonly speech: boolean;
  /** The phone vibrates (navigator.vibrate). */
  readonly vibration: boolean;
  /** The probe vibrates, where it has a motor the app can drive. */
  readonly probeVibration: boolean;
}

const WORDS: { readonly [K in ProgramCue['kind']]: MessageKey } = {
  start: 'cue.getReady',
  squeeze: 'cue.squeeze',
  cough: 'cue.cough',
  relax: 'cue.relax',
  end: 'cue.finished',
};

export interface CueOutputs {
  /** Call from a user gesture (the Start button): browsers start audio only then. */
  unlock(): void;
  play(cue: ProgramCue): void;
}

/** Spoken words in `language` when the device has a voice for it; without one, the tones say it. */
export function createCueOutputs(prefs: () => CuePrefs, language: () => Language): CueOutputs {
  const tones = new TonePlayer();
  return {
    unlock: () => tones.unlock(),
    play(cue) {
      const p = prefs();
      const spoken = p.speech && speak(t(WORDS[cue.kind]), language());
      if (p.sound || (p.speech && !spoken)) tones.play(TONES[cue.kind]);
      if (p.vibration) vibrate(VIBRATIONS[cue.kind]);
    },
  };
}
