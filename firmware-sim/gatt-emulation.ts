/**
 * Generic GATT emulation: a server, its services and characteristics, built from specs (what
 * each characteristic does on read, write and subscribe). A Session is one connection: its
 * objects go stale when the link ends, as in Chrome.
 */
import type { GattCharacteristic, GattServer, GattService } from '../protocol/gatt';
import { disconnectedError, notPermitted } from './errors';
import { resolveCharacteristicUuid, resolveServiceUuid } from './gatt-names';

function copyBytes(value: BufferSource): Uint8Array {
  return ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice() : new Uint8Array(value).slice();
}

type Properties = GattCharacteristic['properties'];

interface CharacteristicSpec {
  readonly uuid: string;
  readonly properties: Properties;
  readonly read?: () => Uint8Array;
  readonly write?: (bytes: Uint8Array) => void;
  readonly subscribed?: (on: boolean) => void;
}

export interface ServiceSpec {
  readonly uuid: string;
  readonly characteristics: readonly CharacteristicSpec[];
}

export function properties(set: Partial<Properties>): Properties {
  return { read: false, write: false, writeWithoutResponse: false, notify: false, indicate: false, ...set };
}

export class Session {
  alive = true;
  readonly services = new Map<string, SimService>();
  private readonly characteristics = new Map<string, SimCharacteristic>();

  constructor(
    specs: readonly ServiceSpec[],
    private readonly connected: () => boolean,
  ) {
    for (const spec of specs) {
      const chars = spec.characteristics.map((c) => new SimCharacteristic(c, this));
      for (const c of chars) this.characteristics.set(c.uuid, c);
      this.services.set(spec.uuid, new SimService(spec.uuid, chars, this));
    }
  }

  characteristic(uuid: string): SimCharacteristic | undefined {
    return this.characteristics.get(uuid);
  }

  end(): void {
    this.alive = false;
    for (const c of this.characteristics.values()) c.unsubscribe();
  }

  check(kind: 'Service' | 'Characteristic'): void {
    if (this.alive) return;
    if (!this.connected()) throw disconnectedError('perform GATT operations');
    throw new DOMException(`GATT ${kind} no longer exists.`, 'InvalidStateError');
  }
}

class SimCharacteristic extends EventTarget implements GattCharacteristic {
  readonly uuid: string;
  readonly properties: Properties;
  private current: DataView | null = null;
  private notifying = false;

  constructor(
    private readonly spec: CharacteristicSpec,
    private readonly session: Session,
  ) {
    super();
    this.uuid = spec.uuid;
    this.properties = spec.properties;
  }

  get value(): DataView | null {
    return this.current;
  }

  async readValue(): Promise<DataView> {
    this.session.check('Characteristic');
    if (!this.spec.read) throw notPermitted(this.uuid, 'read');
    const bytes = this.spec.read();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Chrome fires characteristicvaluechanged for reads too.
    this.deliver(view);
    return view;
  }

  async writeValueWithResponse(value: BufferSource): Promise<void> {
    this.session.check('Characteristic');
    if (!this.spec.write) throw notPermitted(this.uuid, 'write');
    this.spec.write(copyBytes(value));
  }

  async startNotifications(): Promise<SimCharacteristic> {
    this.session.check('Characteristic');
    if (!this.properties.notify) throw notPermitted(this.uuid, 'notifications');
    if (!this.notifying) {
      this.notifying = true;
      this.spec.subscribed?.(true);
    }
    return this;
  }

  async stopNotifications(): Promise<SimCharacteristic> {
    this.session.check('Characteristic');
    if (this.notifying) {
      this.notifying = false;
      this.spec.subscribed?.(false);
    }
    return this;
  }

  /** Device side: send a notification; returns false if the client has not subscribed. */
  notify(bytes: Uint8Array): boolean {
    if (!this.notifying) return false;
    this.deliver(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return true;
  }

  /** Link ended: the subscription (CCCD) does not survive it. */
  unsubscribe(): void {
    this.notifying = false;
  }

  private deliver(view: DataView): void {
    this.current = view;
    this.dispatchEvent(new Event('characteristicvaluechanged', { bubbles: true }));
  }
}

class SimService implements GattService {
  constructor(
    readonly uuid: string,
    private readonly characteristics: readonly SimCharacteristic[],
    private readonly session: Session,
  ) {}

  async getCharacteristic(characteristic: BluetoothCharacteristicUUID): Promise<SimCharacteristic> {
    const uuid = resolveCharacteristicUuid(characteristic);
    this.session.check('Service');
    const found = this.characteristics.find((c) => c.uuid === uuid);
    if (!found) {
      throw new DOMException(`No Characteristics matching UUID ${uuid} found in Service with UUID ${this.uuid}.`, 'NotFoundError');
    }
    return found;
  }

  async getCharacteristics(characteristic?: BluetoothCharacteristicUUID): Promise<SimCharacteristic[]> {
    if (characteristic !== undefined) return [await this.getCharacteristic(characteristic)];
    this.session.check('Service');
    return [...this.characteristics];
  }
}

const ACCESS_TIP = "Tip: Add the service UUID to 'optionalServices' in requestDevice() options. https://goo.gl/HxfxSQ";

/** What the server needs from its device, kept off the device's public surface. */
interface Link {
  session(): Session | null;
  open(): void;
  close(): void;
  /** Canonical UUIDs the page may access, or 'all'. */
  allowed(): ReadonlySet<string> | 'all';
}

export class SimServer implements GattServer {
  constructor(private readonly link: Link) {}

  get connected(): boolean {
    return this.link.session() !== null;
  }

  async connect(): Promise<SimServer> {
    this.link.open();
    return this;
  }

  disconnect(): void {
    this.link.close();
  }

  async getPrimaryService(service: BluetoothServiceUUID): Promise<SimService> {
    const uuid = resolveServiceUuid(service);
    const session = this.liveSession();
    const allowed = this.link.allowed();
    if (allowed !== 'all' && !allowed.has(uuid)) {
      throw new DOMException(`Origin is not allowed to access the service. ${ACCESS_TIP}`, 'SecurityError');
    }
    const found = session.services.get(uuid);
    if (!found) throw new DOMException(`No Services matching UUID ${uuid} found in Device.`, 'NotFoundError');
    return found;
  }

  async getPrimaryServices(service?: BluetoothServiceUUID): Promise<SimService[]> {
    if (service !== undefined) return [await this.getPrimaryService(service)];
    const session = this.liveSession();
    const allowed = this.link.allowed();
    if (allowed !== 'all' && allowed.size === 0) {
      throw new DOMException(`Origin is not allowed to access any service. ${ACCESS_TIP}`, 'SecurityError');
    }
    const services = [...session.services.values()].filter((s) => allowed === 'all' || allowed.has(s.uuid));
    if (services.length === 0) throw new DOMException('No Services found in device.', 'NotFoundError');
    return services;
  }

  private liveSession(): Session {
    const session = this.link.session();
    if (!session) throw disconnectedError('retrieve services');
    return session;
  }
}
