/**
 * Calibration from a short guided test: the user rests quietly for a few seconds, then makes
 * (usually three) maximal squeezes, relaxing between them.
 *
 * - Resting level: the median of the quiet period (a cough in it does not move a median) and
 *   its spread (from the median absolute deviation, robust in the same way).
 * - MVC (maximal voluntary contraction): the best peak rise above rest among the attempts that
 *   count. An attempt does not count when the reference channel shows bearing down (straining
 *   raises the reading without being a squeeze), or when it was not held (a maximal squeeze
 *   held under a second is a flick, not a measure of strength). Coughs never become reps, so
 *   they never reach this step.
 *
 * Scores are relative to the user's own MVC because probes read differently (see
 * shared/reference/protocols.md).
 */
import { RepDetector, type DetectorOptions } from './detector.ts';
import { median } from './median.ts';
import type { RepEvent, RepMeasures } from './types.ts';

export interface RestCalibration {
  /** Absolute resting level, cmH2O. */
  readonly levelCmH2O: number;
  /** Spread at rest (breathing and noise), SD, cmH2O. */
  readonly noiseCmH2O: number;
  readonly samples: number;
}

/** Median → SD of a normal distribution from its median absolute deviation. */
const MAD_TO_SD = 1.4826;

/** Resting level of samples [from, to) of a quiet period. */
export function restingLevel(p: ArrayLike<number>, from = 0, to = p.length): RestCalibration {
  const xs: number[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, p.length); i++) if (Number.isFinite(p[i])) xs.push(p[i]);
  if (xs.length === 0) return { levelCmH2O: Number.NaN, noiseCmH2O: Number.NaN, samples: 0 };
  const level = median(xs);
  const noise = MAD_TO_SD * median(xs.map((x) => Math.abs(x - level)));
  return { levelCmH2O: level, noiseCmH2O: noise, samples: xs.length };
}

export type AttemptVerdict = 'counted' | 'straining' | 'not-held';

export interface MvcAttempt {
  readonly index: number;
  readonly peakCmH2O: number;
  readonly verdict: AttemptVerdict;
}

export interface MvcCalibration {
  /** Best counted peak rise above rest, cmH2O; null when no attempt counted. */
  readonly mvcCmH2O: number | null;
  readonly attempts: readonly MvcAttempt[];
}

/** A maximal squeeze must stay above half its peak at least this long to count, ms. */
export const MIN_MVC_HOLD_MS = 1000;

export function mvcFromReps(reps: readonly RepMeasures[]): MvcCalibration {
  const attempts = reps.map((rep): MvcAttempt => {
    const verdict: AttemptVerdict = rep.straining === true ? 'straining' : rep.durationMs < MIN_MVC_HOLD_MS ? 'not-held' : 'counted';
    return { index: rep.index, peakCmH2O: rep.peakCmH2O, verdict };
  });
  const counted = attempts.filter((a) => a.verdict === 'counted').map((a) => a.peakCmH2O);
  return { mvcCmH2O: counted.length > 0 ? Math.max(...counted) : null, attempts };
}

export interface Calibration {
  readonly rest: RestCalibration;
  readonly mvc: MvcCalibration;
}

/** Keeps the resting estimate clear of the first squeeze's onset, ms. */
const REST_MARGIN_MS = 500;

/**
 * Calibrates from a whole guided-test recording: runs the same detector the live app uses, takes
 * the rest before the first squeeze and the MVC from the squeezes.
 */
export function calibrate(t: Float64Array, p: Float32Array, ref: Float32Array | null, options?: DetectorOptions): Calibration {
  const detector = new RepDetector(options);
  const reps: RepMeasures[] = [];
  const collect = (e: RepEvent) => {
    if (e.type === 'rep') reps.push(e.rep);
  };
  for (let i = 0; i < t.length; i++) {
    detector.push(t[i], p[i], ref === null ? Number.NaN : ref[i]);
    detector.drainEvents(collect);
  }
  detector.finish();
  detector.drainEvents(collect);
  const restEndMs = reps.length > 0 ? reps[0].onsetMs - REST_MARGIN_MS : Infinity;
  let restEnd = 0;
  while (restEnd < t.length && t[restEnd] < restEndMs) restEnd++;
  return { rest: restingLevel(p, 0, restEnd), mvc: mvcFromReps(reps) };
}
