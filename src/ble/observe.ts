import { Observable, exhaustMap, filter, fromEvent, map, retry, startWith, takeUntil, timer } from 'rxjs';
import type { GattCharacteristic, GattDevice } from '../../protocol/gatt';
import { withTimeout } from './timeout';

/** Emits when the device's GATT link drops. */
export function disconnected$(device: GattDevice): Observable<Event> {
  return fromEvent(device, 'gattserverdisconnected');
}

/**
 * Subscribes (writes the CCCD), then gives every value the characteristic notifies, until the
 * device disconnects. The subscribe is awaited here so that a refusal fails the setup, not the
 * stream; notifications are tasks, so none can arrive before the caller subscribes.
 */
export async function notifications(characteristic: GattCharacteristic, device: GattDevice): Promise<Observable<DataView>> {
  await characteristic.startNotifications();
  return fromEvent(characteristic, 'characteristicvaluechanged').pipe(
    map(() => characteristic.value),
    filter((value): value is DataView => value instanceof DataView),
    takeUntil(disconnected$(device)),
  );
}

export interface PollOptions {
  /** Time between the starts of two reads (50 ms = 20 Hz). */
  readonly periodMs: number;
  /** A read that takes longer is abandoned and counts as a failure. */
  readonly timeoutMs: number;
  /** This many failed reads in a row end the stream with the last error (the link is dead). */
  readonly maxFailures: number;
}

const DEFAULT_POLL: PollOptions = { periodMs: 50, timeoutMs: 1000, maxFailures: 3 };

/**
 * Reads a read-only characteristic at a steady rate, until the device disconnects. The first
 * read is awaited here, so a characteristic that refuses reads fails the setup. Reads never
 * overlap: a tick that comes while a read is still out is skipped (exhaustMap), so a slow
 * device is read as fast as it answers and no faster.
 */
export async function polledValues(characteristic: GattCharacteristic, device: GattDevice, options: PollOptions = DEFAULT_POLL): Promise<Observable<DataView>> {
  const read = () => withTimeout(characteristic.readValue(), options.timeoutMs, `Reading ${characteristic.uuid}`);
  const first = await read();
  return timer(options.periodMs, options.periodMs).pipe(
    exhaustMap(read),
    // A failed read restarts the schedule; a success resets the count of failures in a row.
    retry({ count: options.maxFailures - 1, resetOnSuccess: true }),
    startWith(first),
    takeUntil(disconnected$(device)),
  );
}
