/**
 * The narrow slice of Web Bluetooth the app uses. The browser's real objects satisfy these
 * interfaces structurally, and so does the simulated sensor in `firmware-sim/`, so the app
 * cannot tell them apart. Types only: it lives here, not in src/, so the simulated device
 * depends on nothing of the app.
 */

export interface GattCharacteristic extends EventTarget {
  readonly uuid: string;
  readonly value?: DataView | null;
  readonly properties: {
    readonly read: boolean;
    readonly write: boolean;
    readonly writeWithoutResponse: boolean;
    readonly notify: boolean;
    readonly indicate: boolean;
  };
  readValue(): Promise<DataView>;
  writeValueWithResponse(value: BufferSource): Promise<void>;
  /** For characteristics that only take writes without response (some motors). */
  writeValueWithoutResponse?(value: BufferSource): Promise<void>;
  startNotifications(): Promise<GattCharacteristic>;
  stopNotifications(): Promise<GattCharacteristic>;
}

export interface GattService {
  readonly uuid: string;
  getCharacteristic(characteristic: BluetoothCharacteristicUUID): Promise<GattCharacteristic>;
}

export interface GattServer {
  readonly connected: boolean;
  connect(): Promise<GattServer>;
  disconnect(): void;
  getPrimaryService(service: BluetoothServiceUUID): Promise<GattService>;
  getPrimaryServices(service?: BluetoothServiceUUID): Promise<GattService[]>;
}

/** Fires `gattserverdisconnected` when the link drops. */
export interface GattDevice extends EventTarget {
  readonly id: string;
  readonly name?: string | undefined;
  readonly gatt?: GattServer | undefined;
  /** Revokes the page's permission for this device (Chrome; absent elsewhere). */
  forget?(): Promise<void>;
  /** Fires `advertisementreceived` while the device advertises in range (Chrome, behind a flag on some platforms). */
  watchAdvertisements?(options?: { signal?: AbortSignal }): Promise<void>;
}

/** `navigator.bluetooth`, or the simulated sensor's stand-in for it. */
export interface BluetoothLike {
  getAvailability(): Promise<boolean>;
  requestDevice(options: RequestDeviceOptions): Promise<GattDevice>;
  /** Devices this page was allowed to use before, without a chooser (Chrome; absent elsewhere). */
  getDevices?(): Promise<GattDevice[]>;
}
