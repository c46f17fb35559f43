import { requireLength } from './decodeError';

/** Elvie Trainer: a polled value whose byte 5 holds the pressure (seen about 9–21), counts. */
export function decodeElvie(view: DataView): number {
  requireLength(view, 6, 'Elvie value');
  return view.getUint8(5);
}
