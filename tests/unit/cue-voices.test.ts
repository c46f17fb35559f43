import { afterEach, describe, expect, it, vi } from 'vitest';
import { pickVoice, type VoiceInfo } from '../../src/cues/channels';
import { createCueOutputs, type CuePrefs } from '../../src/cues/outputs';
import { applyLanguage, type Language } from '../../src/i18n/languages';
import type { ProgramCue } from '../../src/programs/types';

const voice = (lang: string, localService = true, isDefault = false): VoiceInfo & { name: string } => ({
  name: `${lang}${localService ? '' : ' (online)'}${isDefault ? ' default' : ''}`,
  lang,
  localService,
  default: isDefault,
});

describe('the voice for spoken cues', () => {
  const voices = [voice('en-US', true, true), voice('sv-SE'), voice('nb-NO', false), voice('no-NO'), voice('da-DK', false), voice('en-GB')];

  it('is an on-device voice of the chosen language (Norwegian voices tagged no or nb alike)', async () => {
    expect(pickVoice(voices, 'sv')?.name).toBe('sv-SE');
    expect(pickVoice(voices, 'nb')?.name).toBe('no-NO');
    expect(pickVoice(voices, 'en')?.name).toBe('en-US default');
  });

  it('is none when the device has only an online voice, or none, for the language', async () => {
    expect(pickVoice(voices, 'da')).toBeNull();
    expect(pickVoice([], 'nb')).toBeNull();
  });
});

/** A browser with Web Audio and speech, recording what is played and said. */
function fakeBrowser(voices: readonly VoiceInfo[]) {
  const said: { text: string; lang: string }[] = [];
  let tones = 0;
  class FakeAudioContext {
    state = 'running';
    currentTime = 0;
    destination = {};
    createOscillator() {
      tones++;
      return { frequency: { value: 0 }, connect: (n: unknown) => n, start() {}, stop() {} };
    }
    createGain() {
      return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (n: unknown) => n };
    }
  }
  class FakeUtterance {
    lang = '';
    voice: VoiceInfo | null = null;
    rate = 1;
    constructor(readonly text: string) {}
  }
  vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
  vi.stubGlobal('window', {
    AudioContext: FakeAudioContext,
    speechSynthesis: {
      getVoices: () => voices,
      cancel() {},
      speak: (u: FakeUtterance) => said.push({ text: u.text, lang: u.lang }),
    },
  });
  return { said, tones: () => tones };
}

afterEach(() => vi.unstubAllGlobals());

const RELAX: ProgramCue = { kind: 'relax', tMs: 0, step: 0, restMs: 5000 };

describe('spoken cues', () => {
  const speechOnly: CuePrefs = { visual: true, sound: false, speech: true, vibration: false, probeVibration: false };

  it.each([
    ['nb', 'Slipp', 'nb-NO'],
    ['sv', 'Släpp', 'sv-SE'],
    ['da', 'Slip', 'da-DK'],
    ['en', 'Relax', 'en-US'],
  ] as const)('say the cue in %s with a voice for it, and play no tone', async (language: Language, word, lang) => {
    await applyLanguage(language);
    const browser = fakeBrowser([voice('en-US'), voice('nb-NO'), voice('sv-SE'), voice('da-DK')]);
    const cues = createCueOutputs(
      () => speechOnly,
      () => language,
    );
    cues.unlock();
    cues.play(RELAX);
    expect(browser.said).toEqual([{ text: word, lang }]);
    expect(browser.tones()).toBe(0);
    await applyLanguage('en');
  });

  it('fall back to a tone when the device has no voice for the language', async () => {
    const browser = fakeBrowser([voice('en-US')]);
    const cues = createCueOutputs(
      () => speechOnly,
      () => 'da',
    );
    cues.unlock();
    cues.play(RELAX);
    expect(browser.said).toEqual([]);
    expect(browser.tones()).toBeGreaterThan(0);
  });
});
