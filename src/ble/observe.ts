import { Observable, fromEvent, map, takeUntil, switchMap, from } from 'rxjs';
import type { GattCharacteristic, GattDevice } from './gatt';

/** Emits when the device's GATT link drops. */
export function disconnected$(device: GattDevice): Observable<Event> {
  return fromEvent(device, 'gattserverdisconnected');
}

/**
 * Every value a characteristic notifies, until the device disconnects. The one way the app
 * turns a characteristic into a stream (startNotifications → fromEvent → takeUntil).
 */
export function notifications(characteristic: GattCharacteristic, device: GattDevice): Observable<DataView> {
  return from(characteristic.startNotifications()).pipe(
    switchMap(() => fromEvent(characteristic, 'characteristicvaluechanged')),
    map((event) => (event.target as GattCharacteristic).value as DataView),
    takeUntil(disconnected$(device)),
  );
}
