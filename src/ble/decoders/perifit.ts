import { requireExactLength } from './decodeError';

export interface PerifitReading {
  /** First value: the sensing point at the base of the probe. */
  readonly base: number;
  /** Second value: the sensing point at the tip. */
  readonly tip: number;
}

/**
 * Perifit: 4 bytes, two uint16 pressures, base then tip. Endianness is undocumented; we read
 * little-endian, the Bluetooth convention (community notes: largest value seen about 0x1378).
 */
export function decodePerifit(view: DataView): PerifitReading {
  requireExactLength(view, 4, 'Perifit pressure');
  return { base: view.getUint16(0, true), tip: view.getUint16(2, true) };
}
