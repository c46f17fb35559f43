import { uuid16 } from '../../protocol/reference';
import type { GattServer } from '../../protocol/gatt';
import type { DeviceInfo } from './profile';

/** Bluetooth SIG services and characteristics (shared/reference/devices.md), canonical form. */
export const BATTERY_SERVICE = uuid16(0x180f);
export const BATTERY_LEVEL = uuid16(0x2a19);
export const DEVICE_INFORMATION = uuid16(0x180a);
export const ENVIRONMENTAL_SENSING = uuid16(0x181a);
export const PRESSURE = uuid16(0x2a6d);

/** The standard services any profile may read. */
export const STANDARD_SERVICES = [BATTERY_SERVICE, DEVICE_INFORMATION];

const INFO_FIELDS: ReadonlyArray<[keyof DeviceInfo, string]> = [
  ['manufacturer', uuid16(0x2a29)],
  ['model', uuid16(0x2a24)],
  ['serial', uuid16(0x2a25)],
  ['firmware', uuid16(0x2a26)],
];

/** Battery percent, or null when the device has no battery service or refuses the read. */
export async function readBattery(server: GattServer): Promise<number | null> {
  try {
    const service = await server.getPrimaryService(BATTERY_SERVICE);
    const level = await (await service.getCharacteristic(BATTERY_LEVEL)).readValue();
    return level.byteLength >= 1 ? Math.min(100, level.getUint8(0)) : null;
  } catch {
    return null;
  }
}

/** Whatever Device Information strings the device offers; missing or blocked ones are left out. */
export async function readDeviceInfo(server: GattServer): Promise<DeviceInfo> {
  const info: DeviceInfo = {};
  let service;
  try {
    service = await server.getPrimaryService(DEVICE_INFORMATION);
  } catch {
    return info;
  }
  const decoder = new TextDecoder();
  for (const [field, uuid] of INFO_FIELDS) {
    try {
      const value = await (await service.getCharacteristic(uuid)).readValue();
      const text = decoder.decode(value).replace(/\0+$/, '').trim();
      if (text) info[field] = text;
    } catch {
      // Optional characteristic: absent on many devices; Chrome also blocks reading the serial number.
    }
  }
  return info;
}
