import type { GattCharacteristic } from '../../protocol/gatt';

/** A vibration motor in the probe, which can carry a cue into the body. */
export interface ProbeMotor {
  /** Runs the motor at `strength` (0–1); 0 stops it. Rejects when the write failed. */
  set(strength: number): Promise<void>;
}

/**
 * A motor driven by writes to one characteristic. Writes go one at a time, in order: a stack
 * refuses a second GATT operation on a characteristic while one is out, and a stop must never
 * overtake the start it ends.
 */
export function characteristicMotor(characteristic: GattCharacteristic, encode: (strength: number) => Uint8Array<ArrayBuffer>): ProbeMotor {
  let queue: Promise<unknown> = Promise.resolve();
  const write = (bytes: Uint8Array<ArrayBuffer>): Promise<void> =>
    characteristic.properties.write || !characteristic.writeValueWithoutResponse
      ? characteristic.writeValueWithResponse(bytes)
      : characteristic.writeValueWithoutResponse(bytes);
  return {
    set(strength) {
      const done = queue.then(() => write(encode(Math.min(1, Math.max(0, strength)))));
      queue = done.catch(() => undefined);
      return done;
    },
  };
}
