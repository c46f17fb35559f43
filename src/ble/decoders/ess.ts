import { requireExactLength, requireRange } from './decodeError';

/** Pascal per cmH2O (conventional, 4 °C water). */
export const PA_PER_CMH2O = 98.0665;

/**
 * Plausible absolute pressure in an air-filled probe: from high altitude (30 kPa) to ambient plus
 * a squeeze far above any human (200 kPa). Anything else is a sensor fault, not a reading.
 */
export const ESS_MIN_PA = 30_000;
export const ESS_MAX_PA = 200_000;

/**
 * Environmental Sensing Pressure (0x2A6D): uint32 little-endian, unit 0.1 Pa, absolute.
 * Returns cmH2O (absolute: the pipeline subtracts the rest level).
 */
export function decodeEssPressure(view: DataView): number {
  requireExactLength(view, 4, 'Pressure (0x2A6D)');
  const pa = view.getUint32(0, true) / 10;
  requireRange(pa, ESS_MIN_PA, ESS_MAX_PA, 'Pressure (Pa)');
  return pa / PA_PER_CMH2O;
}
