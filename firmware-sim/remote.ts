/**
 * The simulated sensor in a worker, as a real probe is in its own hardware: the virtual user, its
 * model and the device's packets cost the page's main thread nothing, which receives only
 * notifications, as from a real probe. `serveBluetooth` runs in the worker beside a
 * `BluetoothLike`; `remoteBluetooth` is the page's stand-in for it, reached over a MessagePort.
 *
 * Every object the page is handed (device, server, service, characteristic) is a proxy named by
 * a handle; a call is a message answered by its result or its error (same name and message,
 * so the app cannot tell), and the worker forwards each object's events.
 */
import type { BluetoothLike, GattCharacteristic, GattDevice, GattServer, GattService } from '../protocol/gatt';

/** What crosses the port; `Port` is a MessagePort, a worker or a worker's own scope. */
export interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

type Kind = 'device' | 'server' | 'service' | 'characteristic';

interface Described {
  readonly handle: number;
  readonly kind: Kind;
  readonly id?: string;
  readonly name?: string;
  readonly uuid?: string;
  readonly properties?: GattCharacteristic['properties'];
  /** A device's server. */
  readonly gatt?: Described;
}

type Value = Described | Described[] | ArrayBuffer | boolean | null;

type ToDevice = { kind: 'call'; id: number; handle: number; method: string; args: unknown[] } | { kind: 'cue'; cue: unknown };

type FromDevice =
  | { kind: 'result'; id: number; value: Value }
  | { kind: 'error'; id: number; error: { type: 'TypeError' | 'DOMException' | 'Error'; name: string; message: string } }
  | { kind: 'event'; handle: number; type: string; value?: ArrayBuffer };

/** The handle of the `BluetoothLike` itself. */
const BLUETOOTH = 0;

/** The calls each kind of object answers: nothing else of the worker is reachable. */
const METHODS: Record<Kind | 'bluetooth', readonly string[]> = {
  bluetooth: ['getAvailability', 'requestDevice', 'getDevices'],
  device: ['forget'],
  server: ['connect', 'disconnect', 'getPrimaryService', 'getPrimaryServices'],
  service: ['getCharacteristic'],
  characteristic: ['readValue', 'writeValueWithResponse', 'writeValueWithoutResponse', 'startNotifications', 'stopNotifications'],
};

const copyOf = (view: DataView): ArrayBuffer => view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;

function kindOf(o: object): Kind | null {
  if ('readValue' in o) return 'characteristic';
  if ('getCharacteristic' in o) return 'service';
  if ('getPrimaryService' in o) return 'server';
  if ('gatt' in o && 'id' in o) return 'device';
  return null;
}

/** Worker side: answers the page's calls on `bluetooth` and hands the virtual user each cue. */
export function serveBluetooth(port: Port, bluetooth: BluetoothLike, onCue: (cue: unknown) => void): void {
  const objects = new Map<number, object>([[BLUETOOTH, bluetooth]]);
  const handles = new Map<object, number>();
  const post = (m: FromDevice, transfer: Transferable[] = []) => port.postMessage(m, transfer);

  const describe = (o: object): Described => {
    const kind = kindOf(o);
    if (kind === null) throw new Error('not a GATT object');
    let handle = handles.get(o);
    if (handle === undefined) {
      handle = objects.size;
      objects.set(handle, o);
      handles.set(o, handle);
      const h = handle;
      if (kind === 'characteristic') {
        const c = o as GattCharacteristic;
        c.addEventListener('characteristicvaluechanged', () => {
          const value = c.value ? copyOf(c.value) : undefined;
          post({ kind: 'event', handle: h, type: 'characteristicvaluechanged', value }, value ? [value] : []);
        });
      } else if (kind === 'device') {
        (o as GattDevice).addEventListener('gattserverdisconnected', () => post({ kind: 'event', handle: h, type: 'gattserverdisconnected' }));
      }
    }
    switch (kind) {
      case 'device': {
        const d = o as GattDevice;
        return { handle, kind, id: d.id, name: d.name, gatt: d.gatt ? describe(d.gatt) : undefined };
      }
      case 'service':
        return { handle, kind, uuid: (o as GattService).uuid };
      case 'characteristic': {
        const c = o as GattCharacteristic;
        return { handle, kind, uuid: c.uuid, properties: { ...c.properties } };
      }
      case 'server':
        return { handle, kind };
    }
  };

  const toValue = (r: unknown): Value => {
    if (r instanceof DataView) return copyOf(r);
    if (Array.isArray(r)) return r.map((o: object) => describe(o));
    if (typeof r === 'object' && r !== null) return describe(r);
    return typeof r === 'boolean' ? r : null;
  };

  port.onmessage = (event: MessageEvent<ToDevice>) => {
    const m = event.data;
    if (m.kind === 'cue') {
      onCue(m.cue);
      return;
    }
    const target = objects.get(m.handle);
    const kind = m.handle === BLUETOOTH ? 'bluetooth' : target && kindOf(target);
    const fn = target && kind && METHODS[kind].includes(m.method) ? (target as Record<string, unknown>)[m.method] : undefined;
    const answer = async () => {
      if (typeof fn !== 'function') throw new TypeError(`${m.method} is not available here`);
      return toValue(await (fn as (...a: unknown[]) => unknown).apply(target, m.args));
    };
    answer().then(
      (value) => post({ kind: 'result', id: m.id, value }),
      (e: unknown) => {
        const error = e instanceof Error ? e : new Error(String(e));
        const type = error instanceof TypeError ? 'TypeError' : typeof DOMException !== 'undefined' && error instanceof DOMException ? 'DOMException' : 'Error';
        post({ kind: 'error', id: m.id, error: { type, name: error.name, message: error.message } });
      },
    );
  };
}

/** Page side: the simulated sensor's Bluetooth, and the cues its virtual user hears. */
export interface RemoteSensor {
  readonly bluetooth: BluetoothLike;
  readonly follow: (cue: unknown) => void;
}

export function remoteBluetooth(port: Port): RemoteSensor {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: Value) => void; reject: (e: Error) => void }>();
  const proxies = new Map<number, RemoteDevice | RemoteServer | RemoteService | RemoteCharacteristic>();

  const call = (handle: number, method: string, args: unknown[] = [], transfer: Transferable[] = []): Promise<Value> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const m: ToDevice = { kind: 'call', id, handle, method, args };
      port.postMessage(m, transfer);
    });

  const proxy = (d: Described): RemoteDevice | RemoteServer | RemoteService | RemoteCharacteristic => {
    let p = proxies.get(d.handle);
    if (p) return p;
    switch (d.kind) {
      case 'device':
        p = new RemoteDevice(d, d.gatt ? (proxy(d.gatt) as RemoteServer) : undefined);
        break;
      case 'server':
        p = new RemoteServer(d.handle);
        break;
      case 'service':
        p = new RemoteService(d);
        break;
      case 'characteristic':
        p = new RemoteCharacteristic(d);
        break;
    }
    proxies.set(d.handle, p);
    return p;
  };
  const one = <T>(v: Value): T => proxy(v as Described) as T;

  class RemoteDevice extends EventTarget implements GattDevice {
    readonly id: string;
    readonly name: string | undefined;
    constructor(
      d: Described,
      readonly gatt: RemoteServer | undefined,
    ) {
      super();
      this.id = d.id ?? '';
      this.name = d.name;
    }
  }

  class RemoteServer implements GattServer {
    connected = false;
    constructor(private readonly handle: number) {}
    async connect(): Promise<GattServer> {
      await call(this.handle, 'connect');
      this.connected = true;
      return this;
    }
    disconnect(): void {
      this.connected = false;
      void call(this.handle, 'disconnect').catch(() => undefined);
    }
    async getPrimaryService(service: BluetoothServiceUUID): Promise<GattService> {
      return one<RemoteService>(await call(this.handle, 'getPrimaryService', [service]));
    }
    async getPrimaryServices(service?: BluetoothServiceUUID): Promise<GattService[]> {
      const list = (await call(this.handle, 'getPrimaryServices', service === undefined ? [] : [service])) as Described[];
      return list.map((d) => proxy(d) as RemoteService);
    }
  }

  class RemoteService implements GattService {
    readonly uuid: string;
    private readonly handle: number;
    constructor(d: Described) {
      this.uuid = d.uuid ?? '';
      this.handle = d.handle;
    }
    async getCharacteristic(characteristic: BluetoothCharacteristicUUID): Promise<GattCharacteristic> {
      return one<RemoteCharacteristic>(await call(this.handle, 'getCharacteristic', [characteristic]));
    }
  }

  const bytesOf = (value: BufferSource): ArrayBuffer =>
    ArrayBuffer.isView(value) ? value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) : value.slice(0);

  class RemoteCharacteristic extends EventTarget implements GattCharacteristic {
    readonly uuid: string;
    readonly properties: GattCharacteristic['properties'];
    value: DataView | null = null;
    private readonly handle: number;
    constructor(d: Described) {
      super();
      this.uuid = d.uuid ?? '';
      this.properties = d.properties ?? { read: false, write: false, writeWithoutResponse: false, notify: false, indicate: false };
      this.handle = d.handle;
    }
    async readValue(): Promise<DataView> {
      // The worker's characteristic fires characteristicvaluechanged for reads too, as Chrome's does: value follows.
      return new DataView((await call(this.handle, 'readValue')) as ArrayBuffer);
    }
    async writeValueWithResponse(value: BufferSource): Promise<void> {
      const bytes = bytesOf(value);
      await call(this.handle, 'writeValueWithResponse', [bytes], [bytes]);
    }
    async writeValueWithoutResponse(value: BufferSource): Promise<void> {
      const bytes = bytesOf(value);
      await call(this.handle, 'writeValueWithoutResponse', [bytes], [bytes]);
    }
    async startNotifications(): Promise<GattCharacteristic> {
      await call(this.handle, 'startNotifications');
      return this;
    }
    async stopNotifications(): Promise<GattCharacteristic> {
      await call(this.handle, 'stopNotifications');
      return this;
    }
  }

  port.onmessage = (event: MessageEvent<FromDevice>) => {
    const m = event.data;
    if (m.kind === 'event') {
      const target = proxies.get(m.handle);
      if (target instanceof RemoteCharacteristic && m.value) target.value = new DataView(m.value);
      if (target instanceof RemoteDevice && m.type === 'gattserverdisconnected' && target.gatt) target.gatt.connected = false;
      if (target instanceof EventTarget) target.dispatchEvent(new Event(m.type, { bubbles: true }));
      return;
    }
    const waiting = pending.get(m.id);
    if (!waiting) return;
    pending.delete(m.id);
    if (m.kind === 'result') {
      waiting.resolve(m.value);
      return;
    }
    const { type, name, message } = m.error;
    const error =
      type === 'TypeError' ? new TypeError(message) : type === 'DOMException' ? new DOMException(message, name) : Object.assign(new Error(message), { name });
    waiting.reject(error);
  };

  const bluetooth: BluetoothLike = {
    getAvailability: async () => (await call(BLUETOOTH, 'getAvailability')) === true,
    requestDevice: async (options) => one<RemoteDevice>(await call(BLUETOOTH, 'requestDevice', [options])),
  };
  return { bluetooth, follow: (cue) => port.postMessage({ kind: 'cue', cue } satisfies ToDevice) };
}
