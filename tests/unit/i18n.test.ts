import { describe, expect, it } from 'vitest';
import { setLocale, t } from '../../src/i18n/messages';

describe('message catalog', () => {
  it('fills placeholders', () => {
    expect(t('device.battery', { percent: 87 })).toBe('Battery 87 %');
  });

  it('falls back to English for a language it does not have yet', () => {
    setLocale('nb-NO');
    expect(t('connect.sim')).toBe('Use simulated sensor');
    setLocale('en');
  });

  it('formats number params: {name:N} as toFixed(N) did, {name} in full, no digit grouping', () => {
    const band = (x: number) => t('feedback.fault.incomplete_relaxation', { band: x });
    expect(band(4)).toBe('Let go completely between squeezes: the pressure stayed more than 4 cmH2O above rest.');
    for (const x of [0.4, 2.5, 3.49, 4.5, 17.2, 1250.5]) expect(band(x)).toContain(`more than ${x.toFixed(0)} cmH2O`);
    expect(t('device.badPackets', { count: 12_345 })).toBe('12345 damaged packets ignored');
    expect(t('device.battery', { percent: 87.5 })).toBe('Battery 87.5 %');
  });

  it('translates a message descriptor, with messages nested as params', () => {
    expect(t({ key: 'feedback.great' })).toBe('Well done: a clean squeeze.');
    expect(t({ key: 'summary.focus', params: { text: { key: 'feedback.fault.incomplete_relaxation', params: { band: 6 } } } })).toBe(
      'Next time: Let go completely between squeezes: the pressure stayed more than 6 cmH2O above rest.',
    );
  });
});
