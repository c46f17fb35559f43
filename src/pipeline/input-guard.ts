/**
 * Which readings a sensor can possibly send. A reading outside its unit's range is a corrupt
 * packet, a broken cell or an overflow, never pressure: it is dropped (and counted) before
 * anything learns from it, live (TrainingSession) and in `npm run analyze` alike, because one
 * such value would swamp the running sums and averages the detector keeps.
 */
import type { SampleBatch } from './types.ts';

/** Units a reading can come in before any calibration. */
export type ReadingUnit = 'cmH2O' | 'counts';

/**
 * cmH2O: a tared probe rests near 0 and a squeeze cannot pull a vacuum, so nothing below −50; an
 * absolute probe rests at the air pressure (about 650 cmH2O in a mountain town, 1100 at sea level
 * in the deepest high) and a squeeze adds at most about 300, so nothing above 1500.
 * counts: every count device sends an 8- or 16-bit unsigned field.
 */
export const PLAUSIBLE_RANGE: Readonly<Record<ReadingUnit, { readonly min: number; readonly max: number }>> = {
  cmH2O: { min: -50, max: 1500 },
  counts: { min: 0, max: 65535 },
};

/**
 * Past this magnitude no unit the detector is fed (cmH2O, counts, % of max) has a reading: the
 * detector's own last line of defence when a caller skipped the guard.
 */
export const MAX_ABS_READING = 1e6;

/** Whether `x` can be a reading in `unit` (false for NaN and ±Infinity). */
export function isPlausibleReading(x: number, unit: ReadingUnit): boolean {
  const range = PLAUSIBLE_RANGE[unit];
  return x >= range.min && x <= range.max;
}

/** A batch with its impossible readings taken out, and how many there were. */
export interface GuardedBatch {
  readonly batch: SampleBatch;
  readonly rejected: number;
}

/**
 * Takes out the samples whose main reading is impossible in `unit`; a reference reading that is
 * impossible becomes a missing one (NaN). The batch comes back as it was (no copy) when all is
 * well; otherwise a compacted copy (one per bad batch, never per sample).
 */
export function guardBatch(batch: SampleBatch, unit: ReadingUnit): GuardedBatch {
  const { t, p, ref } = batch;
  let bad = 0;
  let badRef = false;
  for (let i = 0; i < p.length; i++) {
    if (!isPlausibleReading(p[i], unit)) bad++;
    else if (ref !== null && !Number.isNaN(ref[i]) && !isPlausibleReading(ref[i], unit)) badRef = true;
  }
  if (bad === 0 && !badRef) return { batch, rejected: 0 };
  const n = p.length - bad;
  const t2 = new Float64Array(n);
  const p2 = new Float32Array(n);
  const r2 = ref === null ? null : new Float32Array(n);
  let j = 0;
  for (let i = 0; i < p.length; i++) {
    if (!isPlausibleReading(p[i], unit)) continue;
    t2[j] = t[i];
    p2[j] = p[i];
    if (r2 !== null && ref !== null) r2[j] = Number.isNaN(ref[i]) || isPlausibleReading(ref[i], unit) ? ref[i] : Number.NaN;
    j++;
  }
  return { batch: { t: t2, p: p2, ref: r2, lostBefore: batch.lostBefore }, rejected: bad };
}
