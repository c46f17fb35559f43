import { requireExactLength } from './decodeError';

export interface PerifitReading {
  /** First value: the sensing point at the base of the probe. */
  readonly base: number;
  /** Second value: the sensing point at the tip. */
  readonly tip: number;
}

/**
 * Perifit: 4 bytes, two uint16 pressures, base then tip, big-endian as the public device-protocol
 * notes read them (largest value seen about 0x1378, expected maximum probably 0x1400). Counts:
 * the units are not documented.
 */
export function decodePerifit(view: DataView): PerifitReading {
  requireExactLength(view, 4, 'Perifit pressure');
  return { base: view.getUint16(0, false), tip: view.getUint16(2, false) };
}
