import type { BluetoothLike, GattDevice, GattServer } from './gatt';
import type { DeviceProfile } from './profile';

/** One chooser for all supported devices: every profile's filters, every service any profile reads. */
export function requestOptions(profiles: readonly DeviceProfile[]): RequestDeviceOptions {
  const optionalServices = [...new Set(profiles.flatMap((p) => p.optionalServices))];
  return { filters: profiles.flatMap((p) => p.filters), optionalServices };
}

/** After pairing, find which profile the device speaks by the services it exposes. */
export async function identifyProfile(server: GattServer, profiles: readonly DeviceProfile[]): Promise<DeviceProfile | null> {
  for (const profile of profiles) if (await profile.matches(server)) return profile;
  return null;
}

export interface Paired {
  device: GattDevice;
  server: GattServer;
  profile: DeviceProfile;
}

export class UnsupportedDeviceError extends Error {
  constructor(name: string | undefined) {
    super(`${name ?? 'The device'} exposes none of the supported pressure services`);
    this.name = 'UnsupportedDeviceError';
  }
}

/** Opens the browser's chooser (or the simulator's stand-in), connects and identifies the device. */
export async function pairSensor(bluetooth: BluetoothLike, profiles: readonly DeviceProfile[]): Promise<Paired> {
  const device = await bluetooth.requestDevice(requestOptions(profiles));
  if (!device.gatt) throw new UnsupportedDeviceError(device.name);
  const server = await device.gatt.connect();
  const profile = await identifyProfile(server, profiles);
  if (!profile) {
    server.disconnect();
    throw new UnsupportedDeviceError(device.name);
  }
  return { device, server, profile };
}
