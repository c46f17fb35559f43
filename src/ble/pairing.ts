import { UnsupportedDeviceError } from './errors';
import type { BluetoothLike, GattDevice, GattServer } from '../../protocol/gatt';
import { guardServer } from './guard';
import type { DeviceProfile } from './profile';
import { advertisementSeen, findRememberedDevice } from './remembered';
import { CONNECT_TIMEOUT_MS, withTimeout } from './timeout';

/** One chooser for all supported devices: every profile's filters, every service any profile reads. */
export function requestOptions(profiles: readonly DeviceProfile[]): { filters: BluetoothLEScanFilter[]; optionalServices: BluetoothServiceUUID[] } {
  const optionalServices = [...new Set(profiles.flatMap((p) => p.optionalServices))];
  return { filters: profiles.flatMap((p) => p.filters), optionalServices };
}

/** The first profile whose identifying service the device exposes. */
export function identifyProfile(services: ReadonlySet<string>, profiles: readonly DeviceProfile[]): DeviceProfile | null {
  return profiles.find((p) => services.has(p.service)) ?? null;
}

export interface Paired {
  device: GattDevice;
  /** Connected, with every GATT call guarded by a timeout. */
  server: GattServer;
  profile: DeviceProfile;
}

/**
 * Opens the browser's chooser (or the simulator's stand-in), connects and identifies the device
 * from one listing of its services. On failure the link is closed again.
 */
export async function pairSensor(bluetooth: BluetoothLike, profiles: readonly DeviceProfile[]): Promise<Paired> {
  return connectAndIdentify(await bluetooth.requestDevice(requestOptions(profiles)), profiles);
}

/**
 * The sensor paired before (by its id), without the chooser: a direct connect, and if that fails,
 * once more after it has been seen advertising (switched on, in range). Throws when the browser no
 * longer lets the page use it or it cannot be reached; the caller falls back to the chooser.
 */
export async function reconnectRemembered(bluetooth: BluetoothLike, id: string, profiles: readonly DeviceProfile[]): Promise<Paired> {
  const device = await findRememberedDevice(bluetooth, id);
  try {
    return await connectAndIdentify(device, profiles);
  } catch (error) {
    if (error instanceof UnsupportedDeviceError || !(await advertisementSeen(device))) throw error;
    return connectAndIdentify(device, profiles);
  }
}

async function connectAndIdentify(device: GattDevice, profiles: readonly DeviceProfile[]): Promise<Paired> {
  const gatt = device.gatt;
  if (!gatt) throw new UnsupportedDeviceError(device.name);
  try {
    const server = guardServer(await withTimeout(gatt.connect(), CONNECT_TIMEOUT_MS, 'Connecting to the sensor'));
    const services = await server.getPrimaryServices().catch((error: unknown) => {
      if (error instanceof Error && error.name === 'NotFoundError') return [];
      throw error;
    });
    const profile = identifyProfile(new Set(services.map((s) => s.uuid)), profiles);
    if (!profile) throw new UnsupportedDeviceError(device.name);
    return { device, server, profile };
  } catch (error) {
    // Also aborts a connect that is still pending after a timeout.
    gatt.disconnect();
    throw error;
  }
}
