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
});
