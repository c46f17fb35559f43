/**
 * The non-visual cue channels: short tones (Web Audio), spoken words (speechSynthesis) and
 * vibration. Someone lying down cannot watch the screen, so cues must be heard or felt too.
 * Every browser API is looked up when used and guarded: a missing or failing API never throws,
 * that channel just stays silent.
 */
import { languageOf, type Language } from '../i18n/languages';

type Tone = readonly { readonly hz: number; readonly ms: number }[];

interface WindowWithWebkitAudio {
  readonly webkitAudioContext?: typeof AudioContext;
}

function audioContextClass(): typeof AudioContext | null {
  if (typeof window === 'undefined') return null;
  return window.AudioContext ?? (window as WindowWithWebkitAudio).webkitAudioContext ?? null;
}

export interface ChannelSupport {
  readonly sound: boolean;
  readonly speech: boolean;
  readonly vibration: boolean;
}

export function channelSupport(): ChannelSupport {
  return {
    sound: audioContextClass() !== null,
    speech: typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined',
    vibration: typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function',
  };
}

/** Plays short tone sequences. Browsers start audio only after a user gesture: call unlock() from one. */
export class TonePlayer {
  private ctx: AudioContext | null = null;

  unlock(): void {
    try {
      const Ctx = audioContextClass();
      if (!Ctx) return;
      this.ctx ??= new Ctx();
      if (this.ctx.state === 'suspended') void this.ctx.resume().catch(() => undefined);
    } catch {
      this.ctx = null;
    }
  }

  play(tone: Tone): void {
    const ctx = this.ctx;
    if (!ctx) return;
    try {
      let at = ctx.currentTime;
      for (const { hz, ms } of tone) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = hz;
        // Soft attack and decay: no clicks.
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.25, at + 0.015);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + ms / 1000);
        osc.connect(gain).connect(ctx.destination);
        osc.start(at);
        osc.stop(at + ms / 1000 + 0.02);
        at += ms / 1000;
      }
    } catch {
      // A closed or broken audio context: stay silent.
    }
  }
}

/** The parts of a SpeechSynthesisVoice the choice looks at. */
export interface VoiceInfo {
  readonly lang: string;
  readonly localService: boolean;
  readonly default: boolean;
}

/**
 * A voice that speaks `language` on the device itself (nothing said leaves it), the browser's
 * default one first; null when there is none, and the cue is a tone instead.
 */
export function pickVoice<V extends VoiceInfo>(voices: readonly V[], language: Language): V | null {
  const fits = voices.filter((v) => v.localService && languageOf(v.lang) === language);
  return fits.find((v) => v.default) ?? fits[0] ?? null;
}

/** Whether the device can say cues in `language` now (its voices may still be loading). */
export function hasVoiceFor(language: Language): boolean {
  try {
    return channelSupport().speech && pickVoice(window.speechSynthesis.getVoices(), language) !== null;
  } catch {
    return false;
  }
}

/** Calls `changed` when the device's voices arrive or change; returns the unsubscribe. */
export function onVoicesChanged(changed: () => void): () => void {
  if (!channelSupport().speech) return () => undefined;
  window.speechSynthesis.addEventListener('voiceschanged', changed);
  return () => window.speechSynthesis.removeEventListener('voiceschanged', changed);
}

/**
 * Says a short text in `language`, cutting off anything still being said (a cue is only useful
 * on time). Returns false when nothing can say it: no speech, or no voice for that language.
 */
export function speak(text: string, language: Language): boolean {
  try {
    if (!channelSupport().speech) return false;
    const voice = pickVoice(window.speechSynthesis.getVoices(), language);
    if (!voice) return false;
    window.speechSynthesis.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = 1.1;
    window.speechSynthesis.speak(u);
    return true;
  } catch {
    // Speech blocked: stay silent.
    return false;
  }
}

export function vibrate(pattern: readonly number[]): void {
  try {
    if (channelSupport().vibration) navigator.vibrate([...pattern]);
  } catch {
    // Vibration refused (no user activation yet, or a desktop): nothing to do.
  }
}

/** Rising tones to squeeze, falling to relax: told apart without looking or listening to words. */
export const TONES = {
  start: [{ hz: 440, ms: 120 }],
  squeeze: [
    { hz: 660, ms: 110 },
    { hz: 880, ms: 160 },
  ],
  // A short, low double knock: "now", while the squeeze goes on.
  cough: [
    { hz: 330, ms: 90 },
    { hz: 330, ms: 90 },
  ],
  relax: [
    { hz: 660, ms: 110 },
    { hz: 440, ms: 200 },
  ],
  end: [
    { hz: 523, ms: 120 },
    { hz: 659, ms: 120 },
    { hz: 784, ms: 220 },
  ],
} as const satisfies Record<string, Tone>;

/** One long buzz to squeeze, two quick ones to cough, three short to relax. */
export const VIBRATIONS = {
  start: [60],
  squeeze: [300],
  cough: [60, 60, 60],
  relax: [80, 80, 80, 80, 80],
  end: [150, 100, 150],
} as const satisfies Record<string, readonly number[]>;
