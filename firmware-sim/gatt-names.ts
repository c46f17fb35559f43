/** UUID names, as Chrome's BluetoothUUID resolves them (the subset a pressure app may use). */

const SERVICE_NAMES: Readonly<Record<string, number>> = {
  generic_access: 0x1800,
  generic_attribute: 0x1801,
  immediate_alert: 0x1802,
  link_loss: 0x1803,
  tx_power: 0x1804,
  current_time: 0x1805,
  device_information: 0x180a,
  heart_rate: 0x180d,
  battery_service: 0x180f,
  blood_pressure: 0x1810,
  human_interface_device: 0x1812,
  environmental_sensing: 0x181a,
  user_data: 0x181c,
  weight_scale: 0x181d,
  fitness_machine: 0x1826,
};

const CHARACTERISTIC_NAMES: Readonly<Record<string, number>> = {
  'gap.device_name': 0x2a00,
  'gap.appearance': 0x2a01,
  battery_level: 0x2a19,
  system_id: 0x2a23,
  model_number_string: 0x2a24,
  serial_number_string: 0x2a25,
  firmware_revision_string: 0x2a26,
  hardware_revision_string: 0x2a27,
  software_revision_string: 0x2a28,
  manufacturer_name_string: 0x2a29,
  heart_rate_measurement: 0x2a37,
  pnp_id: 0x2a50,
  pressure: 0x2a6d,
  temperature: 0x2a6e,
  humidity: 0x2a6f,
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function resolveUuid(value: number | string, names: Readonly<Record<string, number>>, kind: string): string {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) {
    return `${value.toString(16).padStart(8, '0')}-0000-1000-8000-00805f9b34fb`;
  }
  if (typeof value === 'string' && UUID_RE.test(value)) return value;
  if (typeof value === 'string' && Object.hasOwn(names, value)) return resolveUuid(names[value], names, kind);
  throw new TypeError(
    `Invalid ${kind} name: '${String(value)}'. It must be a valid UUID alias (e.g. 0x1234), UUID (lowercase hex ` +
      `characters e.g. '00001234-0000-1000-8000-00805f9b34fb'), or a standard name known to the simulator.`,
  );
}

/** Canonical lowercase 128-bit UUID, or TypeError, as BluetoothUUID.getService does. */
export function resolveServiceUuid(value: BluetoothServiceUUID): string {
  return resolveUuid(value, SERVICE_NAMES, 'Service');
}

export function resolveCharacteristicUuid(value: BluetoothCharacteristicUUID): string {
  return resolveUuid(value, CHARACTERISTIC_NAMES, 'Characteristic');
}
