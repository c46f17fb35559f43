/**
 * A stand-in for `navigator.bluetooth` that offers one simulated reference perineometer and
 * applies Chrome's rules where app code can trip over them: option validation (TypeError),
 * filter matching (NotFoundError when nothing matches) and service access (SecurityError for a
 * service that was in neither a filter nor optionalServices).
 */
import type { BluetoothLike } from '../protocol/gatt';
import { SimulatedPerineometer, type SimDeviceOptions } from './device';
import { resolveServiceUuid } from './gatt-names';
import type { SampleSource } from './packet-stream';

export interface SimulatedBluetooth extends BluetoothLike {
  /** The one device in range, for test hooks (dropPackets, simulateDisconnect, ...). */
  readonly device: SimulatedPerineometer;
  /** false = adapter off: getAvailability() resolves false and requestDevice rejects. */
  available: boolean;
  /** What the simulated user does when the chooser lists the device. */
  chooser: 'select' | 'cancel';
}

/** RequestDeviceOptions with both variants' members optional, so one reader sees all of them. */
interface RequestOptionsView {
  readonly filters?: readonly BluetoothLEScanFilter[];
  readonly acceptAllDevices?: boolean;
  readonly optionalServices?: readonly BluetoothServiceUUID[];
}

const notFound = (message: string): DOMException => new DOMException(message, 'NotFoundError');

/** Checks a filter as Chrome does and returns its canonical service UUIDs. */
function canonicalFilterServices(filter: BluetoothLEScanFilter): string[] {
  const { services, name, namePrefix, manufacturerData, serviceData } = filter;
  if (services === undefined && name === undefined && namePrefix === undefined && manufacturerData === undefined && serviceData === undefined) {
    throw new TypeError('A filter must restrict the devices in some way.');
  }
  if (services !== undefined && services.length === 0) {
    throw new TypeError("'services', if present, must contain at least one service.");
  }
  if (namePrefix !== undefined && namePrefix.length === 0) {
    throw new TypeError("'namePrefix', if present, must be non-empty.");
  }
  if (manufacturerData !== undefined && manufacturerData.length === 0) {
    throw new TypeError("'manufacturerData', if present, must be non-empty.");
  }
  return (services ?? []).map(resolveServiceUuid);
}

/** All present members of a filter must match; the device advertises no manufacturer or service data. */
function filterMatches(filter: BluetoothLEScanFilter, services: readonly string[], device: SimulatedPerineometer): boolean {
  return (
    services.every((uuid) => device.advertisedServices.includes(uuid)) &&
    (filter.name === undefined || filter.name === device.name) &&
    (filter.namePrefix === undefined || device.name.startsWith(filter.namePrefix)) &&
    filter.manufacturerData === undefined &&
    filter.serviceData === undefined
  );
}

/** Resolves to the granted services if the device is offered, null if no filter matches it. */
function offer(options: RequestOptionsView, device: SimulatedPerineometer): string[] | null {
  const { filters, acceptAllDevices = false } = options;
  const hasFilters = filters !== undefined;
  if (hasFilters === acceptAllDevices) {
    throw new TypeError("Either 'filters' should be present or 'acceptAllDevices' should be true, but not both.");
  }
  const optional = (options.optionalServices ?? []).map(resolveServiceUuid);
  if (filters === undefined) return optional;
  if (filters.length === 0) throw new TypeError("'filters' member must be non-empty to find any devices.");
  const perFilter = filters.map(canonicalFilterServices);
  const matched = filters.some((f, i) => filterMatches(f, perFilter[i], device));
  // Chrome grants the services of every filter, not only of the one that matched.
  return matched ? [...perFilter.flat(), ...optional] : null;
}

export function createSimulatedBluetooth(source: SampleSource, opts: SimDeviceOptions = {}): SimulatedBluetooth {
  const device = new SimulatedPerineometer(source, { ...opts, allowAllServices: false });
  // Closures over `sim`, not `this`: app code may pass the methods around unbound.
  const sim: SimulatedBluetooth = {
    device,
    available: true,
    chooser: 'select',
    getAvailability: async () => sim.available,
    requestDevice: async (options) => {
      if (!sim.available) throw notFound('Bluetooth adapter not available.');
      const granted = offer(options, device);
      if (granted === null) throw notFound(`No devices found: "${device.name}" matches none of the requestDevice() filters.`);
      if (sim.chooser === 'cancel') throw notFound('User cancelled the requestDevice() chooser.');
      device.grantServices(granted);
      return device;
    },
  };
  return sim;
}
