import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/ble/decoders/decodeError';
import {
  CMH2O_PER_MMHG,
  FEMFIT_MMHG_PER_COUNT,
  assembleFemfit,
  createFemfitAssembly,
  decodeFemfitPair,
  rezeroFemfit,
  type FemfitPairReading,
} from '../../src/ble/decoders/femfit';
import { pairSensor } from '../../src/ble/pairing';
import { PROFILES } from '../../src/ble/profiles';
import { FEMFIT_PAIRS, FEMFIT_SERVICE } from '../../src/ble/profiles/femfit';
import type { SampleBatch } from '../../src/pipeline/types';
import { FakePeripheral, fakeBluetooth } from './ble-fake-gatt';

/** The 16-bit field that encodes `mmHg` (absolute): mmHg / factor − 65536. */
const field = (mmHg: number): number => Math.round(mmHg / FEMFIT_MMHG_PER_COUNT) - 65536;

/**
 * A notification laid out as documented: two leading bytes, then three readings of the pair's
 * first sensor at [2,3], [5,6], [8,9] and three of its second at [11,12], [14,15], [17,18],
 * big-endian (the bytes between them are not ours to interpret and are filled with junk).
 */
function packet(first: readonly number[], second: readonly number[], filler = 0xa5): Uint8Array {
  const bytes = new Uint8Array(20).fill(filler);
  const v = new DataView(bytes.buffer);
  [2, 5, 8].forEach((o, i) => v.setUint16(o, field(first[i]), false));
  [11, 14, 17].forEach((o, i) => v.setUint16(o, field(second[i]), false));
  return bytes;
}
const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

describe('femfit: one pair of sensors', () => {
  it('decodes the documented formula: 8B CD is one atmosphere, 760 mmHg; F9 2A is 970 mmHg', () => {
    const bytes = Uint8Array.from([0x00, 0x01, 0x8b, 0xcd, 0, 0x8b, 0xce, 0, 0x8b, 0xcf, 0, 0xf9, 0x2a, 0, 0xf9, 0x2a, 0, 0xf9, 0x2a]);
    const { first, second } = decodeFemfitPair(view(bytes));
    // (0x8BCD + 65536) × 0.00750063755 = 101325 Pa in mmHg.
    expect(first[0]).toBeCloseTo(760.0, 2);
    expect(first[1] - first[0]).toBeCloseTo(FEMFIT_MMHG_PER_COUNT, 9);
    expect(first[2] - first[0]).toBeCloseTo(2 * FEMFIT_MMHG_PER_COUNT, 9);
    expect(second).toEqual([second[0], second[0], second[0]]);
    expect(second[0]).toBeCloseTo(970.0, 2);
    // 1 mmHg = 1.35951 cmH2O: one atmosphere is 1033.2 cmH2O.
    expect(first[0] * CMH2O_PER_MMHG).toBeCloseTo(1033.23, 1);
  });

  it('rejects a short notification as malformed and a reading far outside 760–970 mmHg as out of range', () => {
    const error = (bytes: Uint8Array) => {
      try {
        decodeFemfitPair(view(bytes));
      } catch (e) {
        return e;
      }
      return null;
    };
    expect(error(packet([760, 760, 760], [760, 760, 760]).slice(0, 18))).toMatchObject({ kind: 'malformed' });
    const low = packet([760, 760, 760], [760, 760, 760]);
    low.set([0x00, 0x00], 8); // 65536 × factor = 491.6 mmHg: not a pressure inside a body
    expect(error(low)).toMatchObject({ kind: 'out-of-range' });
  });

  it('fuzzed: any bytes give six finite readings or a DecodeError; a valid layout reads back what was sent', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        try {
          const r = decodeFemfitPair(view(bytes));
          for (const x of [...r.first, ...r.second]) expect(Number.isFinite(x)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
      { numRuns: 2000 },
    );
    const mmHg = fc.double({ min: 760, max: 970, noNaN: true });
    fc.assert(
      fc.property(fc.array(mmHg, { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 255 }), (values, filler) => {
        const r = decodeFemfitPair(view(packet(values.slice(0, 3), values.slice(3), filler)));
        [...r.first, ...r.second].forEach((x, i) => expect(Math.abs(x - values[i])).toBeLessThanOrEqual(FEMFIT_MMHG_PER_COUNT / 2 + 1e-9));
      }),
      { numRuns: 1000 },
    );
  });
});

/** Eight sensors at `atm` + the given rise (mmHg), as the four pairs' readings (same three times). */
function probe(atm: number, rise: readonly number[]): FemfitPairReading[] {
  const s = (i: number) => atm + rise[i];
  return [0, 2, 4, 6].map((i) => ({ first: [s(i), s(i), s(i)], second: [s(i + 1), s(i + 1), s(i + 1)] }));
}

function round(a: ReturnType<typeof createFemfitAssembly>, pairs: FemfitPairReading[], atMs: number, order = [0, 1, 2, 3]): SampleBatch | null {
  let out: SampleBatch | null = null;
  for (const k of order) out = assembleFemfit(a, k, pairs[k], atMs) ?? out;
  return out;
}

describe('femfit: four pairs joined into a pelvic and an abdominal channel', () => {
  // Each sensor has its own offset at rest: zeroing is per sensor.
  const OFFSETS = [1.5, -0.8, 0.3, 2.2, -1.1, 0.6, 4.0, -2.5];

  it.each([760, 830, 955])('at %d mmHg ambient: rest is 0; a squeeze raises the pelvic channel only; bearing down raises both', (atm) => {
    const a = createFemfitAssembly();
    const first = round(a, probe(atm, OFFSETS), 1000);
    expect(first).not.toBeNull();
    expect(Array.from(first?.t ?? [])).toEqual([1000]);
    expect(first?.p[0]).toBeCloseTo(0, 4);
    expect(first?.ref?.[0]).toBeCloseTo(0, 4);

    // A squeeze: 20 mmHg over sensors 2–5, nothing at the top.
    const squeeze = OFFSETS.map((o, i) => o + (i >= 1 && i <= 4 ? 20 : 0));
    const s = round(a, probe(atm, squeeze), 1150);
    expect(Array.from(s?.t ?? [])).toEqual([1050, 1100, 1150]);
    expect(s?.p[2]).toBeCloseTo((4 * 20 * CMH2O_PER_MMHG) / 6, 3);
    expect(s?.ref?.[2]).toBeCloseTo(0, 3);

    // Bearing down: abdominal pressure pushes on every sensor.
    const strain = OFFSETS.map((o) => o + 15);
    const b = round(a, probe(atm, strain), 1300);
    expect(b?.p[2]).toBeCloseTo(15 * CMH2O_PER_MMHG, 3);
    expect(b?.ref?.[2]).toBeCloseTo(15 * CMH2O_PER_MMHG, 3);
  });

  it('keeps the three readings of each notification in order, spread over the time since the last round', () => {
    const a = createFemfitAssembly();
    round(a, probe(800, OFFSETS), 0);
    const pairs = probe(800, OFFSETS).map((p) => ({ first: [p.first[0], p.first[0] + 1, p.first[0] + 2] as const, second: p.second }));
    const b = round(a, pairs, 90);
    if (b === null) throw new Error('expected a round');
    expect(Array.from(b.t)).toEqual([30, 60, 90]);
    const step = (1 * CMH2O_PER_MMHG) / 6; // sensors 1, 3, 5 rise by 1 mmHg per reading
    expect(b.p[1] - b.p[0]).toBeCloseTo(3 * step, 3);
    expect(b.p[2] - b.p[1]).toBeCloseTo(3 * step, 3);
  });

  it('a lost notification: the next one from the same pair completes the round with the lost pair’s previous values', () => {
    const a = createFemfitAssembly();
    round(a, probe(800, OFFSETS), 0);
    const squeeze = probe(
      800,
      OFFSETS.map((o) => o + 10),
    );
    // Pair 3 (sensors 7–8) is lost this round; pair 0 sends again.
    expect(assembleFemfit(a, 0, squeeze[0], 100)).toBeNull();
    expect(assembleFemfit(a, 1, squeeze[1], 100)).toBeNull();
    expect(assembleFemfit(a, 2, squeeze[2], 100)).toBeNull();
    const b = assembleFemfit(a, 0, squeeze[0], 200);
    expect(b).not.toBeNull();
    expect(b?.p[2]).toBeCloseTo(10 * CMH2O_PER_MMHG, 3);
    expect(b?.ref?.[2]).toBeCloseTo(0, 3);
    // Nothing before every pair has sent once.
    const fresh = createFemfitAssembly();
    expect(assembleFemfit(fresh, 0, squeeze[0], 0)).toBeNull();
    expect(assembleFemfit(fresh, 0, squeeze[0], 50)).toBeNull();
  });

  it('Zero at rest: the next complete round is the new zero', () => {
    const a = createFemfitAssembly();
    round(a, probe(800, OFFSETS), 0);
    const higher = probe(
      800,
      OFFSETS.map((o) => o + 3),
    );
    expect(round(a, higher, 100)?.p[2]).toBeCloseTo(3 * CMH2O_PER_MMHG, 3);
    rezeroFemfit(a);
    expect(round(a, higher, 200)?.p[2]).toBeCloseTo(0, 3);
  });
});

describe('femfit over GATT', () => {
  it('pairs by its service, subscribes to all four sensor characteristics and streams cmH2O above rest', async () => {
    const femfit = new FakePeripheral('femfit', { [FEMFIT_SERVICE]: FEMFIT_PAIRS.map((uuid) => ({ uuid, notify: true })) });
    const paired = await pairSensor(fakeBluetooth(femfit), PROFILES);
    expect(paired.profile).toMatchObject({ id: 'femfit', unit: 'cmH2O', communityDocumented: true });
    let now = 0;
    const link = await paired.profile.createDriver({ now: () => now }).open(femfit, paired.server);
    for (const uuid of FEMFIT_PAIRS) expect(femfit.characteristic(uuid).notifying).toBe(true);
    const batches: SampleBatch[] = [];
    link.samples$.subscribe((b) => batches.push(b));
    const send = (mmHg: number) => FEMFIT_PAIRS.forEach((uuid) => femfit.notify(uuid, packet([mmHg, mmHg, mmHg], [mmHg, mmHg, mmHg])));
    send(800);
    now = 60;
    send(810);
    expect(batches).toHaveLength(2);
    expect(batches[1].p[2]).toBeCloseTo(10 * CMH2O_PER_MMHG, 1);
    expect(batches[1].ref?.[2]).toBeCloseTo(10 * CMH2O_PER_MMHG, 1);
  });
});
