import type { SampleBatch } from '../../pipeline/types';
import { requireLength, requireRange } from './decodeError';

/**
 * femfit research probe (community-documented, from the open-source app written for it): 8
 * pressure sensors 10 mm apart; sensors 1–6 lie over the pelvic floor, sensor 8 reads
 * intra-abdominal pressure. Each of four characteristics notifies one pair of sensors (1–2, 3–4,
 * 5–6, 7–8) with three readings of each.
 */

/** mmHg per count of the 17-bit absolute value (the Pa → mmHg factor). */
export const FEMFIT_MMHG_PER_COUNT = 0.00750063755;
/** The conventional factor (1 mmHg = 1.35951 cmH2O). */
export const CMH2O_PER_MMHG = 1.35951;
/** Documented valid range about 760–970 mmHg absolute; a small margin either side for "about". */
export const FEMFIT_MIN_MMHG = 750;
export const FEMFIT_MAX_MMHG = 980;

/** Byte offsets of the three readings of the pair's first sensor, then of its second. */
const FIRST_OFFSETS = [2, 5, 8] as const;
const SECOND_OFFSETS = [11, 14, 17] as const;

/** Three successive readings of each sensor of one pair, mmHg absolute. */
export interface FemfitPairReading {
  readonly first: readonly [number, number, number];
  readonly second: readonly [number, number, number];
}

/** One reading: big-endian 16 bits plus 65536, times the documented factor. */
function reading(view: DataView, offset: number, what: string): number {
  const mmHg = (view.getUint16(offset, false) + 65536) * FEMFIT_MMHG_PER_COUNT;
  requireRange(mmHg, FEMFIT_MIN_MMHG, FEMFIT_MAX_MMHG, what);
  return mmHg;
}

/** One notification of one pair's characteristic; at least 19 bytes. */
export function decodeFemfitPair(view: DataView): FemfitPairReading {
  requireLength(view, 19, 'femfit sensor pair');
  const three = ([a, b, c]: readonly [number, number, number], which: string): readonly [number, number, number] => {
    const what = `femfit ${which} sensor (mmHg)`;
    return [reading(view, a, what), reading(view, b, what), reading(view, c, what)];
  };
  return { first: three(FIRST_OFFSETS, 'first'), second: three(SECOND_OFFSETS, 'second') };
}

export function mmHgToCmH2O(mmHg: number): number {
  return mmHg * CMH2O_PER_MMHG;
}

/** Sensors 1–6 (indexes 0–5) form the pelvic channel; sensor 8 (index 7) is the abdominal reference. */
const PELVIC_SENSORS = [0, 1, 2, 3, 4, 5] as const;
const ABDOMINAL_SENSOR = 7;

/**
 * Joins the four characteristics' notifications into samples. A round is complete when every
 * pair has sent once; a pair that sends again before that (another pair's notification was
 * lost) completes the round with the lost pair's previous values.
 */
export interface FemfitAssembly {
  readonly latest: (FemfitPairReading | null)[];
  readonly fresh: boolean[];
  /** Each sensor's resting level, cmH2O absolute; null: taken from the next complete round. */
  rest: number[] | null;
  /** Arrival of the previous complete round, ms; NaN before the first. */
  lastRoundMs: number;
}

export function createFemfitAssembly(): FemfitAssembly {
  return { latest: [null, null, null, null], fresh: [false, false, false, false], rest: null, lastRoundMs: Number.NaN };
}

/** The next complete round zeroes every sensor again ("Zero at rest"). */
export function rezeroFemfit(assembly: FemfitAssembly): void {
  assembly.rest = null;
}

/**
 * Adds pair `pair` (0 = sensors 1–2 … 3 = sensors 7–8), arrived at `arrivalMs`. Returns the samples
 * of a round it completes, else null. Values are cmH2O above each sensor's resting level: main
 * is the mean of sensors 1–6, reference is sensor 8, so a squeeze raises main and straining
 * raises both. The first round gives its newest reading; later rounds spread their three
 * readings over the time since the round before.
 */
export function assembleFemfit(assembly: FemfitAssembly, pair: number, values: FemfitPairReading, arrivalMs: number): SampleBatch | null {
  let out: SampleBatch | null = null;
  if (assembly.fresh[pair]) {
    if (assembly.latest.every((r) => r !== null)) out = emitRound(assembly, arrivalMs);
    assembly.fresh.fill(false);
  }
  assembly.latest[pair] = values;
  assembly.fresh[pair] = true;
  if (assembly.fresh.every(Boolean)) {
    out = emitRound(assembly, arrivalMs);
    assembly.fresh.fill(false);
  }
  return out;
}

function emitRound(assembly: FemfitAssembly, arrivalMs: number): SampleBatch {
  // sensor s, reading i (cmH2O absolute)
  const at = (s: number, i: number): number => {
    const pair = assembly.latest[s >> 1] as FemfitPairReading;
    return mmHgToCmH2O((s % 2 === 0 ? pair.first : pair.second)[i]);
  };
  if (assembly.rest === null) assembly.rest = Array.from({ length: 8 }, (_, s) => (at(s, 0) + at(s, 1) + at(s, 2)) / 3);
  const rest = assembly.rest;
  const periodMs = (arrivalMs - assembly.lastRoundMs) / 3;
  const first = periodMs > 0 ? 0 : 2;
  const n = 3 - first;
  const t = new Float64Array(n);
  const p = new Float32Array(n);
  const ref = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const i = first + k;
    t[k] = periodMs > 0 ? arrivalMs - (2 - i) * periodMs : arrivalMs;
    let pelvic = 0;
    for (const s of PELVIC_SENSORS) pelvic += at(s, i) - rest[s];
    p[k] = pelvic / PELVIC_SENSORS.length;
    ref[k] = at(ABDOMINAL_SENSOR, i) - rest[ABDOMINAL_SENSOR];
  }
  assembly.lastRoundMs = arrivalMs;
  return { t, p, ref, lostBefore: 0 };
}
