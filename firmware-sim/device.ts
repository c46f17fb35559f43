/**
 * The simulated reference perineometer: a GATT device that app code cannot tell from a real
 * BluetoothDevice (same objects, events, error names), streaming the profile in README.md.
 *
 * Device time is `clock.now()` since creation (plus `uptimeMs`); packets carry device time, so a
 * throttled timer only delays delivery: each tick sends every packet that has fallen due.
 */
import type { GattCharacteristic, GattDevice, GattServer, GattService } from '../protocol/gatt';
import {
  BATTERY_LEVEL,
  BATTERY_SERVICE,
  CONTROL_POINT,
  ControlError,
  DEVICE_CONFIGURATION,
  DEVICE_INFORMATION,
  FIRMWARE_REVISION,
  MANUFACTURER_NAME,
  MAX_RATE_HZ,
  MAX_SAMPLES_PER_PACKET,
  MIN_RATE_HZ,
  MODEL_NUMBER,
  NAME_PREFIX,
  PRESSURE_MEASUREMENT,
  PROFILE_VERSION,
  REFERENCE_SERVICE,
  SERIAL_NUMBER,
  decodeControl,
  encodeConfig,
  encodePressurePacket,
  type ControlCommand,
  type DeviceConfig,
} from '../protocol/reference';

// ---------------------------------------------------------------------------------------------
// Injected dependencies

export interface SampleSource {
  /**
   * Fill out.main / out.ref (cmH2O, absolute as the probe reads it) for device time tMs.
   * Called with non-decreasing tMs.
   */
  sampleAt(tMs: number, out: { main: number; ref: number }): void;
  readonly hasReference: boolean;
}

/** Time and periodic ticks. Inject a ManualClock in tests; the default runs in real time. */
export interface DeviceClock {
  now(): number;
  /** Calls fn every ms milliseconds until the returned cancel function is called. */
  every(fn: () => void, ms: number): () => void;
}

/** performance.now and global timers, looked up at call time so that fake timers apply. */
export const systemClock: DeviceClock = {
  now: () => performance.now(),
  every: (fn, ms) => {
    const handle = setInterval(fn, ms);
    return () => clearInterval(handle);
  },
};

interface ManualTimer {
  due: number;
  readonly period: number;
  readonly fn: () => void;
}

/** Deterministic clock: time moves only in advance(), which fires due ticks in time order. */
export class ManualClock implements DeviceClock {
  private t: number;
  private readonly timers = new Set<ManualTimer>();

  constructor(startMs = 0) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  every(fn: () => void, ms: number): () => void {
    if (!(ms > 0)) throw new RangeError(`ManualClock.every needs a period > 0 ms, got ${ms}`);
    const timer: ManualTimer = { due: this.t + ms, period: ms, fn };
    this.timers.add(timer);
    return () => {
      this.timers.delete(timer);
    };
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance needs ms >= 0, got ${ms}`);
    const target = this.t + ms;
    for (let timer = this.nextDue(target); timer; timer = this.nextDue(target)) {
      this.t = timer.due;
      timer.due += timer.period;
      timer.fn();
    }
    this.t = target;
  }

  private nextDue(limit: number): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const timer of this.timers) {
      if (timer.due <= limit && (best === undefined || timer.due < best.due)) best = timer;
    }
    return best;
  }
}

// ---------------------------------------------------------------------------------------------
// UUID names, as Chrome's BluetoothUUID resolves them (the subset a pressure app may use)

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

// ---------------------------------------------------------------------------------------------
// Errors, with Chrome's names and messages

const disconnectedError = (what: string): DOMException =>
  new DOMException(`GATT Server is disconnected. Cannot ${what}. (Re)connect first with \`device.gatt.connect\`.`, 'NetworkError');

const notPermitted = (uuid: string, operation: string): DOMException =>
  new DOMException(`GATT operation not permitted: characteristic ${uuid} does not support ${operation}.`, 'NotSupportedError');

/** How a rejected Control Point write (ATT error 0x80) reaches the page. */
const applicationError = (reason: string): DOMException =>
  new DOMException(`GATT operation failed: ATT error 0x80 (application error): ${reason}`, 'NotSupportedError');

function copyBytes(value: BufferSource): Uint8Array {
  return ArrayBuffer.isView(value)
    ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice()
    : new Uint8Array(value).slice();
}

// ---------------------------------------------------------------------------------------------
// GATT objects. A Session is one connection: its objects go stale when the link ends, as in Chrome.

type Properties = GattCharacteristic['properties'];

interface CharacteristicSpec {
  readonly uuid: string;
  readonly properties: Properties;
  readonly read?: () => Uint8Array;
  readonly write?: (bytes: Uint8Array) => void;
  readonly subscribed?: (on: boolean) => void;
}

interface ServiceSpec {
  readonly uuid: string;
  readonly characteristics: readonly CharacteristicSpec[];
}

function properties(set: Partial<Properties>): Properties {
  return { read: false, write: false, writeWithoutResponse: false, notify: false, indicate: false, ...set };
}

class Session {
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

class SimServer implements GattServer {
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

// ---------------------------------------------------------------------------------------------
// Sampling and packetising

const REST_WINDOW_MS = 500;
const HISTORY = 64; // ≥ REST_WINDOW_MS at MAX_RATE_HZ
const EPS_MS = 1e-6; // absorbs float error in anchor + k · period

/**
 * Samples the source on a fixed schedule and cuts the samples into packets. Packets are sent
 * whole as they fill; a change of tare, rate or packet size first sends the partial packet, so
 * that every packet has one rate and one tare state.
 */
class PacketStream {
  private anchorT = 0;
  private k = 0; // next sample is at anchorT + k · period
  private lastSampleT = Number.NEGATIVE_INFINITY;
  private readonly pendMain = new Float32Array(MAX_SAMPLES_PER_PACKET);
  private readonly pendRef = new Float32Array(MAX_SAMPLES_PER_PACKET);
  private pendCount = 0;
  private pendT0 = 0;
  private pendClipped = false;
  private offsetMain = 0;
  private offsetRef = 0;
  tared = false;
  private readonly histT = new Float64Array(HISTORY);
  private readonly histMain = new Float32Array(HISTORY);
  private readonly histRef = new Float32Array(HISTORY);
  private histNext = 0;
  private histSize = 0;
  private readonly out = { main: 0, ref: 0 };
  private outClipped = false;

  constructor(
    private readonly source: SampleSource,
    private readonly fullScale: number,
    private readonly send: (bytes: Uint8Array) => void,
    public rateHz: number,
    public samplesPerPacket: number,
    private sequence: number,
  ) {}

  private get period(): number {
    return 1000 / this.rateHz;
  }

  /** Starts the schedule at device time t, strictly after the last sample the source gave. */
  start(t: number): void {
    this.anchorT = Math.max(t, this.lastSampleT + this.period);
    this.k = 0;
    this.pendCount = 0;
  }

  /** Takes every sample due by device time t, sending each packet as it fills. */
  pumpTo(t: number): void {
    for (let ts = this.nextT(); ts <= t + EPS_MS; ts = this.nextT()) {
      this.take(ts);
      this.k++;
      if (this.pendCount === this.samplesPerPacket) this.flush();
    }
  }

  flush(): void {
    if (this.pendCount === 0) return;
    const hasRef = this.source.hasReference;
    this.send(
      encodePressurePacket({
        version: PROFILE_VERSION,
        flags: { tared: this.tared, clipped: this.pendClipped },
        sequence: this.sequence,
        timestampMs: this.pendT0,
        rateHz: this.rateHz,
        main: this.pendMain.subarray(0, this.pendCount),
        ref: hasRef ? this.pendRef.subarray(0, this.pendCount) : null,
      }),
    );
    this.sequence = (this.sequence + 1) & 0xffff;
    this.discard();
  }

  /** Drops the partial packet (the link ended before it was sent). */
  discard(): void {
    this.pendCount = 0;
    this.pendClipped = false;
  }

  /** The new rate applies from the next scheduled sample on. */
  setRate(rateHz: number): void {
    this.anchorT = this.nextT();
    this.k = 0;
    this.rateHz = rateHz;
  }

  /** Zeroes the mean raw reading of the last REST_WINDOW_MS, sampling it now if not streaming. */
  tare(t: number, running: boolean): void {
    if (running) {
      this.pumpTo(t);
      this.flush();
    } else {
      this.sampleIdle(t);
    }
    let sumMain = 0;
    let sumRef = 0;
    let count = 0;
    for (let i = 0; i < this.histSize; i++) {
      if (this.histT[i] > t - REST_WINDOW_MS + EPS_MS) {
        sumMain += this.histMain[i];
        sumRef += this.histRef[i];
        count++;
      }
    }
    this.offsetMain = count > 0 ? sumMain / count : 0;
    this.offsetRef = count > 0 ? sumRef / count : 0;
    this.tared = true;
  }

  private nextT(): number {
    return this.anchorT + this.k * this.period;
  }

  private take(ts: number): void {
    this.read(ts);
    if (this.pendCount === 0) this.pendT0 = ts;
    this.pendMain[this.pendCount] = this.out.main - this.offsetMain;
    this.pendRef[this.pendCount] = this.out.ref - this.offsetRef;
    this.pendClipped ||= this.outClipped;
    this.pendCount++;
  }

  /** Fills the rest window at the current rate with samples after the last one taken. */
  private sampleIdle(t: number): void {
    const from = Math.max(this.lastSampleT, t - REST_WINDOW_MS);
    const count = Math.min(HISTORY, Math.ceil((t - from) / this.period - EPS_MS));
    for (let j = count - 1; j >= 0; j--) this.read(t - j * this.period);
  }

  /** One raw sensor reading, clamped to the sensor's range, recorded in the history ring. */
  private read(ts: number): void {
    this.out.main = 0;
    this.out.ref = 0;
    this.source.sampleAt(ts, this.out);
    if (!this.source.hasReference) this.out.ref = 0;
    this.outClipped = false;
    this.out.main = this.clamp(this.out.main);
    this.out.ref = this.clamp(this.out.ref);
    this.lastSampleT = ts;
    this.histT[this.histNext] = ts;
    this.histMain[this.histNext] = this.out.main;
    this.histRef[this.histNext] = this.out.ref;
    this.histNext = (this.histNext + 1) % HISTORY;
    this.histSize = Math.min(HISTORY, this.histSize + 1);
  }

  private clamp(v: number): number {
    if (v >= -this.fullScale && v <= this.fullScale) return v;
    this.outClipped = true;
    return v > 0 ? this.fullScale : -this.fullScale; // NaN reads as negative full scale
  }
}

// ---------------------------------------------------------------------------------------------
// The device

export interface DeviceInformation {
  readonly manufacturer: string;
  readonly model: string;
  readonly serial: string;
  readonly firmware: string;
}

export interface SimDeviceOptions {
  readonly clock?: DeviceClock;
  /** Advertised name; default "PFT-Ref Simulated". */
  readonly name?: string;
  readonly id?: string;
  /** Sample rate at power-on, MIN_RATE_HZ–MAX_RATE_HZ; default 50. */
  readonly rateHz?: number;
  /** Samples per packet at power-on, 1–16; default 5. */
  readonly samplesPerPacket?: number;
  /** Battery level at power-on, 0–100 %; default 87. */
  readonly batteryLevel?: number;
  /** Sensor range: readings beyond ±fullScale are clipped and flagged; default 300 cmH2O. */
  readonly fullScaleCmH2O?: number;
  readonly info?: Partial<DeviceInformation>;
  /** Device uptime at creation, ms; set it near 2^32 to exercise timestamp wrap. Default 0. */
  readonly uptimeMs?: number;
  /** Sequence number of the first packet; set it near 65535 to exercise wrap. Default 0. */
  readonly initialSequence?: number;
  /**
   * Default true: every service is accessible, as for app code handed the device directly.
   * createSimulatedBluetooth sets false and grants services per requestDevice, like Chrome.
   */
  readonly allowAllServices?: boolean;
}

const DEFAULT_INFO: DeviceInformation = {
  manufacturer: 'PFT open reference design',
  model: 'PFT-Ref-1',
  serial: 'SIM-000001',
  firmware: '1.0.0-sim',
};

function checkRange(what: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

export class SimulatedPerineometer extends EventTarget implements GattDevice {
  readonly id: string;
  readonly name: string;
  readonly gatt: SimServer;
  /** Services in the advertising packet, which requestDevice filters match against. */
  readonly advertisedServices: readonly string[] = [REFERENCE_SERVICE];

  private readonly clock: DeviceClock;
  private readonly bootClockMs: number;
  private readonly uptimeMs: number;
  private readonly fullScale: number;
  private readonly stream: PacketStream;
  private readonly specs: readonly ServiceSpec[];
  private readonly allowed: Set<string> | 'all';
  private session: Session | null = null;
  private subscribed = false;
  private enabled = false;
  private running = false;
  private cancelTick: (() => void) | null = null;
  private dropRemaining = 0;
  private battery: number;

  constructor(
    private readonly source: SampleSource,
    opts: SimDeviceOptions = {},
  ) {
    super();
    this.id = opts.id ?? 'sim-pft-ref-0001';
    this.name = opts.name ?? `${NAME_PREFIX} Simulated`;
    this.clock = opts.clock ?? systemClock;
    this.bootClockMs = this.clock.now();
    this.uptimeMs = opts.uptimeMs ?? 0;
    this.battery = checkRange('batteryLevel', opts.batteryLevel ?? 87, 0, 100);
    this.fullScale = opts.fullScaleCmH2O ?? 300;
    if (!(this.fullScale > 0 && this.fullScale <= 3276.7)) {
      throw new RangeError(`fullScaleCmH2O must be in (0, 3276.7], got ${this.fullScale}`);
    }
    this.stream = new PacketStream(
      source,
      this.fullScale,
      (bytes) => this.sendPressure(bytes),
      checkRange('rateHz', opts.rateHz ?? 50, MIN_RATE_HZ, MAX_RATE_HZ),
      checkRange('samplesPerPacket', opts.samplesPerPacket ?? 5, 1, MAX_SAMPLES_PER_PACKET),
      checkRange('initialSequence', opts.initialSequence ?? 0, 0, 0xffff),
    );
    this.allowed = opts.allowAllServices === false ? new Set() : 'all';
    this.specs = this.buildSpecs({ ...DEFAULT_INFO, ...opts.info });
    this.gatt = new SimServer({
      session: () => this.session,
      open: () => this.openLink(),
      close: () => this.closeLink(),
      allowed: () => this.allowed,
    });
  }

  // --- state, for tests and for the simulated Bluetooth -----------------------------------

  /** True while packets are being produced (connected, subscribed, not stopped). */
  get streaming(): boolean {
    return this.running;
  }

  get config(): DeviceConfig {
    return {
      version: PROFILE_VERSION,
      hasReference: this.source.hasReference,
      tared: this.stream.tared,
      streaming: this.running,
      rateHz: this.stream.rateHz,
      samplesPerPacket: this.stream.samplesPerPacket,
      minRateHz: MIN_RATE_HZ,
      maxRateHz: MAX_RATE_HZ,
      maxSamplesPerPacket: MAX_SAMPLES_PER_PACKET,
      fullScaleCmH2O: this.fullScale,
    };
  }

  /** Device time, ms since power-on (wraps to uint32 only on the wire). */
  deviceNow(): number {
    return this.clock.now() - this.bootClockMs + this.uptimeMs;
  }

  /** Grants the page access to these services (canonical UUIDs), as a requestDevice does. */
  grantServices(uuids: Iterable<string>): void {
    if (this.allowed === 'all') return;
    for (const uuid of uuids) this.allowed.add(uuid);
  }

  private openLink(): void {
    if (this.session) return;
    this.session = new Session(this.specs, () => this.session !== null);
  }

  /** Ends the link (either side): stops streaming, invalidates GATT objects, fires the event. */
  private closeLink(): void {
    if (!this.session) return;
    this.subscribed = false;
    this.enabled = false;
    this.refresh(false);
    this.session.end();
    this.session = null;
    this.dispatchEvent(new Event('gattserverdisconnected', { bubbles: true }));
  }

  // --- fault simulation hooks -------------------------------------------------------------

  /** The link drops (out of range, power loss of the radio); gatt.connect() works again later. */
  simulateDisconnect(): void {
    this.closeLink();
  }

  /** The next n packets are lost on air: they use up sequence numbers but are never delivered. */
  dropPackets(n: number): void {
    this.dropRemaining += checkRange('dropPackets count', n, 0, Number.MAX_SAFE_INTEGER);
  }

  /** Sends arbitrary bytes as a Pressure Measurement notification (e.g. a malformed packet). */
  injectRaw(bytes: Uint8Array): void {
    const delivered = this.session?.characteristic(PRESSURE_MEASUREMENT)?.notify(bytes.slice()) ?? false;
    if (!delivered) throw new Error('injectRaw: no client is subscribed to Pressure Measurement notifications');
  }

  get batteryLevel(): number {
    return this.battery;
  }

  /** Sets the battery level (0–100 %) and notifies a subscribed client. */
  set batteryLevel(percent: number) {
    this.battery = checkRange('batteryLevel', percent, 0, 100);
    this.session?.characteristic(BATTERY_LEVEL)?.notify(Uint8Array.of(this.battery));
  }

  // --- behaviour ----------------------------------------------------------------------------

  private buildSpecs(info: DeviceInformation): ServiceSpec[] {
    const text = (s: string) => () => new TextEncoder().encode(s);
    return [
      {
        uuid: REFERENCE_SERVICE,
        characteristics: [
          {
            uuid: PRESSURE_MEASUREMENT,
            properties: properties({ notify: true }),
            subscribed: (on) => this.onPressureSubscription(on),
          },
          {
            uuid: CONTROL_POINT,
            properties: properties({ write: true }),
            write: (bytes) => this.onControl(bytes),
          },
          {
            uuid: DEVICE_CONFIGURATION,
            properties: properties({ read: true }),
            read: () => encodeConfig(this.config),
          },
        ],
      },
      {
        uuid: BATTERY_SERVICE,
        characteristics: [
          { uuid: BATTERY_LEVEL, properties: properties({ read: true, notify: true }), read: () => Uint8Array.of(this.battery) },
        ],
      },
      {
        uuid: DEVICE_INFORMATION,
        characteristics: [
          { uuid: MANUFACTURER_NAME, properties: properties({ read: true }), read: text(info.manufacturer) },
          { uuid: MODEL_NUMBER, properties: properties({ read: true }), read: text(info.model) },
          { uuid: SERIAL_NUMBER, properties: properties({ read: true }), read: text(info.serial) },
          { uuid: FIRMWARE_REVISION, properties: properties({ read: true }), read: text(info.firmware) },
        ],
      },
    ];
  }

  private onPressureSubscription(on: boolean): void {
    this.subscribed = on;
    this.enabled = on; // subscribing starts the stream; unsubscribing stops it
    this.refresh(false);
  }

  private onControl(bytes: Uint8Array): void {
    let cmd: ControlCommand;
    try {
      cmd = decodeControl(bytes);
    } catch (e) {
      throw e instanceof ControlError ? applicationError(e.message) : e;
    }
    switch (cmd.op) {
      case 'tare':
        this.stream.tare(this.deviceNow(), this.running);
        return;
      case 'start':
        this.enabled = true;
        this.refresh(true);
        return;
      case 'stop':
        this.enabled = false;
        this.refresh(true);
        return;
      case 'set-rate':
        this.reconfigure(() => this.stream.setRate(cmd.rateHz));
        return;
      case 'set-samples-per-packet':
        this.reconfigure(() => {
          this.stream.samplesPerPacket = cmd.count;
        });
        return;
    }
  }

  /** Applies a rate or packet-size change between packets, then retimes the tick. */
  private reconfigure(change: () => void): void {
    if (this.running) {
      this.stream.pumpTo(this.deviceNow());
      this.stream.flush();
    }
    change();
    if (this.running) this.startTicker();
  }

  /** Starts or stops the stream to match link, subscription and start/stop state. */
  private refresh(sendPartial: boolean): void {
    const run = this.session !== null && this.subscribed && this.enabled;
    if (run === this.running) return;
    const t = this.deviceNow();
    if (run) {
      this.running = true;
      this.stream.start(t);
      this.startTicker();
      return;
    }
    this.stopTicker();
    if (sendPartial) {
      this.stream.pumpTo(t);
      this.stream.flush();
    } else {
      this.stream.discard();
    }
    this.running = false;
  }

  private startTicker(): void {
    this.stopTicker();
    const packetMs = (this.stream.samplesPerPacket * 1000) / this.stream.rateHz;
    this.cancelTick = this.clock.every(() => this.stream.pumpTo(this.deviceNow()), packetMs);
  }

  private stopTicker(): void {
    this.cancelTick?.();
    this.cancelTick = null;
  }

  private sendPressure(bytes: Uint8Array): void {
    if (this.dropRemaining > 0) {
      this.dropRemaining--;
      return;
    }
    this.session?.characteristic(PRESSURE_MEASUREMENT)?.notify(bytes);
  }
}
