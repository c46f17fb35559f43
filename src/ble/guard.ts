import type { GattCharacteristic, GattServer, GattService } from '../../protocol/gatt';
import { CONNECT_TIMEOUT_MS, GATT_TIMEOUT_MS, withTimeout } from './timeout';

/**
 * Wrappers that put a timeout on every GATT call, so profiles can be written as if the stack
 * always answered. Events still come from the real characteristic (listeners are forwarded).
 */
class GuardedCharacteristic implements GattCharacteristic {
  constructor(
    private readonly inner: GattCharacteristic,
    private readonly ms: number,
  ) {}

  get uuid(): string {
    return this.inner.uuid;
  }

  get value(): DataView | null | undefined {
    return this.inner.value;
  }

  get properties(): GattCharacteristic['properties'] {
    return this.inner.properties;
  }

  readValue(): Promise<DataView> {
    return withTimeout(this.inner.readValue(), this.ms, `Reading ${this.inner.uuid}`);
  }

  writeValueWithResponse(value: BufferSource): Promise<void> {
    return withTimeout(this.inner.writeValueWithResponse(value), this.ms, `Writing ${this.inner.uuid}`);
  }

  writeValueWithoutResponse(value: BufferSource): Promise<void> {
    const write = this.inner.writeValueWithoutResponse?.bind(this.inner);
    if (!write) return Promise.reject(new DOMException('Writes without response are not supported', 'NotSupportedError'));
    return withTimeout(write(value), this.ms, `Writing ${this.inner.uuid}`);
  }

  async startNotifications(): Promise<GattCharacteristic> {
    await withTimeout(this.inner.startNotifications(), this.ms, `Subscribing to ${this.inner.uuid}`);
    return this;
  }

  async stopNotifications(): Promise<GattCharacteristic> {
    await withTimeout(this.inner.stopNotifications(), this.ms, `Unsubscribing from ${this.inner.uuid}`);
    return this;
  }

  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void {
    this.inner.addEventListener(type, listener, options);
  }

  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: EventListenerOptions | boolean): void {
    this.inner.removeEventListener(type, listener, options);
  }

  dispatchEvent(event: Event): boolean {
    return this.inner.dispatchEvent(event);
  }
}

class GuardedService implements GattService {
  constructor(
    private readonly inner: GattService,
    private readonly ms: number,
  ) {}

  get uuid(): string {
    return this.inner.uuid;
  }

  async getCharacteristic(characteristic: BluetoothCharacteristicUUID): Promise<GattCharacteristic> {
    const found = await withTimeout(this.inner.getCharacteristic(characteristic), this.ms, `Finding characteristic ${String(characteristic)}`);
    return new GuardedCharacteristic(found, this.ms);
  }
}

class GuardedServer implements GattServer {
  constructor(
    private readonly inner: GattServer,
    private readonly ms: number,
  ) {}

  get connected(): boolean {
    return this.inner.connected;
  }

  async connect(): Promise<GattServer> {
    await withTimeout(this.inner.connect(), CONNECT_TIMEOUT_MS, 'Connecting');
    return this;
  }

  disconnect(): void {
    this.inner.disconnect();
  }

  async getPrimaryService(service: BluetoothServiceUUID): Promise<GattService> {
    const found = await withTimeout(this.inner.getPrimaryService(service), this.ms, `Finding service ${String(service)}`);
    return new GuardedService(found, this.ms);
  }

  async getPrimaryServices(service?: BluetoothServiceUUID): Promise<GattService[]> {
    const found = await withTimeout(this.inner.getPrimaryServices(service), this.ms, 'Listing services');
    return found.map((s) => new GuardedService(s, this.ms));
  }
}

/** The same server with every GATT call limited to `ms`. */
export function guardServer(server: GattServer, ms: number = GATT_TIMEOUT_MS): GattServer {
  return new GuardedServer(server, ms);
}
