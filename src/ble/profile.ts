import type { Observable } from 'rxjs';
import type { MessageKey } from '../i18n/messages';
import type { SampleBatch } from '../pipeline/types';
import type { GattDevice, GattServer } from '../../protocol/gatt';
import type { ProbeMotor } from './motor';

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

/**
 * What a profile's samples mean: cmH2O where the device's units are known, otherwise raw counts
 * that a user calibration (rest level and maximal squeeze) makes usable.
 */
export type PressureUnit = 'cmH2O' | 'counts';

/** Milliseconds since the session began: stream time for devices that send no timestamps. */
export interface SessionClock {
  now(): number;
}

/** An open connection to a sensor, whatever its profile. */
export interface SensorLink {
  readonly profileId: string;
  /** Batches in stream time; completes when the link drops, errors when the device stops answering. */
  readonly samples$: Observable<SampleBatch>;
  /** Bad packets, as they arrive (subscribe before samples$). */
  readonly faults$: Observable<LinkFault>;
  /** Battery percent, or null when the device has no battery service. */
  readBattery(): Promise<number | null>;
  readInfo(): Promise<DeviceInfo>;
  /** Zero the sensor at the current rest level, where the device supports it. */
  tare?(): Promise<void>;
  /** The probe's vibration motor, where it has one whose command is known. */
  readonly motor?: ProbeMotor | undefined;
}

/**
 * One session with one device. Opened again on every reconnect; it keeps what must outlive a
 * connection (the stream-time origin, the device clock, the sequence counter).
 */
export interface SensorDriver {
  /** Sets the sensor up on a connected server (already guarded by timeouts) and starts the stream. */
  open(device: GattDevice, server: GattServer): Promise<SensorLink>;
}

/** How to recognise, pair and talk to one kind of device. */
export interface DeviceProfile {
  readonly id: string;
  /** Shown in the app; `communityDocumented` devices are marked as such. */
  readonly displayName: string;
  /** Protocol known only from public reverse-engineering notes, not from the maker. */
  readonly communityDocumented: boolean;
  readonly unit: PressureUnit;
  /** Something the user should know about this device, shown while it is connected. */
  readonly note?: MessageKey;
  /** Chooser filters: any one matching lists the device. */
  readonly filters: BluetoothLEScanFilter[];
  /** Every service this profile reads (the chooser must grant them). */
  readonly optionalServices: BluetoothServiceUUID[];
  /** The primary service (canonical 128-bit UUID) that identifies the device after pairing. */
  readonly service: string;
  createDriver(clock: SessionClock): SensorDriver;
}
