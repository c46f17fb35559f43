import type { GattServer } from './gatt';
import type { DeviceInfo } from './profile';

/** Bluetooth SIG services every profile may use (shared/reference/devices.md). */
export const BATTERY_SERVICE = 'battery_service';
export const BATTERY_LEVEL = 'battery_level';
export const DEVICE_INFORMATION = 'device_information';

const INFO_FIELDS: ReadonlyArray<[keyof DeviceInfo, string]> = [
  ['manufacturer', 'manufacturer_name_string'],
  ['model', 'model_number_string'],
  ['serial', 'serial_number_string'],
  ['firmware', 'firmware_revision_string'],
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

/** Whatever Device Information strings the device offers; missing ones are left out. */
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
      info[field] = decoder.decode(value).replace(/\0+$/, '');
    } catch {
      // Optional characteristic: absent on many devices.
    }
  }
  return info;
}

/** True when the server has the given primary service. */
export async function hasService(server: GattServer, uuid: BluetoothServiceUUID): Promise<boolean> {
  try {
    await server.getPrimaryService(uuid);
    return true;
  } catch {
    return false;
  }
}
