import { createSimulatedBluetooth } from '../../firmware-sim/bluetooth';
import { coachOptionsFromSearch, createCoachedUser } from '../../firmware-sim/coach';
import { setCueFollower } from '../programs/controller';
import type { BluetoothLike } from '../../protocol/gatt';

/**
 * The embedded simulated sensor, reached through the same Bluetooth-shaped interface as a real
 * one. `?seed=N` in the page address makes its virtual user repeatable; `?mistakes=1:short_hold`
 * or `?mistakeRate=0.2` makes it get reps wrong.
 */
export function simulatedBluetooth(): BluetoothLike {
  const param = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('seed') : null;
  const seed = param !== null && /^\d+$/.test(param) ? Number(param) : Math.floor(Math.random() * 2 ** 31);
  const user = createCoachedUser(seed, coachOptionsFromSearch(typeof location !== 'undefined' ? location.search : ''));
  // In simulated mode the virtual user follows the running program's cues.
  setCueFollower((cue) => user.onCue(cue));
  return createSimulatedBluetooth(user);
}
