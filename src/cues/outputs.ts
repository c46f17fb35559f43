/**
 * Turns the runner's cues into sound, speech and vibration, each on only when its preference is
 * on. The visual cue is the screen's (src/ui/program/CueDisplay.tsx), from programStore.view.
 */
import { t, type MessageKey } from '../i18n/messages';
import type { ProgramCue } from '../programs/types';
import { TONES, TonePlayer, VIBRATIONS, speak, vibrate } from './channels';

/** Which cue channels are on. */
export interface CuePrefs {
  readonly visual: boolean;
  readonly sound: boolean;
  readonly speech: boolean;
  readonly vibration: boolean;
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

export function createCueOutputs(prefs: () => CuePrefs): CueOutputs {
  const tones = new TonePlayer();
  return {
    unlock: () => tones.unlock(),
    play(cue) {
      const p = prefs();
      if (p.sound) tones.play(TONES[cue.kind]);
      if (p.vibration) vibrate(VIBRATIONS[cue.kind]);
      if (p.speech) speak(t(WORDS[cue.kind]));
    },
  };
}
