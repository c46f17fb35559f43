/**
 * The naive detector simple apps use, as the bench's point of comparison: the level of the
 * first seconds, a fixed threshold a few cmH2O above it, onset where the pressure crosses it,
 * end where it falls back. No drift tracking, no cough rejection, no walk-back.
 */
import type { SampleBatch } from '../../src/pipeline/types.ts';

export const NAIVE_THRESHOLD_CMH2O = 4;
const NAIVE_LEVEL_MS = 2000;
/** A little hysteresis so noise on the threshold does not count twice (simple apps do this). */
const NAIVE_HYSTERESIS_CMH2O = 1;

export interface NaiveRep {
  readonly onsetMs: number;
  readonly detectedAtMs: number;
  readonly peakCmH2O: number;
  readonly durationMs: number;
}

export function naiveDetect(batches: readonly SampleBatch[]): NaiveRep[] {
  const reps: NaiveRep[] = [];
  let sum = 0;
  let n = 0;
  let t0 = Number.NaN;
  let level = Number.NaN;
  let active = false;
  let onset = 0;
  let samples: { t: number; v: number }[] = [];
  for (const b of batches) {
    for (let i = 0; i < b.t.length; i++) {
      const t = b.t[i];
      const v = b.p[i];
      if (Number.isNaN(t0)) t0 = t;
      if (t - t0 < NAIVE_LEVEL_MS) {
        sum += v;
        n++;
        continue;
      }
      if (Number.isNaN(level)) level = sum / n;
      const above = v - level;
      if (!active && above > NAIVE_THRESHOLD_CMH2O) {
        active = true;
        onset = t;
        samples = [];
      }
      if (active) {
        samples.push({ t, v: above });
        if (above < NAIVE_THRESHOLD_CMH2O - NAIVE_HYSTERESIS_CMH2O) {
          active = false;
          reps.push(summarise(onset, samples));
        }
      }
    }
  }
  return reps;
}

function summarise(onsetMs: number, samples: { t: number; v: number }[]): NaiveRep {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, s.v);
  const half = peak / 2;
  const up = samples.find((s) => s.v >= half)?.t ?? onsetMs;
  let down = samples[samples.length - 1].t;
  for (let i = samples.length - 1; i >= 0; i--) {
    if (samples[i].v >= half) {
      down = samples[i].t;
      break;
    }
  }
  return { onsetMs, detectedAtMs: onsetMs, peakCmH2O: peak, durationMs: down - up };
}
