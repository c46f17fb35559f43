/**
 * Which voice speaks the cues: only one that runs on the device. A network voice (Chrome's
 * "Google …" voices, for one) sends every word to a server, and the words of a pelvic-floor
 * session are nobody else's business. No on-device voice for the language: no speech (the tones
 * and vibration still cue).
 */

/** What this needs of a SpeechSynthesisVoice. */
export type Voice = Pick<SpeechSynthesisVoice, 'lang' | 'localService' | 'default'>;

/** Primary language subtag, lower case; Norwegian "no" is taken as Bokmål "nb". */
function language(tag: string): string {
  const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return primary === 'no' ? 'nb' : primary;
}

const normalise = (tag: string) => tag.toLowerCase().replace(/_/g, '-');

/** The best on-device voice for `lang` (a BCP 47 tag): same region first, then the device's default, then any. */
export function onDeviceVoice<V extends Voice>(voices: readonly V[], lang: string): V | null {
  const local = voices.filter((v) => v.localService && language(v.lang) === language(lang));
  const rank = (v: V) => (normalise(v.lang) === normalise(lang) ? 0 : 2) + (v.default ? 0 : 1);
  return local.reduce<V | null>((best, v) => (best === null || rank(v) < rank(best) ? v : best), null);
}
