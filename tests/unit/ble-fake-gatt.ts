/**
 * A scriptable GATT peripheral for unit tests of the Bluetooth layer: any services and
 * characteristics, reads answered by a function (which may hang), notifications on demand,
 * a connect that can succeed, fail or hang, and link drops. Objects go stale on disconnect,
 * as in Chrome.
 */
import type { BluetoothLike, GattCharacteristic, GattDevice, GattServer, GattService } from '../../protocol/gatt';

export interface FakeCharacteristicSpec {
  readonly uuid: string;
  readonly notify?: boolean;
  /** Answers a read; return a never-settling promise to simulate a hung stack. */
  readonly read?: () => Uint8Array | Promise<Uint8Array>;
  readonly write?: (bytes: Uint8Array) => void;
}

const networkError = () => new DOMException('GATT Server is disconnected.', 'NetworkError');
const never = <T>() => new Promise<T>(() => undefined);

class FakeCharacteristic extends EventTarget implements GattCharacteristic {
  value: DataView | null = null;
  notifying = false;
  readonly properties;
  constructor(
    readonly spec: FakeCharacteristicSpec,
    private readonly alive: () => boolean,
  ) {
    super();
    this.properties = { read: !!spec.read, write: !!spec.write, writeWithoutResponse: false, notify: !!spec.notify, indicate: false };
  }
  get uuid(): string {
    return this.spec.uuid;
  }
  async readValue(): Promise<DataView> {
    if (!this.alive()) throw networkError();
    if (!this.spec.read) throw new DOMException('read not permitted', 'NotSupportedError');
    const bytes = await this.spec.read();
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  async writeValueWithResponse(value: BufferSource): Promise<void> {
    if (!this.alive()) throw networkError();
    if (!this.spec.write) throw new DOMException('write not permitted', 'NotSupportedError');
    this.spec.write(new Uint8Array(ArrayBuffer.isView(value) ? value.buffer : value).slice());
  }
  async startNotifications(): Promise<GattCharacteristic> {
    if (!this.alive()) throw networkError();
    if (!this.spec.notify) throw new DOMException('notify not supported', 'NotSupportedError');
    this.notifying = true;
    return this;
  }
  async stopNotifications(): Promise<GattCharacteristic> {
    this.notifying = false;
    return this;
  }
  deliver(bytes: Uint8Array): void {
    this.value = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.dispatchEvent(new Event('characteristicvaluechanged'));
  }
}

export class FakePeripheral extends EventTarget implements GattDevice {
  readonly id = 'fake-1';
  readonly gatt: GattServer;
  /** What the next gatt.connect() does. */
  connectMode: 'ok' | 'fail' | 'hang' = 'ok';
  connectCalls = 0;
  /** Every service the app asked for, to check it was granted in the chooser. */
  readonly requestedServices = new Set<string>();
  /** Set by forget(): the page gave up its permission for the device. */
  forgotten = false;
  /** Whether the device advertises (switched on and in range) when the page watches for it. */
  advertising = true;
  /** What happens to connectMode once an advertisement was seen (the browser now knows the device is there). */
  connectModeAfterAdvertising: 'ok' | 'fail' | 'hang' | null = null;
  watchCalls = 0;
  private session: Map<string, FakeCharacteristic[]> | null = null;

  constructor(
    readonly name: string,
    private readonly services: Readonly<Record<string, readonly FakeCharacteristicSpec[]>>,
  ) {
    super();
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getter and connect() below have their own `this`
    const device = this;
    this.gatt = {
      get connected() {
        return device.session !== null;
      },
      async connect() {
        device.connectCalls++;
        if (device.connectMode === 'hang') return never<GattServer>();
        if (device.connectMode === 'fail') throw new DOMException('Connection failed for unknown reason.', 'NetworkError');
        device.open();
        return device.gatt;
      },
      disconnect: () => this.drop(),
      getPrimaryService: async (uuid) => this.service(String(uuid)),
      getPrimaryServices: async () => Object.keys(this.services).map((uuid) => this.service(uuid)),
    };
  }

  async forget(): Promise<void> {
    this.forgotten = true;
    this.drop();
  }

  async watchAdvertisements(options?: { signal?: AbortSignal }): Promise<void> {
    this.watchCalls++;
    if (!this.advertising) return;
    setTimeout(() => {
      if (options?.signal?.aborted) return;
      if (this.connectModeAfterAdvertising) this.connectMode = this.connectModeAfterAdvertising;
      this.dispatchEvent(new Event('advertisementreceived'));
    }, 200);
  }

  /** The characteristic of the current connection (throws when not connected). */
  characteristic(uuid: string): FakeCharacteristic {
    for (const list of this.session?.values() ?? []) for (const c of list) if (c.uuid === uuid) return c;
    throw new Error(`no live characteristic ${uuid}`);
  }

  /** Sends a notification if the app subscribed; returns whether it did. */
  notify(uuid: string, bytes: Uint8Array): boolean {
    const c = this.characteristic(uuid);
    if (!c.notifying) return false;
    c.deliver(bytes);
    return true;
  }

  /** The link drops (either side); fires gattserverdisconnected once. */
  drop(): void {
    if (!this.session) return;
    this.session = null;
    this.dispatchEvent(new Event('gattserverdisconnected'));
  }

  private open(): void {
    if (this.session) return;
    const session = new Map<string, FakeCharacteristic[]>();
    const alive = () => this.session === session;
    for (const [uuid, specs] of Object.entries(this.services))
      session.set(
        uuid,
        specs.map((s) => new FakeCharacteristic(s, alive)),
      );
    this.session = session;
  }

  private service(uuid: string): GattService {
    this.requestedServices.add(uuid);
    const session = this.session;
    if (!session) throw networkError();
    const list = session.get(uuid);
    if (!list) throw new DOMException(`No Services matching UUID ${uuid} found in Device.`, 'NotFoundError');
    return {
      uuid,
      getCharacteristic: async (c) => {
        if (this.session !== session) throw networkError();
        const found = list.find((x) => x.uuid === String(c));
        if (!found) throw new DOMException(`No Characteristics matching UUID ${String(c)}.`, 'NotFoundError');
        return found;
      },
    };
  }
}

/** A chooser that always offers (and picks) this one device. */
export function fakeBluetooth(device: GattDevice): BluetoothLike {
  return { getAvailability: async () => true, requestDevice: async () => device };
}

/**
 * A browser that remembers what the page was allowed (getDevices()): the devices picked in its
 * chooser, until forgotten. `choosers` counts the times the chooser opened.
 */
export function rememberingBluetooth(device: FakePeripheral): BluetoothLike & { choosers: number; allowed: Set<FakePeripheral> } {
  const bluetooth = {
    choosers: 0,
    allowed: new Set<FakePeripheral>(),
    getAvailability: async () => true,
    requestDevice: async () => {
      bluetooth.choosers++;
      bluetooth.allowed.add(device);
      return device;
    },
    getDevices: async () => [...bluetooth.allowed].filter((d) => !d.forgotten),
  };
  return bluetooth;
}
