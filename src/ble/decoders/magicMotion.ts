import { requireExactLength } from './decodeError';

/** Magic Motion Kegel Master / Kegel Coach: 2 bytes, big-endian uint16, counts. */
export function decodeMagicMotion(view: DataView): number {
  requireExactLength(view, 2, 'Magic Motion pressure');
  return view.getUint16(0, false);
}

/**
 * The Magic Motion vibration command (public device-protocol notes): `04 08 VV 64 00`, VV the
 * strength 0x00–0x64; VV = 0 stops the motor. `strength` is 0–1.
 */
export function encodeMagicMotionVibration(strength: number): Uint8Array<ArrayBuffer> {
  const vv = Math.round(Math.min(1, Math.max(0, Number.isFinite(strength) ? strength : 0)) * 0x64);
  return Uint8Array.of(0x04, 0x08, vv, 0x64, 0x00);
}
