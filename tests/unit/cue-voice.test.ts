import { afterEach, describe, expect, it, vi } from 'vitest';
import { speak } from '../../src/cues/channels.ts';
import { onDeviceVoice, type Voice } from '../../src/cues/voice.ts';

const voice = (lang: string, localService: boolean, isDefault = false, name = `${lang}${localService ? '' : ' (online)'}`) => ({
  name,
  lang,
  localService,
  default: isDefault,
});

/** What Chrome on a desktop lists: on-device voices and Google's network voices, for several languages. */
const VOICES = [
  voice('en-US', false, true, 'Google US English'),
  voice('en-GB', false, false, 'Google UK English Female'),
  voice('sv-SE', false, false, 'Google svenska'),
  voice('en-GB', true, false, 'Daniel'),
  voice('en-US', true, false, 'Samantha'),
  voice('sv-SE', true, false, 'Alva'),
  voice('nb-NO', false, false, 'Google norsk'),
  voice('no-NO', true, false, 'Nora'),
  voice('da-DK', false, false, 'Google dansk'),
];

describe('onDeviceVoice', () => {
  it('never picks a network voice, whatever the language, order or default', () => {
    for (const lang of ['en-US', 'en-GB', 'en', 'sv-SE', 'sv', 'nb-NO', 'da-DK', 'de-DE']) {
      for (const voices of [VOICES, [...VOICES].reverse()]) expect(onDeviceVoice(voices, lang)?.localService ?? true).toBe(true);
    }
  });

  it("picks the language's on-device voice, its region first, and Norwegian 'no' for Bokmål", () => {
    expect(onDeviceVoice(VOICES, 'en-US')?.name).toBe('Samantha');
    expect(onDeviceVoice(VOICES, 'en_GB')?.name).toBe('Daniel');
    expect(onDeviceVoice(VOICES, 'sv-FI')?.name).toBe('Alva');
    expect(onDeviceVoice(VOICES, 'nb-NO')?.name).toBe('Nora');
    expect(onDeviceVoice(VOICES, 'en-AU')?.name).toMatch(/^(Samantha|Daniel)$/);
  });

  it("prefers the device's default voice among equals", () => {
    const voices: Voice[] = [voice('sv-SE', true), voice('sv-SE', true, true, 'default')];
    expect(onDeviceVoice(voices, 'sv-SE')).toBe(voices[1]);
  });

  it('has none when the language has only network voices, or no voices at all', () => {
    expect(onDeviceVoice(VOICES, 'da-DK')).toBeNull();
    expect(onDeviceVoice([], 'en-US')).toBeNull();
  });
});

describe('speak', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A browser with `voices`, its page in `lang`; returns what was said, and with which voice. */
  function browser(voices: readonly Voice[], lang: string): { said: { text: string; voice: Voice | null; lang: string }[] } {
    const said: { text: string; voice: Voice | null; lang: string }[] = [];
    class Utterance {
      voice: Voice | null = null;
      lang = '';
      rate = 1;
      constructor(readonly text: string) {}
    }
    const speechSynthesis = {
      getVoices: () => voices,
      cancel: () => undefined,
      speak: (u: Utterance) => said.push({ text: u.text, voice: u.voice, lang: u.lang }),
    };
    vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
    vi.stubGlobal('window', { speechSynthesis });
    vi.stubGlobal('document', { documentElement: { lang } });
    return { said };
  }

  it('speaks with an on-device voice in the page language', () => {
    const { said } = browser(VOICES, 'sv');
    speak('Knip');
    expect(said).toEqual([{ text: 'Knip', voice: VOICES[5], lang: 'sv-SE' }]);
  });

  it('stays silent rather than send the words to a network voice', () => {
    const { said } = browser(VOICES, 'da');
    speak('Knib');
    expect(said).toEqual([]);
  });
});
