import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ControlError,
  PacketError,
  PROFILE_VERSION,
  decodeConfig,
  decodeControl,
  decodePressurePacket,
  encodeConfig,
  encodeControl,
  encodePressurePacket,
  pressurePacketLength,
  type ControlCommand,
  type DeviceConfig,
  type PacketErrorCode,
  type PressurePacket,
} from '../../protocol/reference';

const fromHex = (hex: string): Uint8Array => Uint8Array.from(hex.trim().split(/\s+/), (b) => parseInt(b, 16));
const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The worked example in firmware-sim/README.md; the test below checks the README still shows it. */
const EXAMPLE_HEX = '01 03 02 01 40 E2 01 00 02 32 7B 00 C8 01 0A 00 FB FF';

function expectPacketError(bytes: Uint8Array, code: PacketErrorCode, ...messageParts: RegExp[]): void {
  let caught: unknown;
  try {
    decodePressurePacket(view(bytes));
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(PacketError);
  const error = caught as PacketError;
  expect(error.code).toBe(code);
  for (const part of messageParts) expect(error.message).toMatch(part);
}

describe('worked example', () => {
  it('is the one shown in the README', () => {
    const readme = readFileSync(new URL('../../firmware-sim/README.md', import.meta.url), 'utf8');
    expect(readme).toContain(EXAMPLE_HEX);
  });

  it('decodes to the documented values', () => {
    const p = decodePressurePacket(view(fromHex(EXAMPLE_HEX)));
    expect(p.version).toBe(1);
    expect(p.flags).toEqual({ tared: true, clipped: false });
    expect(p.sequence).toBe(258);
    expect(p.timestampMs).toBe(123456);
    expect(p.rateHz).toBe(50);
    expect([...p.main].map((v) => +v.toFixed(1))).toEqual([12.3, 45.6]);
    expect([...(p.ref ?? [])]).toEqual([1, -0.5]);
  });

  it('is what the encoder produces for those values', () => {
    const bytes = encodePressurePacket({
      version: 1,
      flags: { tared: true, clipped: false },
      sequence: 258,
      timestampMs: 123456,
      rateHz: 50,
      main: Float32Array.of(12.3, 45.6),
      ref: Float32Array.of(1, -0.5),
    });
    expect(bytes).toEqual(fromHex(EXAMPLE_HEX));
  });
});

const limitValue = fc.float({ min: Math.fround(-3276.8), max: Math.fround(3276.7), noNaN: true });
const channel = (n: number) => fc.array(limitValue, { minLength: n, maxLength: n }).map((a) => Float32Array.from(a));

const validPacket: fc.Arbitrary<PressurePacket> = fc.integer({ min: 1, max: 16 }).chain((n) =>
  fc.record({
    version: fc.constant(PROFILE_VERSION),
    flags: fc.record({ tared: fc.boolean(), clipped: fc.boolean() }),
    sequence: fc.integer({ min: 0, max: 0xffff }),
    timestampMs: fc.integer({ min: 0, max: 0xffffffff }),
    rateHz: fc.integer({ min: 1, max: 255 }),
    main: channel(n),
    ref: fc.option(channel(n), { nil: null }),
  }),
);

describe('pressure packet round trip', () => {
  it('decode(encode(p)) equals p within the 0.1 cmH2O quantisation', () => {
    fc.assert(
      fc.property(validPacket, (p) => {
        const bytes = encodePressurePacket(p);
        expect(bytes.length).toBe(pressurePacketLength(p.main.length, p.ref !== null));
        const q = decodePressurePacket(view(bytes));
        expect(q.flags).toEqual(p.flags);
        expect([q.version, q.sequence, q.timestampMs, q.rateHz]).toEqual([p.version, p.sequence, p.timestampMs, p.rateHz]);
        expect(q.main.length).toBe(p.main.length);
        p.main.forEach((v, i) => expect(Math.abs(q.main[i] - v)).toBeLessThanOrEqual(0.0501));
        expect(q.ref === null).toBe(p.ref === null);
        p.ref?.forEach((v, i) => expect(Math.abs((q.ref as Float32Array)[i] - v)).toBeLessThanOrEqual(0.0501));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes a packet laid out byte by byte as the README says, not by our encoder', () => {
    const packet = fc.record({
      flags: fc.integer({ min: 0, max: 255 }),
      sequence: fc.integer({ min: 0, max: 0xffff }),
      timestampMs: fc.integer({ min: 0, max: 0xffffffff }),
      rateHz: fc.integer({ min: 1, max: 255 }),
      counts: fc.integer({ min: 1, max: 16 }).chain((n) => fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: 2 * n, maxLength: 2 * n })),
    });
    fc.assert(
      fc.property(packet, ({ flags, sequence, timestampMs, rateHz, counts }) => {
        const hasRef = (flags & 0x01) !== 0;
        const n = counts.length / 2;
        const samples = hasRef ? counts : counts.slice(0, n);
        const bytes = new Uint8Array(10 + 2 * samples.length);
        const v = view(bytes);
        v.setUint8(0, 1);
        v.setUint8(1, flags);
        v.setUint16(2, sequence, true);
        v.setUint32(4, timestampMs, true);
        v.setUint8(8, n);
        v.setUint8(9, rateHz);
        samples.forEach((c, i) => v.setInt16(10 + 2 * i, c, true));
        const p = decodePressurePacket(v);
        expect([p.version, p.sequence, p.timestampMs, p.rateHz]).toEqual([1, sequence, timestampMs, rateHz]);
        expect(p.flags).toEqual({ tared: (flags & 0x02) !== 0, clipped: (flags & 0x04) !== 0 });
        expect(p.main.length).toBe(n);
        expect(p.ref === null).toBe(!hasRef);
        const decoded = [...p.main, ...(p.ref ?? [])];
        // 0.1 cmH2O counts; Float32 holds each to better than 0.001 cmH2O.
        decoded.forEach((cm, i) => {
          expect(Number.isFinite(cm)).toBe(true);
          expect(Math.abs(cm - samples[i] / 10)).toBeLessThanOrEqual(0.001);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes from a DataView that does not start at offset 0', () => {
    const padded = new Uint8Array(25);
    padded.set(fromHex(EXAMPLE_HEX), 7);
    expect(decodePressurePacket(new DataView(padded.buffer, 7, 18)).sequence).toBe(258);
  });

  it('clamps out-of-range and NaN samples and sets the clipped flag', () => {
    const p = decodePressurePacket(
      view(
        encodePressurePacket({
          version: 1,
          flags: { tared: false, clipped: false },
          sequence: 0,
          timestampMs: 0,
          rateHz: 50,
          main: Float32Array.of(4000, -4000, 1),
          ref: Float32Array.of(Number.NaN, 0, 0),
        }),
      ),
    );
    expect(p.flags.clipped).toBe(true);
    expect([...p.main].map((v) => +v.toFixed(1))).toEqual([3276.7, -3276.8, 1]);
    expect(p.ref?.[0]).toBe(0);
  });

  it('takes sequence and timestamp modulo their wire width', () => {
    const bytes = encodePressurePacket({
      version: 1,
      flags: { tared: false, clipped: false },
      sequence: 0x10003,
      timestampMs: 2 ** 32 + 5,
      rateHz: 20,
      main: Float32Array.of(0),
      ref: null,
    });
    const p = decodePressurePacket(view(bytes));
    expect([p.sequence, p.timestampMs, p.flags.clipped]).toEqual([3, 5, false]);
  });

  it('refuses to encode what it could not decode', () => {
    const base: PressurePacket = decodePressurePacket(view(fromHex(EXAMPLE_HEX)));
    expect(() => encodePressurePacket({ ...base, version: 2 })).toThrow(PacketError);
    expect(() => encodePressurePacket({ ...base, rateHz: 0 })).toThrow(/Bad sample rate 0 Hz/);
    expect(() => encodePressurePacket({ ...base, main: new Float32Array(17), ref: null })).toThrow(/Bad sample count 17/);
    expect(() => encodePressurePacket({ ...base, ref: new Float32Array(3) })).toThrow(/3 samples, expected 2/);
  });
});

describe('malformed pressure packets', () => {
  const example = fromHex(EXAMPLE_HEX);
  const patched = (offset: number, value: number): Uint8Array => {
    const copy = example.slice();
    copy[offset] = value;
    return copy;
  };

  it('too short to hold a header', () => {
    expectPacketError(example.slice(0, 3), 'too-short', /too short/, /at least 10 header bytes, got 3/);
    expectPacketError(new Uint8Array(0), 'too-short', /got 0/);
  });

  it('unknown version', () => {
    expectPacketError(patched(0, 2), 'unknown-version', /version 2/, /understands version 1/);
  });

  it('sample count 0 or above 16', () => {
    expectPacketError(patched(8, 0), 'bad-count', /count 0/, /1 to 16/);
    expectPacketError(patched(8, 17), 'bad-count', /count 17/);
  });

  it('sample rate 0', () => {
    expectPacketError(patched(9, 0), 'bad-rate', /rate 0 Hz/);
  });

  it('length does not match the stated count and channels', () => {
    expectPacketError(example.slice(0, 17), 'length-mismatch', /2 samples with reference channel/, /expected 18 bytes, got 17/);
    expectPacketError(patched(1, 0x02), 'length-mismatch', /without reference channel/, /expected 14 bytes, got 18/);
    expectPacketError(Uint8Array.of(...example, 0), 'length-mismatch', /expected 18 bytes, got 19/);
  });

  it('ignores reserved flag bits', () => {
    expect(decodePressurePacket(view(patched(1, 0xfb))).flags).toEqual({ tared: true, clipped: false });
  });
});

/** Bytes that often get past the first checks: version 1, small counts, lengths near valid. */
const nearlyValid = fc
  .record({
    flags: fc.integer({ min: 0, max: 255 }),
    n: fc.integer({ min: 0, max: 18 }),
    rate: fc.integer({ min: 0, max: 255 }),
    extra: fc.integer({ min: -40, max: 4 }),
    body: fc.uint8Array({ maxLength: 80 }),
  })
  .map(({ flags, n, rate, extra, body }) => {
    const bytes = new Uint8Array(Math.max(0, pressurePacketLength(n, (flags & 1) === 1) + extra));
    bytes.set(body.subarray(0, bytes.length));
    bytes.set([1, flags, 0, 0, 0, 0, 0, 0, n, rate].slice(0, bytes.length));
    return bytes;
  });

describe('decoder fuzz', () => {
  it('any byte string either decodes consistently or throws PacketError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 80 }), nearlyValid), fc.nat(8), (bytes, offset) => {
        // Also at a non-zero offset into a larger buffer, as a notification's DataView may be.
        const buffer = new Uint8Array(bytes.length + offset);
        buffer.set(bytes, offset);
        try {
          const p = decodePressurePacket(new DataView(buffer.buffer, offset, bytes.length));
          expect(p.main.length).toBeGreaterThanOrEqual(1);
          expect(p.main.length).toBeLessThanOrEqual(16);
          expect(bytes.length).toBe(pressurePacketLength(p.main.length, p.ref !== null));
        } catch (e) {
          expect(e).toBeInstanceOf(PacketError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('decodeControl and decodeConfig throw only their own errors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        try {
          decodeControl(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(ControlError);
        }
        try {
          decodeConfig(view(bytes));
        } catch (e) {
          expect(e).toBeInstanceOf(PacketError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('control point', () => {
  const commands: [ControlCommand, string][] = [
    [{ op: 'tare' }, '01'],
    [{ op: 'start' }, '02'],
    [{ op: 'stop' }, '03'],
    [{ op: 'set-rate', rateHz: 50 }, '04 32'],
    [{ op: 'set-samples-per-packet', count: 5 }, '05 05'],
  ];

  it.each(commands)('%o encodes as %s and decodes back', (cmd, hex) => {
    expect(encodeControl(cmd)).toEqual(fromHex(hex));
    expect(decodeControl(fromHex(hex))).toEqual(cmd);
  });

  it.each([
    ['', 'empty', /Empty control point write/],
    ['09', 'unknown-opcode', /Unknown control opcode 0x09/],
    ['01 00', 'bad-length', /Tare \(opcode 0x01\) takes 1 byte\(s\), got 2/],
    ['04', 'bad-length', /Set sample rate \(opcode 0x04\) takes 2 byte\(s\), got 1/],
    ['04 13', 'bad-parameter', /Sample rate 19 Hz is not supported: expected 20 to 100 Hz/],
    ['04 65', 'bad-parameter', /Sample rate 101 Hz/],
    ['05 00', 'bad-parameter', /Samples per packet 0 is not supported: expected 1 to 16/],
    ['05 11', 'bad-parameter', /Samples per packet 17/],
  ])('rejects "%s" with %s', (hex, code, message) => {
    const bytes = hex === '' ? new Uint8Array(0) : fromHex(hex);
    expect(() => decodeControl(bytes)).toThrow(message);
    try {
      decodeControl(bytes);
    } catch (e) {
      expect((e as ControlError).code).toBe(code);
    }
  });

  it('every in-range parameter survives encode then decode', () => {
    const command: fc.Arbitrary<ControlCommand> = fc.oneof(
      fc.integer({ min: 20, max: 100 }).map((rateHz): ControlCommand => ({ op: 'set-rate', rateHz })),
      fc.integer({ min: 1, max: 16 }).map((count): ControlCommand => ({ op: 'set-samples-per-packet', count })),
    );
    fc.assert(
      fc.property(command, (cmd) => {
        expect(decodeControl(encodeControl(cmd))).toEqual(cmd);
      }),
    );
  });

  it('will not encode an out-of-range parameter', () => {
    expect(() => encodeControl({ op: 'set-rate', rateHz: 200 })).toThrow(ControlError);
    expect(() => encodeControl({ op: 'set-samples-per-packet', count: 2.5 })).toThrow(ControlError);
  });
});

describe('device configuration', () => {
  const config: DeviceConfig = {
    version: 1,
    hasReference: true,
    tared: false,
    streaming: false,
    rateHz: 50,
    samplesPerPacket: 5,
    minRateHz: 20,
    maxRateHz: 100,
    maxSamplesPerPacket: 16,
    fullScaleCmH2O: 300,
  };

  it('matches the README example and round-trips', () => {
    expect(encodeConfig(config)).toEqual(fromHex('01 01 32 05 14 64 10 B8 0B'));
    expect(decodeConfig(view(fromHex('01 01 32 05 14 64 10 B8 0B')))).toEqual(config);
  });

  it('decodes any valid configuration laid out as the README says, and encodes it back to the same bytes', () => {
    const config = fc.record({
      flags: fc.integer({ min: 0, max: 7 }),
      rateHz: fc.integer({ min: 1, max: 255 }),
      samplesPerPacket: fc.integer({ min: 1, max: 16 }),
      limits: fc.uint8Array({ minLength: 3, maxLength: 3 }),
      fullScaleCounts: fc.integer({ min: 0, max: 0xffff }),
    });
    fc.assert(
      fc.property(config, ({ flags, rateHz, samplesPerPacket, limits, fullScaleCounts }) => {
        const bytes = new Uint8Array(9);
        const v = view(bytes);
        bytes.set([1, flags, rateHz, samplesPerPacket, ...limits]);
        v.setUint16(7, fullScaleCounts, true);
        const c = decodeConfig(v);
        expect(c).toEqual({
          version: 1,
          hasReference: (flags & 1) !== 0,
          tared: (flags & 2) !== 0,
          streaming: (flags & 4) !== 0,
          rateHz,
          samplesPerPacket,
          minRateHz: limits[0],
          maxRateHz: limits[1],
          maxSamplesPerPacket: limits[2],
          fullScaleCmH2O: fullScaleCounts / 10,
        });
        expect(encodeConfig(c)).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });

  it('ignores appended fields and rejects short or unknown values', () => {
    expect(decodeConfig(view(fromHex('01 01 32 05 14 64 10 B8 0B FF FF')))).toEqual(config);
    expect(() => decodeConfig(view(fromHex('01 01 32')))).toThrow(/expected at least 9 bytes, got 3/);
    expect(() => decodeConfig(view(fromHex('02 01 32 05 14 64 10 B8 0B')))).toThrow(/Unknown profile version 2/);
  });
});
