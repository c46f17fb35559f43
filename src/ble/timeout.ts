/**
 * Real Bluetooth stacks sometimes never answer a GATT request (Web Bluetooth spec issue #367):
 * every call the app makes is raced against a timer, so a hang becomes an error it can act on.
 */

/** A GATT operation (read, write, discovery, subscribe). */
export const GATT_TIMEOUT_MS = 5000;
/** Connecting can take several advertising intervals, longer on a busy radio. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Setting a sensor up after connecting: discovery plus a few reads and a subscribe. */
export const OPEN_TIMEOUT_MS = 15_000;

export class GattTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(what: string, ms: number) {
    super(`${what}: no answer from the sensor within ${ms / 1000} s`);
  }
}

/** Settles like `promise`, or rejects with GattTimeoutError after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new GattTimeoutError(what, ms)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
