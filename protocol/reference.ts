/**
 * Reference perineometer GATT profile, version 1: UUIDs and byte layouts, as pure functions,
 * shared by the app and the simulated device (firmware-sim/). `firmware-sim/README.md` is the
 * normative description; this file must stay in step with it.
 *
 * Error discipline: every decoder either returns a value or throws its own error class
 * (PacketError / ControlError), whatever bytes it is given.
 */

export const PROFILE_VERSION = 1;

/** Expands a 16-bit Bluetooth SIG UUID to the 128-bit lowercase form Web Bluetooth uses. */
export function uuid16(short: number): string {
  return `0000${short.toString(16).padStart(4, '0')}-0000-1000-8000-00805f9b34fb`;
}

export const REFERENCE_SERVICE = 'f10e0001-7c3a-4d5e-9a61-2b8c4e6f7a90';
export const PRESSURE_MEASUREMENT = 'f10e0002-7c3a-4d5e-9a61-2b8c4e6f7a90';
export const CONTROL_POINT = 'f10e0003-7c3a-4d5e-9a61-2b8c4e6f7a90';
export const DEVICE_CONFIGURATION = 'f10e0004-7c3a-4d5e-9a61-2b8c4e6f7a90';

export const BATTERY_SERVICE = uuid16(0x180f);
export const BATTERY_LEVEL = uuid16(0x2a19);
export const DEVICE_INFORMATION = uuid16(0x180a);
export const MANUFACTURER_NAME = uuid16(0x2a29);
export const MODEL_NUMBER = uuid16(0x2a24);
export const SERIAL_NUMBER = uuid16(0x2a25);
export const FIRMWARE_REVISION = uuid16(0x2a26);

export const NAME_PREFIX = 'PFT-Ref';

/** Limits of the profile. Decoders are lenient on rate (any rate ≥ 1 Hz); devices are not. */
export const HEADER_BYTES = 10;
export const MAX_SAMPLES_PER_PACKET = 16;
export const MIN_RATE_HZ = 20;
export const MAX_RATE_HZ = 100;
/** Pressure samples are int16 counts of 0.1 cmH2O. */
export const COUNTS_PER_CMH2O = 10;

const FLAG_REFERENCE = 0x01;
const FLAG_TARED = 0x02;
const FLAG_CLIPPED = 0x04;
const INT16_MIN = -32768;
const INT16_MAX = 32767;

// ---------------------------------------------------------------------------------------------
// Errors

export type PacketErrorCode = 'too-short' | 'length-mismatch' | 'unknown-version' | 'bad-count' | 'bad-rate';

/** A pressure packet or configuration value that does not follow the profile. */
export class PacketError extends Error {
  override readonly name = 'PacketError';
  constructor(
    readonly code: PacketErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type ControlErrorCode = 'empty' | 'unknown-opcode' | 'bad-length' | 'bad-parameter';

/** A control point command that does not follow the profile (the device answers ATT error 0x80). */
export class ControlError extends Error {
  override readonly name = 'ControlError';
  constructor(
    readonly code: ControlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Pressure Measurement

export interface PressureFlags {
  /** Bit 1: the device subtracted a tare (rest) offset from these samples. */
  readonly tared: boolean;
  /** Bit 2: at least one sample in the packet hit the sensor's or the encoding's limit. */
  readonly clipped: boolean;
}

/** One Pressure Measurement notification. Flag bit 0 (reference channel) is `ref !== null`. */
export interface PressurePacket {
  readonly version: number;
  readonly flags: PressureFlags;
  /** uint16 packet counter, +1 per packet sent (or dropped), wraps at 65536. */
  readonly sequence: number;
  /** uint32 device time of the first sample, ms, wraps at 2^32. */
  readonly timestampMs: number;
  /** Sample i was taken at timestampMs + i · 1000 / rateHz. */
  readonly rateHz: number;
  /** Main (pelvic-floor) channel, cmH2O. */
  readonly main: Float32Array;
  /** Reference (abdominal) channel, cmH2O, same length as main; null when absent. */
  readonly ref: Float32Array | null;
}

/** Wire length of a packet with n samples per channel. */
export function pressurePacketLength(n: number, hasReference: boolean): number {
  return HEADER_BYTES + 2 * n * (hasReference ? 2 : 1);
}

function checkVersion(version: number): void {
  if (version !== PROFILE_VERSION) {
    throw new PacketError('unknown-version', `Unknown profile version ${version}: this decoder understands version ${PROFILE_VERSION} only`);
  }
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SAMPLES_PER_PACKET) {
    throw new PacketError('bad-count', `Bad sample count ${n}: expected 1 to ${MAX_SAMPLES_PER_PACKET}`);
  }
}

function checkRate(rateHz: number): void {
  if (!Number.isInteger(rateHz) || rateHz < 1 || rateHz > 255) {
    throw new PacketError('bad-rate', `Bad sample rate ${rateHz} Hz: expected an integer from 1 to 255`);
  }
}

/** Writes cmH2O values as int16 counts; returns true if any value had to be clamped. */
function writeChannel(view: DataView, offset: number, values: Float32Array): boolean {
  let clipped = false;
  for (let i = 0; i < values.length; i++) {
    const counts = Math.round(values[i] * COUNTS_PER_CMH2O);
    // NaN is unusable: send 0 and flag the packet rather than throw in the middle of a stream.
    const safe = Number.isNaN(counts) ? 0 : Math.min(INT16_MAX, Math.max(INT16_MIN, counts));
    if (safe !== counts) clipped = true;
    view.setInt16(offset + 2 * i, safe, true);
  }
  return clipped;
}

/**
 * Encodes a packet. Values outside int16 counts (±3276.7 cmH2O) or NaN are clamped and set the
 * clipped flag. Sequence and timestamp are wrapping counters, so they are taken modulo 2^16 / 2^32.
 * Throws PacketError for a bad version, count, rate, or a ref channel of the wrong length.
 */
export function encodePressurePacket(p: PressurePacket): Uint8Array<ArrayBuffer> {
  const n = p.main.length;
  checkVersion(p.version);
  checkCount(n);
  checkRate(p.rateHz);
  if (p.ref !== null && p.ref.length !== n) {
    throw new PacketError('length-mismatch', `Reference channel has ${p.ref.length} samples, expected ${n} to match the main channel`);
  }
  const bytes = new Uint8Array(pressurePacketLength(n, p.ref !== null));
  const view = new DataView(bytes.buffer);
  let clipped = writeChannel(view, HEADER_BYTES, p.main);
  if (p.ref !== null) clipped = writeChannel(view, HEADER_BYTES + 2 * n, p.ref) || clipped;
  const flags = (p.ref !== null ? FLAG_REFERENCE : 0) | (p.flags.tared ? FLAG_TARED : 0) | (p.flags.clipped || clipped ? FLAG_CLIPPED : 0);
  view.setUint8(0, p.version);
  view.setUint8(1, flags);
  view.setUint16(2, Math.round(p.sequence) & 0xffff, true);
  view.setUint32(4, Math.round(p.timestampMs) >>> 0, true);
  view.setUint8(8, n);
  view.setUint8(9, p.rateHz);
  return bytes;
}

function readChannel(view: DataView, offset: number, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getInt16(offset + 2 * i, true) / COUNTS_PER_CMH2O;
  return out;
}

/**
 * Decodes one notification value. Reserved flag bits are ignored (forward compatibility).
 * Throws PacketError (and nothing else) for any malformed input.
 */
export function decodePressurePacket(view: DataView): PressurePacket {
  if (view.byteLength < HEADER_BYTES) {
    throw new PacketError('too-short', `Pressure packet too short: expected at least ${HEADER_BYTES} header bytes, got ${view.byteLength}`);
  }
  const version = view.getUint8(0);
  const flagBits = view.getUint8(1);
  const n = view.getUint8(8);
  const rateHz = view.getUint8(9);
  checkVersion(version);
  checkCount(n);
  checkRate(rateHz);
  const hasReference = (flagBits & FLAG_REFERENCE) !== 0;
  const expected = pressurePacketLength(n, hasReference);
  if (view.byteLength !== expected) {
    throw new PacketError(
      'length-mismatch',
      `Pressure packet length mismatch: header says ${n} samples ${hasReference ? 'with' : 'without'} ` +
        `reference channel, so expected ${expected} bytes, got ${view.byteLength}`,
    );
  }
  return {
    version,
    flags: { tared: (flagBits & FLAG_TARED) !== 0, clipped: (flagBits & FLAG_CLIPPED) !== 0 },
    sequence: view.getUint16(2, true),
    timestampMs: view.getUint32(4, true),
    rateHz,
    main: readChannel(view, HEADER_BYTES, n),
    ref: hasReference ? readChannel(view, HEADER_BYTES + 2 * n, n) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Control Point

export const ControlOpcode = {
  tare: 0x01,
  start: 0x02,
  stop: 0x03,
  setRate: 0x04,
  setSamplesPerPacket: 0x05,
} as const;

export type ControlCommand =
  | { readonly op: 'tare' }
  | { readonly op: 'start' }
  | { readonly op: 'stop' }
  | { readonly op: 'set-rate'; readonly rateHz: number }
  | { readonly op: 'set-samples-per-packet'; readonly count: number };

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

function checkRateParam(rateHz: number): void {
  if (!Number.isInteger(rateHz) || rateHz < MIN_RATE_HZ || rateHz > MAX_RATE_HZ) {
    throw new ControlError('bad-parameter', `Sample rate ${rateHz} Hz is not supported: expected ${MIN_RATE_HZ} to ${MAX_RATE_HZ} Hz`);
  }
}

function checkCountParam(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SAMPLES_PER_PACKET) {
    throw new ControlError('bad-parameter', `Samples per packet ${count} is not supported: expected 1 to ${MAX_SAMPLES_PER_PACKET}`);
  }
}

/** Bytes to write to the Control Point. Throws ControlError for an out-of-range parameter. */
export function encodeControl(cmd: ControlCommand): Uint8Array<ArrayBuffer> {
  switch (cmd.op) {
    case 'tare':
      return Uint8Array.of(ControlOpcode.tare);
    case 'start':
      return Uint8Array.of(ControlOpcode.start);
    case 'stop':
      return Uint8Array.of(ControlOpcode.stop);
    case 'set-rate':
      checkRateParam(cmd.rateHz);
      return Uint8Array.of(ControlOpcode.setRate, cmd.rateHz);
    case 'set-samples-per-packet':
      checkCountParam(cmd.count);
      return Uint8Array.of(ControlOpcode.setSamplesPerPacket, cmd.count);
  }
}

function checkLength(bytes: Uint8Array, expected: number, what: string): void {
  if (bytes.length !== expected) {
    throw new ControlError('bad-length', `${what} (opcode ${hex(bytes[0])}) takes ${expected} byte(s), got ${bytes.length}`);
  }
}

/** Parses a Control Point write. Throws ControlError (and nothing else) for any malformed input. */
export function decodeControl(bytes: Uint8Array): ControlCommand {
  if (bytes.length === 0) throw new ControlError('empty', 'Empty control point write: expected an opcode byte');
  switch (bytes[0]) {
    case ControlOpcode.tare:
      checkLength(bytes, 1, 'Tare');
      return { op: 'tare' };
    case ControlOpcode.start:
      checkLength(bytes, 1, 'Start streaming');
      return { op: 'start' };
    case ControlOpcode.stop:
      checkLength(bytes, 1, 'Stop streaming');
      return { op: 'stop' };
    case ControlOpcode.setRate:
      checkLength(bytes, 2, 'Set sample rate');
      checkRateParam(bytes[1]);
      return { op: 'set-rate', rateHz: bytes[1] };
    case ControlOpcode.setSamplesPerPacket:
      checkLength(bytes, 2, 'Set samples per packet');
      checkCountParam(bytes[1]);
      return { op: 'set-samples-per-packet', count: bytes[1] };
    default:
      throw new ControlError('unknown-opcode', `Unknown control opcode ${hex(bytes[0])}: expected 0x01 to 0x05`);
  }
}

// ---------------------------------------------------------------------------------------------
// Device Configuration

export interface DeviceConfig {
  readonly version: number;
  readonly hasReference: boolean;
  /** Tare offset currently applied. */
  readonly tared: boolean;
  /** Streaming enabled (notifications still need to be subscribed). */
  readonly streaming: boolean;
  readonly rateHz: number;
  readonly samplesPerPacket: number;
  readonly minRateHz: number;
  readonly maxRateHz: number;
  readonly maxSamplesPerPacket: number;
  /** Largest pressure the sensor reads before it clips, cmH2O (resolution 0.1). */
  readonly fullScaleCmH2O: number;
}

export const CONFIG_BYTES = 9;
const CONFIG_REFERENCE = 0x01;
const CONFIG_TARED = 0x02;
const CONFIG_STREAMING = 0x04;

export function encodeConfig(c: DeviceConfig): Uint8Array<ArrayBuffer> {
  checkVersion(c.version);
  checkRate(c.rateHz);
  checkCount(c.samplesPerPacket);
  const bytes = new Uint8Array(CONFIG_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, c.version);
  view.setUint8(1, (c.hasReference ? CONFIG_REFERENCE : 0) | (c.tared ? CONFIG_TARED : 0) | (c.streaming ? CONFIG_STREAMING : 0));
  view.setUint8(2, c.rateHz);
  view.setUint8(3, c.samplesPerPacket);
  view.setUint8(4, c.minRateHz);
  view.setUint8(5, c.maxRateHz);
  view.setUint8(6, c.maxSamplesPerPacket);
  view.setUint16(7, Math.min(0xffff, Math.max(0, Math.round(c.fullScaleCmH2O * COUNTS_PER_CMH2O))), true);
  return bytes;
}

/** Parses the Device Configuration value; trailing bytes are ignored (later fields may be appended). */
export function decodeConfig(view: DataView): DeviceConfig {
  if (view.byteLength < CONFIG_BYTES) {
    throw new PacketError('too-short', `Device configuration too short: expected at least ${CONFIG_BYTES} bytes, got ${view.byteLength}`);
  }
  const flags = view.getUint8(1);
  const config: DeviceConfig = {
    version: view.getUint8(0),
    hasReference: (flags & CONFIG_REFERENCE) !== 0,
    tared: (flags & CONFIG_TARED) !== 0,
    streaming: (flags & CONFIG_STREAMING) !== 0,
    rateHz: view.getUint8(2),
    samplesPerPacket: view.getUint8(3),
    minRateHz: view.getUint8(4),
    maxRateHz: view.getUint8(5),
    maxSamplesPerPacket: view.getUint8(6),
    fullScaleCmH2O: view.getUint16(7, true) / COUNTS_PER_CMH2O,
  };
  checkVersion(config.version);
  checkRate(config.rateHz);
  checkCount(config.samplesPerPacket);
  return config;
}
