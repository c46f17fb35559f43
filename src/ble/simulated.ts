import { createSimulatedBluetooth } from '../../firmware-sim/bluetooth';
import { createDemoUser } from '../../firmware-sim/model';
import type { BluetoothLike } from './gatt';

/**
 * The embedded simulated sensor, reached through the same Bluetooth-shaped interface as a real
 * one. `?seed=N` in the page address makes its virtual user repeatable.
 */
export function simulatedBluetooth(): BluetoothLike {
  const param = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('seed') : null;
  const seed = param !== null && /^\d+$/.test(param) ? Number(param) : Math.floor(Math.random() * 2 ** 31);
  return createSimulatedBluetooth(createDemoUser(seed));
}
