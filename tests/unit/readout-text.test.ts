import { describe, expect, it } from 'vitest';
import { readoutValue } from '../../src/ui/readoutText';

describe('the pressure readout', () => {
  it('shows 0.0 within the resting band, above or below rest', () => {
    for (const rest of [0, 12.3, 87.6]) {
      for (const d of [-1.5, -0.04, 0, 0.04, 1.2, 1.5]) expect(readoutValue(rest + d, rest, 1.5)).toBe('0.0');
    }
  });

  it('shows the pressure above rest, one decimal, outside the band', () => {
    expect(readoutValue(32.26, 12, 1.5)).toBe('20.3');
    expect(readoutValue(10, 12, 1.5)).toBe('-2.0');
  });

  it('never shows -0.0, with or without a resting level', () => {
    for (let x = -0.049; x < 0; x += 0.007) {
      expect(readoutValue(x, null, 1.5)).toBe('0.0');
      expect(readoutValue(x, 0, 0)).toBe('0.0');
    }
  });

  it('shows the absolute pressure before the resting level is known', () => {
    expect(readoutValue(0.4, null, 1.5)).toBe('0.4');
    expect(readoutValue(45.55, null, 1.5)).toBe('45.5');
  });
});
