/**
 * Guided calibration of a device that reports raw counts (community-documented trainers): a few
 * seconds at rest, then one maximal squeeze held for about 3 s. The resting level is the median
 * of the rest window; the maximum is the highest level a running median (PEAK_MEDIAN_MS, so a
 * cough or a spike does not count) reached above it. From then on a reading is shown as a
 * percentage of that maximum: pct = 100 × (counts − rest) / maxAboveRest.
 *
 * The same rules as the strength test (pipeline/calibration.ts): the squeeze must stay above half
 * its peak for MIN_MVC_HOLD_MS, and it must stand well clear of what rest alone does.
 *
 * Fed one sample at a time in stream time; per sample it allocates nothing (preallocated windows).
 */
import { MIN_MVC_HOLD_MS } from './calibration.ts';
import { PEAK_MEDIAN_MS } from './measures.ts';
import { WindowMedian } from './window-median.ts';

/** How long the user rests before the squeeze, ms. */
export const CALIBRATION_REST_MS = 5000;
/** The squeeze phase: a second or so to get going, then about 3 s of hold (and a margin), ms. */
export const CALIBRATION_SQUEEZE_MS = 6000;
/** A maximum must stand this many resting SDs above rest (breathing, sensor noise) … */
const MIN_NOISE_SDS = 8;
/** … and at least this many counts (quantisation: a steady signal can show no noise at all). */
const MIN_RISE_COUNTS = 5;
/** A rest window with fewer samples than this says nothing about rest. */
const MIN_REST_SAMPLES = 5;
/** Samples kept per window: 6 s at up to ~1.3 kHz; beyond that further samples are not kept. */
const WINDOW_CAPACITY = 8192;
/** MAD to SD for a normal distribution. */
const MAD_TO_SD = 1.4826;

export type CountCalibrationPhase = 'idle' | 'rest' | 'squeeze' | 'done' | 'failed';

export interface CountCalibrationResult {
  /** Resting level, counts. */
  readonly restCounts: number;
  /** The maximal squeeze, counts above rest: 100 % of maximum. */
  readonly maxAboveRestCounts: number;
}

export type CountCalibrationFailure = 'calibration.tooWeak' | 'calibration.notHeld' | 'calibration.sensorLost';

export interface CountCalibrationState {
  readonly phase: CountCalibrationPhase;
  /** Whole seconds left in the current phase (rest, squeeze); 0 otherwise. */
  readonly secondsLeft: number;
  readonly result: CountCalibrationResult | null;
  /** Why it failed: a message key; null otherwise. */
  readonly message: CountCalibrationFailure | null;
}

export const idleCountCalibration: CountCalibrationState = { phase: 'idle', secondsLeft: 0, result: null, message: null };

/** Median of the first n values, sorting them in place. */
function medianInPlace(values: Float64Array, n: number): number {
  const sorted = values.subarray(0, n).sort();
  const m = n >> 1;
  return n % 2 === 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
}

/**
 * The rest level and maximum from the two windows, or why there is none. Pure: `rest` is
 * reordered, nothing else is touched.
 */
export function judgeCalibration(
  rest: Float64Array,
  restCount: number,
  squeezeT: Float64Array,
  squeezeLevel: Float64Array,
  squeezeCount: number,
): CountCalibrationResult | CountCalibrationFailure {
  if (restCount < MIN_REST_SAMPLES || squeezeCount === 0) return 'calibration.sensorLost';
  const restCounts = medianInPlace(rest, restCount);
  for (let i = 0; i < restCount; i++) rest[i] = Math.abs(rest[i] - restCounts);
  const noise = MAD_TO_SD * medianInPlace(rest, restCount);
  let peak = -Infinity;
  for (let i = 0; i < squeezeCount; i++) peak = Math.max(peak, squeezeLevel[i]);
  const maxAboveRestCounts = peak - restCounts;
  if (!(maxAboveRestCounts >= Math.max(MIN_NOISE_SDS * noise, MIN_RISE_COUNTS))) return 'calibration.tooWeak';
  // Held: the longest stretch above half the peak rise, as the strength test asks.
  const half = restCounts + maxAboveRestCounts / 2;
  let longest = 0;
  let from = Number.NaN;
  for (let i = 0; i < squeezeCount; i++) {
    if (squeezeLevel[i] < half) from = Number.NaN;
    else if (Number.isNaN(from)) from = squeezeT[i];
    if (!Number.isNaN(from)) longest = Math.max(longest, squeezeT[i] - from);
  }
  if (longest < MIN_MVC_HOLD_MS) return 'calibration.notHeld';
  return { restCounts, maxAboveRestCounts };
}

/** One run of the guided calibration; starts with the first sample it is given. */
export class CountCalibrator {
  private readonly rest = new Float64Array(WINDOW_CAPACITY);
  private readonly squeezeT = new Float64Array(WINDOW_CAPACITY);
  private readonly squeezeLevel = new Float64Array(WINDOW_CAPACITY);
  private readonly median = new WindowMedian(PEAK_MEDIAN_MS, 256);
  private restCount = 0;
  private squeezeCount = 0;
  private startMs = Number.NaN;
  private current: CountCalibrationState = { phase: 'rest', secondsLeft: Math.ceil(CALIBRATION_REST_MS / 1000), result: null, message: null };

  get state(): CountCalibrationState {
    return this.current;
  }

  get finished(): boolean {
    return this.current.phase === 'done' || this.current.phase === 'failed';
  }

  /** One sample, counts. Returns whether the state changed (a new phase or a second less). */
  push(tMs: number, counts: number): boolean {
    if (this.finished) return false;
    if (Number.isNaN(this.startMs)) this.startMs = tMs;
    const elapsed = tMs - this.startMs;
    const squeezeEnd = CALIBRATION_REST_MS + CALIBRATION_SQUEEZE_MS;
    if (elapsed >= squeezeEnd) return this.finish();
    this.median.push(tMs, counts);
    if (elapsed < CALIBRATION_REST_MS) {
      if (this.restCount < WINDOW_CAPACITY) this.rest[this.restCount++] = counts;
      return this.show('rest', CALIBRATION_REST_MS - elapsed);
    }
    if (this.squeezeCount < WINDOW_CAPACITY) {
      this.squeezeT[this.squeezeCount] = tMs;
      this.squeezeLevel[this.squeezeCount++] = this.median.value;
    }
    return this.show('squeeze', squeezeEnd - elapsed);
  }

  /** Ends the run without a result (the sensor went away). */
  fail(message: CountCalibrationFailure): void {
    if (!this.finished) this.current = { phase: 'failed', secondsLeft: 0, result: null, message };
  }

  private show(phase: 'rest' | 'squeeze', leftMs: number): boolean {
    const secondsLeft = Math.ceil(leftMs / 1000);
    if (phase === this.current.phase && secondsLeft === this.current.secondsLeft) return false;
    this.current = { phase, secondsLeft, result: null, message: null };
    return true;
  }

  private finish(): boolean {
    const verdict = judgeCalibration(this.rest, this.restCount, this.squeezeT, this.squeezeLevel, this.squeezeCount);
    this.current =
      typeof verdict === 'string'
        ? { phase: 'failed', secondsLeft: 0, result: null, message: verdict }
        : { phase: 'done', secondsLeft: 0, result: verdict, message: null };
    return true;
  }
}
