import { createSimulatedBluetooth } from '../../firmware-sim/bluetooth';
import { coachOptionsFromSearch, createCoachedUser } from '../../firmware-sim/coach';
import type { BluetoothLike } from '../../protocol/gatt';
import type { ProgramCue } from '../programs/types';

export interface SimulatedSensor {
  readonly bluetooth: BluetoothLike;
  /** The virtual user hears the program's cues and squeezes when told. */
  readonly follow: (cue: ProgramCue) => void;
  /** Switches it off for good (a sensor in a worker ends its worker). */
  readonly dispose?: () => void;
}

/**
 * The embedded simulated sensor, reached through the same Bluetooth-shaped interface as a real
 * one. In the page address: `seed=N` makes its virtual user repeatable; `mistakes=1:short_hold`
 * or `mistakeRate=0.2` makes it get reps wrong; `linkDrop=AT_S:FOR_S` takes the sensor out of
 * range at AT_S seconds for FOR_S seconds (to see what a dropped link does to a set).
 */
export function simulatedSensor(search: string, randomSeed = () => Math.floor(Math.random() * 2 ** 31)): SimulatedSensor {
  const params = new URLSearchParams(search);
  const seedParam = params.get('seed');
  const seed = seedParam !== null && /^\d+$/.test(seedParam) ? Number(seedParam) : randomSeed();
  const user = createCoachedUser(seed, coachOptionsFromSearch(search));
  const bluetooth = createSimulatedBluetooth(user);
  const drop = parseLinkDrop(params.get('linkDrop'));
  if (drop) bluetooth.device.scheduleOutage(drop.atMs, drop.forMs);
  return { bluetooth, follow: (cue) => user.onCue(cue) };
}

/** `AT_S:FOR_S` in seconds, both positive; anything else: no drop. */
export function parseLinkDrop(value: string | null): { atMs: number; forMs: number } | null {
  const m = value === null ? null : /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(value);
  if (!m) return null;
  const atMs = Number(m[1]) * 1000;
  const forMs = Number(m[2]) * 1000;
  return forMs > 0 ? { atMs, forMs } : null;
}
