import fc from 'fast-check';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { PacketError, decodePressurePacket, encodePressurePacket } from '../../protocol/reference';
import { DecodeError, type Reading } from '../../src/ble/decoders/decodeError';
import { decodeElvie } from '../../src/ble/decoders/elvie';
import { PA_PER_CMH2O, decodeEssPressure } from '../../src/ble/decoders/ess';
import { KGOAL_MAX, decodeKGoal } from '../../src/ble/decoders/kgoal';
import { decodeMagicMotion } from '../../src/ble/decoders/magicMotion';
import { decodePerifit } from '../../src/ble/decoders/perifit';
import { createReferenceClock, packetToBatch } from '../../src/ble/decoders/reference';
import type { GattServer } from '../../protocol/gatt';
import type { LinkFault } from '../../src/ble/profile';
import { arrivalLink } from '../../src/ble/sampleLink';
import type { SampleBatch } from '../../src/pipeline/types';

const fromHex = (hex: string): DataView => {
  const bytes = Uint8Array.from(hex.trim().split(/\s+/), (b) => parseInt(b, 16));
  return new DataView(bytes.buffer);
};
const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function decodeError(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected a DecodeError, got a value');
}

describe('Environmental Sensing pressure (0x2A6D)', () => {
  it('decodes the devices.md example: B2 48 0F 00 = 1001.65 hPa = 1021.40 cmH2O', () => {
    const cm = decodeEssPressure(fromHex('B2 48 0F 00'));
    expect(cm * PA_PER_CMH2O).toBeCloseTo(100_165.0, 6);
    expect(cm).toBeCloseTo(1021.4, 2);
  });

  it('turns a 20 cmH2O squeeze on top of ambient into +20 cmH2O', () => {
    const rest = Math.round(100_165.0 * 10);
    const squeeze = Math.round((100_165.0 + 20 * PA_PER_CMH2O) * 10);
    const encode = (v: number) => {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, v, true);
      return view(b);
    };
    expect(decodeEssPressure(encode(squeeze)) - decodeEssPressure(encode(rest))).toBeCloseTo(20, 2);
  });

  it('rejects a value of the wrong length as malformed and an impossible pressure as out of range', () => {
    expect(decodeError(() => decodeEssPressure(fromHex('B2 48 0F'))).kind).toBe('malformed');
    expect(decodeError(() => decodeEssPressure(fromHex('B2 48 0F 00 00'))).kind).toBe('malformed');
    expect(decodeError(() => decodeEssPressure(fromHex('00 00 00 00'))).kind).toBe('out-of-range');
    expect(decodeError(() => decodeEssPressure(fromHex('FF FF FF FF'))).kind).toBe('out-of-range');
  });
});

describe('kGoal', () => {
  it('decodes the Boost example: 00 01 04 00 00 05 d3 → normalized 0, raw 1491', () => {
    expect(decodeKGoal(fromHex('00 01 04 00 00 05 d3'))).toEqual({ normalized: 0, raw: 1491 });
  });

  it('decodes the older 19-byte kGoal: 00 01 04 01 9b 07 67 … → calibrated 411, uncalibrated 1895', () => {
    const bytes = '00 01 04 01 9b 07 67' + ' 00'.repeat(12);
    expect(fromHex(bytes).byteLength).toBe(19);
    expect(decodeKGoal(fromHex(bytes))).toEqual({ normalized: 411, raw: 1895 });
  });

  it('rejects a short value, a foreign header and a reading above 2000', () => {
    expect(decodeError(() => decodeKGoal(fromHex('00 01 04 00 00 05'))).kind).toBe('malformed');
    expect(decodeError(() => decodeKGoal(fromHex('00 02 04 00 00 05 d3'))).message).toMatch(/header 00 02 04/);
    expect(decodeError(() => decodeKGoal(fromHex('00 01 04 00 00 08 00'))).kind).toBe('out-of-range');
  });
});

describe('Magic Motion, Perifit, Elvie', () => {
  it('Magic Motion: 2 bytes big-endian, 01 2c = 300 counts', () => {
    expect(decodeMagicMotion(fromHex('01 2c'))).toBe(300);
    expect(decodeError(() => decodeMagicMotion(fromHex('01'))).kind).toBe('malformed');
  });

  it('Perifit: base then tip, big-endian; the largest value seen, 13 78, reads 4984', () => {
    // Within the documented range (up to about 0x1400): base at its largest seen, tip at rest.
    expect(decodePerifit(fromHex('13 78 02 10'))).toEqual({ base: 4984, tip: 528 });
    // Read little-endian the same bytes would be 30739 and 4098, far above anything seen.
    expect(decodePerifit(fromHex('78 13 10 02')).base).toBeGreaterThan(0x1400);
    expect(decodeError(() => decodePerifit(fromHex('78 13 10'))).kind).toBe('malformed');
  });

  it('Elvie: byte 5 is the pressure', () => {
    expect(decodeElvie(fromHex('00 00 00 00 00 0f 00 00'))).toBe(15);
    expect(decodeError(() => decodeElvie(fromHex('00 00 00 00 00'))).kind).toBe('malformed');
  });
});

/** Every arrival-time decoder, as the links use it. */
const READERS: ReadonlyArray<[string, (v: DataView) => Reading]> = [
  ['ess', (v) => ({ main: decodeEssPressure(v), ref: null })],
  ['kgoal', (v) => ({ main: decodeKGoal(v).raw, ref: null })],
  ['magic-motion', (v) => ({ main: decodeMagicMotion(v), ref: null })],
  ['perifit', (v) => ({ main: decodePerifit(v).base, ref: decodePerifit(v).tip })],
  ['elvie', (v) => ({ main: decodeElvie(v), ref: null })],
];

const anyBytes = fc.uint8Array({ maxLength: 40 });

describe('fuzzed: any bytes give a finite reading or a DecodeError', () => {
  it.each(READERS)('%s', (_, read) => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        let reading: Reading;
        try {
          reading = read(view(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
          return;
        }
        expect(Number.isFinite(reading.main)).toBe(true);
        if (reading.ref !== null) expect(Number.isFinite(reading.ref)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('kgoal values that decode stay within the documented 0–2000', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 19 }), (tail) => {
        const bytes = Uint8Array.from([0x00, 0x01, 0x04, ...tail]);
        try {
          const { raw, normalized } = decodeKGoal(view(bytes));
          expect(raw).toBeLessThanOrEqual(KGOAL_MAX);
          expect(normalized).toBeLessThanOrEqual(KGOAL_MAX);
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
    );
  });

  it('reference packets: a finite batch in increasing stream time, or a PacketError', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        let batch: SampleBatch;
        try {
          batch = packetToBatch(decodePressurePacket(view(bytes)), createReferenceClock(), 0);
        } catch (error) {
          expect(error).toBeInstanceOf(PacketError);
          return;
        }
        for (let i = 0; i < batch.t.length; i++) {
          expect(Number.isFinite(batch.p[i])).toBe(true);
          if (i > 0) expect(batch.t[i]).toBeGreaterThan(batch.t[i - 1]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a link fed garbage counts it as faults and keeps delivering the good values in between', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyBytes, fc.integer({ min: 0, max: 2000 })), { maxLength: 30 }), (items) => {
        const values = new Subject<DataView>();
        let now = 0;
        const link = arrivalLink('kgoal', {} as GattServer, values, (v) => ({ main: decodeKGoal(v).raw, ref: null }), { now: () => now });
        const batches: SampleBatch[] = [];
        const faults: LinkFault[] = [];
        link.faults$.subscribe((f) => faults.push(f));
        link.samples$.subscribe((b) => batches.push(b));
        const good: number[] = [];
        let bad = 0;
        for (const item of items) {
          now += 50;
          if (typeof item === 'number') {
            good.push(item);
            values.next(view(Uint8Array.of(0, 1, 4, 0, 0, item >> 8, item & 0xff)));
          } else {
            try {
              decodeKGoal(view(item));
              good.push(new DataView(item.buffer).getUint16(5, false));
            } catch {
              bad++;
            }
            values.next(view(item));
          }
        }
        expect(batches.map((b) => b.p[0])).toEqual(good);
        expect(faults).toHaveLength(bad);
      }),
    );
  });
});

/** A value of `length` bytes laid out by `write`, as the device would send it. */
function bytesOf(length: number, write: (v: DataView) => void): DataView {
  const v = new DataView(new ArrayBuffer(length));
  write(v);
  return v;
}

const uint16 = fc.integer({ min: 0, max: 0xffff });

// The fuzz above passes if a decoder never succeeds; these build valid values by the documented
// layout (docs/devices.md), byte by byte, and check the decoder gives back what was sent.
describe('fuzzed: a valid value decodes to exactly what was sent', () => {
  it('ess: 0.1 Pa uint32 little-endian, 30–200 kPa, read back within half the 0.1 Pa step', () => {
    const halfStepCmH2O = 0.05 / PA_PER_CMH2O;
    fc.assert(
      fc.property(fc.double({ min: 30_000 / PA_PER_CMH2O, max: 200_000 / PA_PER_CMH2O, noNaN: true }), (cm) => {
        const decoded = decodeEssPressure(bytesOf(4, (v) => v.setUint32(0, Math.round(cm * PA_PER_CMH2O * 10), true)));
        expect(Number.isFinite(decoded)).toBe(true);
        expect(Math.abs(decoded - cm)).toBeLessThanOrEqual(halfStepCmH2O + 1e-9);
      }),
      { numRuns: 2000 },
    );
  });

  it('kgoal: header 00 01 04, normalized and raw big-endian 0–2000, any trailing bytes', () => {
    const reading = fc.integer({ min: 0, max: KGOAL_MAX });
    fc.assert(
      fc.property(reading, reading, fc.uint8Array({ maxLength: 12 }), (normalized, raw, tail) => {
        const v = bytesOf(7 + tail.length, (w) => {
          w.setUint8(1, 0x01);
          w.setUint8(2, 0x04);
          w.setUint16(3, normalized, false);
          w.setUint16(5, raw, false);
          tail.forEach((b, i) => w.setUint8(7 + i, b));
        });
        const decoded = decodeKGoal(v);
        expect(Number.isFinite(decoded.normalized) && Number.isFinite(decoded.raw)).toBe(true);
        expect(decoded).toEqual({ normalized, raw });
      }),
      { numRuns: 2000 },
    );
  });

  it('magic-motion: one big-endian uint16', () => {
    fc.assert(
      fc.property(uint16, (counts) => {
        const decoded = decodeMagicMotion(bytesOf(2, (v) => v.setUint16(0, counts, false)));
        expect(Number.isFinite(decoded)).toBe(true);
        expect(decoded).toBe(counts);
      }),
      { numRuns: 2000 },
    );
  });

  it('perifit: base then tip, big-endian uint16 each', () => {
    fc.assert(
      fc.property(uint16, uint16, (base, tip) => {
        const decoded = decodePerifit(
          bytesOf(4, (v) => {
            v.setUint16(0, base, false);
            v.setUint16(2, tip, false);
          }),
        );
        expect(Number.isFinite(decoded.base) && Number.isFinite(decoded.tip)).toBe(true);
        expect(decoded).toEqual({ base, tip });
      }),
      { numRuns: 2000 },
    );
  });

  it('elvie: byte 5 of a value of 6 bytes or more, whatever the other bytes hold', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 20 }), (bytes) => {
        const decoded = decodeElvie(view(bytes));
        expect(Number.isFinite(decoded)).toBe(true);
        expect(decoded).toBe(bytes[5]);
      }),
      { numRuns: 2000 },
    );
  });

  it('reference: consecutive packets give their samples in cmH2O, on the device clock, none lost', () => {
    const session = fc.record({
      rateHz: fc.integer({ min: 1, max: 255 }),
      n: fc.integer({ min: 1, max: 16 }),
      withRef: fc.boolean(),
      // Anywhere on the uint32 clock, so some sessions cross its wrap; any start of the sequence.
      t0: fc.integer({ min: 0, max: 0xffffffff }),
      seq0: uint16,
      packets: fc.integer({ min: 1, max: 6 }),
      counts: fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: 2 * 16 * 6, maxLength: 2 * 16 * 6 }),
    });
    fc.assert(
      fc.property(session, ({ rateHz, n, withRef, t0, seq0, packets, counts }) => {
        const period = 1000 / rateHz;
        const clock = createReferenceClock();
        for (let k = 0; k < packets; k++) {
          // Header and int16 samples as firmware-sim/README.md lays them out.
          const main = counts.slice(2 * n * k, 2 * n * k + n);
          const ref = counts.slice(2 * n * k + n, 2 * n * (k + 1));
          const offsetMs = Math.round(k * n * period);
          const bytes = bytesOf(10 + 2 * n * (withRef ? 2 : 1), (v) => {
            v.setUint8(0, 1);
            v.setUint8(1, withRef ? 0x01 : 0);
            v.setUint16(2, (seq0 + k) & 0xffff, true);
            v.setUint32(4, (t0 + offsetMs) >>> 0, true);
            v.setUint8(8, n);
            v.setUint8(9, rateHz);
            main.forEach((c, i) => v.setInt16(10 + 2 * i, c, true));
            if (withRef) ref.forEach((c, i) => v.setInt16(10 + 2 * n + 2 * i, c, true));
          });
          const batch = packetToBatch(decodePressurePacket(bytes), clock, offsetMs);
          expect(batch.lostBefore).toBe(0);
          expect(batch.ref === null).toBe(!withRef);
          for (let i = 0; i < n; i++) {
            expect(Number.isFinite(batch.p[i]) && Number.isFinite(batch.t[i])).toBe(true);
            // Float32 holds counts / 10 to better than 0.001 cmH2O across the int16 range.
            expect(Math.abs(batch.p[i] - main[i] / 10)).toBeLessThanOrEqual(0.001);
            if (batch.ref !== null) expect(Math.abs(batch.ref[i] - ref[i] / 10)).toBeLessThanOrEqual(0.001);
            // Whole-ms timestamps: the first sample of each packet is rounded to the ms.
            expect(Math.abs(batch.t[i] - (k * n + i) * period)).toBeLessThanOrEqual(0.5 + 1e-9);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('reference device stream time', () => {
  const packet = (sequence: number, timestampMs: number, n = 5, rateHz = 50) =>
    decodePressurePacket(
      view(
        encodePressurePacket({
          version: 1,
          flags: { tared: false, clipped: false },
          sequence,
          timestampMs,
          rateHz,
          main: new Float32Array(n).fill(30),
          ref: null,
        }),
      ),
    );

  it('starts at 0 and follows the device clock across a uint32 wrap', () => {
    const clock = createReferenceClock();
    expect(Array.from(packetToBatch(packet(0, 0xffffff9c), clock, 0).t)).toEqual([0, 20, 40, 60, 80]);
    // 100 ms later the device clock has wrapped to 0.
    expect(packetToBatch(packet(1, 0), clock, 100).t[0]).toBe(100);
  });

  it('counts the samples of lost packets from the sequence and timestamps', () => {
    const clock = createReferenceClock();
    packetToBatch(packet(10, 1000), clock, 0);
    // Packets 11 and 12 (10 samples) never arrived.
    expect(packetToBatch(packet(13, 1300), clock, 300).lostBefore).toBe(10);
  });

  it('keeps stream time going forward when the device restarted while disconnected', () => {
    const clock = createReferenceClock();
    packetToBatch(packet(500, 60_000), clock, 1000); // last sample at stream time 80 ms
    // The device rebooted: its clock reads 200 ms, 5 s after the last packet arrived.
    const batch = packetToBatch(packet(0, 200), clock, 6000);
    expect(batch.t[0]).toBeCloseTo(80 + 5000, 6);
    expect(batch.lostBefore).toBe(0);
  });
});
