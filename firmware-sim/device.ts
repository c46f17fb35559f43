/**
 * The simulated reference perineometer: a GATT device that app code cannot tell from a real
 * BluetoothDevice (same objects, events, error names), streaming the profile in README.md.
 *
 * Device time is `clock.now()` since creation (plus `uptimeMs`); packets carry device time, so a
 * throttled timer only delays delivery: each tick sends every packet that has fallen due.
 */
import type { GattDevice } from '../protocol/gatt';
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
  type ControlCommand,
  type DeviceConfig,
} from '../protocol/reference';
import { systemClock, type DeviceClock } from './clock';
import { applicationError } from './errors';
import { SimServer, Session, properties, type ServiceSpec } from './gatt-emulation';
import { PacketStream, type SampleSource } from './packet-stream';

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

/** How often a scheduled outage checks the time, ms. */
const OUTAGE_CHECK_MS = 50;

export class SimulatedPerineometer extends EventTarget implements GattDevice {
  readonly id: string;
  readonly name: string;
  readonly gatt: SimServer;
  /** Services in the advertising packet, which requestDevice filters match against. */
  readonly advertisedServices: readonly string[] = [REFERENCE_SERVICE];

  private readonly clock: DeviceClock;
  /** Device time until which the device is out of range (scheduleOutage). */
  private outOfRangeUntilMs = Number.NEGATIVE_INFINITY;
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
    if (this.deviceNow() < this.outOfRangeUntilMs) throw new DOMException('Connection failed for unknown reason.', 'NetworkError');
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

  /**
   * Out of range at device time `atMs` for `forMs`: the link drops then, and connecting fails
   * until the device is back in range.
   */
  scheduleOutage(atMs: number, forMs: number): void {
    const stop = this.clock.every(() => {
      if (this.deviceNow() < atMs) return;
      stop();
      this.outOfRangeUntilMs = this.deviceNow() + forMs;
      this.closeLink();
    }, OUTAGE_CHECK_MS);
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
        characteristics: [{ uuid: BATTERY_LEVEL, properties: properties({ read: true, notify: true }), read: () => Uint8Array.of(this.battery) }],
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
