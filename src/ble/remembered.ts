import type { BluetoothLike, GattDevice } from '../../protocol/gatt';
import { GATT_TIMEOUT_MS, withTimeout } from './timeout';

/** How long to wait for a remembered sensor to advertise before giving up, ms. */
export const ADVERTISEMENT_WAIT_MS = 10_000;

/** The remembered sensor is not among the devices the browser still lets this page use. */
export class RememberedSensorGoneError extends Error {
  override readonly name = 'RememberedSensorGoneError';
  constructor() {
    super('The sensor used last time is no longer allowed for this page');
  }
}

/** Whether this browser can give a page back a sensor it paired before, without the chooser. */
export function canRemember(bluetooth: BluetoothLike): boolean {
  return typeof bluetooth.getDevices === 'function';
}

/** The device with this id among those this page was allowed before. */
export async function findRememberedDevice(bluetooth: BluetoothLike, id: string): Promise<GattDevice> {
  const devices = bluetooth.getDevices ? await withTimeout(bluetooth.getDevices(), GATT_TIMEOUT_MS, 'Listing known sensors') : [];
  const device = devices.find((d) => d.id === id);
  if (!device) throw new RememberedSensorGoneError();
  return device;
}

/**
 * Whether the device advertises within `ms`, i.e. is switched on and in range. Browsers connect
 * to a device from getDevices() only once they have seen it since they started; watching its
 * advertisements is how a page lets them see it.
 */
export async function advertisementSeen(device: GattDevice, ms: number = ADVERTISEMENT_WAIT_MS): Promise<boolean> {
  const watch = device.watchAdvertisements?.bind(device);
  if (!watch) return false;
  const abort = new AbortController();
  let onAdvertisement = (): void => undefined;
  const seen = new Promise<boolean>((resolve) => {
    onAdvertisement = () => resolve(true);
    device.addEventListener('advertisementreceived', onAdvertisement);
    setTimeout(() => resolve(false), ms);
  });
  try {
    await watch({ signal: abort.signal });
    return await seen;
  } catch {
    return false;
  } finally {
    device.removeEventListener('advertisementreceived', onAdvertisement);
    abort.abort();
  }
}
