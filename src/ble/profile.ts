import type { Observable } from 'rxjs';
import type { SampleBatch } from '../pipeline/types';
import type { GattDevice, GattServer } from './gatt';

export interface DeviceInfo {
  manufacturer?: string;
  model?: string;
  serial?: string;
  firmware?: string;
}

/** Something wrong with the data a device sent; counted and shown, never fatal. */
export interface LinkFault {
  readonly kind: 'malformed' | 'out-of-range';
  readonly detail: string;
}

/** An open connection to a sensor, whatever its profile. */
export interface SensorLink {
  readonly profileId: string;
  /** Batches in stream time; completes when the link drops. */
  readonly samples$: Observable<SampleBatch>;
  /** Bad packets, as they arrive. */
  readonly faults$: Observable<LinkFault>;
  /** Battery percent, or null when the device has no battery service. */
  readBattery(): Promise<number | null>;
  readInfo(): Promise<DeviceInfo>;
  /** Zero the sensor at the current rest level, where the device supports it. */
  tare?(): Promise<void>;
}

/** How to recognise, pair and talk to one kind of device. */
export interface DeviceProfile {
  readonly id: string;
  /** Shown in the app; `communityDocumented` devices are marked as such. */
  readonly displayName: string;
  readonly communityDocumented: boolean;
  readonly filters: BluetoothLEScanFilter[];
  readonly optionalServices: BluetoothServiceUUID[];
  /** True when the connected device exposes this profile's service. */
  matches(server: GattServer): Promise<boolean>;
  open(device: GattDevice, server: GattServer): Promise<SensorLink>;
}
