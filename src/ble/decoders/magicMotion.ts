import { requireExactLength } from './decodeError';

/** Magic Motion Kegel Master / Kegel Coach: 2 bytes, big-endian uint16, counts. */
export function decodeMagicMotion(view: DataView): number {
  requireExactLength(view, 2, 'Magic Motion pressure');
  return view.getUint16(0, false);
}
