import { DecodeError, requireLength, requireRange } from './decodeError';

/** Documented range of both pressure fields (units undocumented: counts). */
export const KGOAL_MAX = 2000;

export interface KGoalReading {
  /** Bytes 3–4: the device's own calibrated/normalized value, 0 until the raw value passes its calibration point. */
  readonly normalized: number;
  /** Bytes 5–6: the uncalibrated sensor reading. */
  readonly raw: number;
}

/**
 * kGoal Boost (≥ 7 bytes) and the older 19-byte kGoal: header `00 01 04`, then two big-endian
 * uint16 values. Trailing bytes are ignored.
 */
export function decodeKGoal(view: DataView): KGoalReading {
  requireLength(view, 7, 'kGoal pressure');
  const header = [view.getUint8(0), view.getUint8(1), view.getUint8(2)];
  if (header[0] !== 0x00 || header[1] !== 0x01 || header[2] !== 0x04) {
    const shown = header.map((b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DecodeError('malformed', `kGoal pressure: header ${shown} is not 00 01 04`);
  }
  const normalized = view.getUint16(3, false);
  const raw = view.getUint16(5, false);
  requireRange(normalized, 0, KGOAL_MAX, 'kGoal normalized pressure');
  requireRange(raw, 0, KGOAL_MAX, 'kGoal raw pressure');
  return { normalized, raw };
}
