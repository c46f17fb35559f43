/**
 * Per-rep measures, in the definitions of shared/reference/signal.md, computed from the recent
 * samples once the rep's landmarks (onset bound, peak, the falling half-maximum crossing) are
 * known. Runs once per rep, never per sample.
 */
import { crossingForward, findDeparture, lineAt, type EdgeTuning, type Line } from './edges.ts';
import type { SampleRing } from './ring.ts';

/** The resting band is at least this wide above the resting level, cmH2O … */
export const RESTING_BAND_MIN_CMH2O = 2;
/** … or this fraction of the user's maximal squeeze (MVC), when it is known. */
export const RESTING_BAND_MVC_FRACTION = 0.1;

/**
 * Width of the resting band above the resting level: back within it counts as relaxed. The
 * detector and the scoring use this one function, so "relaxed" means the same everywhere.
 */
export function restingBandCmH2O(mvcCmH2O?: number | null): number {
  const mvc = mvcCmH2O ?? 0;
  return Math.max(RESTING_BAND_MIN_CMH2O, Number.isFinite(mvc) ? RESTING_BAND_MVC_FRACTION * mvc : 0);
}

/** Mean of the last second of the hold, as the fraction of the peak it lost. */
const HOLD_FADE_WINDOW_MS = 1000;
/** Reference channel is compared around the main channel's peak, ±ms. */
const REFERENCE_AT_PEAK_HALF_MS = 150;
/** Reference level before the onset, averaged over this long, ms. */
const REFERENCE_BEFORE_MS = 1000;
/** Straining: the reference rose by at least this fraction of the main channel's rise. */
export const STRAINING_REFERENCE_FRACTION = 0.5;

/** What the detector knows about a rep when the pressure falls through half its peak. */
export interface RepLandmarks {
  /** Earliest sample the onset may be at (end of the previous rep, oldest sample). */
  readonly lowIdx: number;
  /** The onset announced live (used if the rise is no longer in the history). */
  readonly announcedOnsetMs: number;
  /** The level the rep is measured against. */
  readonly base: Line;
  readonly peakCmH2O: number;
  readonly peakMs: number;
  /** Sample at which the live pipeline saw the pressure fall below half the peak. */
  readonly fallIdx: number;
}

/** The measures known at the end of the hold (everything but `relaxed`). */
export interface RiseAndHold {
  readonly onsetMs: number;
  readonly up50Ms: number;
  readonly down50Ms: number;
  readonly releaseMs: number;
  readonly riseTimeMs: number;
  readonly holdFade: number;
  readonly steadiness: number;
  readonly referenceRiseCmH2O: number | null;
}

export function measureRiseAndHold(ring: SampleRing, m: RepLandmarks, tune: EdgeTuning): RiseAndHold {
  const half = tune.smoothHalfMs;
  const peak = m.peakCmH2O;
  const lo = Math.max(m.lowIdx, ring.oldest);
  const fall = m.fallIdx;
  const up50Ms = firstAbove(ring, lo, fall, m.base, 0.5 * peak, half);
  const up50Idx = ring.indexAtOrAfter(up50Ms, lo, fall);
  const riseHeld = !Number.isNaN(up50Ms) && m.lowIdx >= ring.oldest;
  const onsetMs = riseHeld ? findDeparture(ring, lo, up50Idx, 1, tune) : m.announcedOnsetMs;
  const onsetIdx = ring.indexAtOrAfter(onsetMs, lo, fall);
  const up10Ms = firstAbove(ring, onsetIdx, fall, m.base, 0.1 * peak, half);
  const up90Ms = firstAbove(ring, onsetIdx, fall, m.base, 0.9 * peak, half);
  const peakIdx = ring.indexAtOrAfter(m.peakMs, lo, fall);
  // The falling crossing: the last time the pressure stood at or above half the peak.
  let down50Ms = ring.t(fall);
  for (let i = fall; i > peakIdx; i--) {
    const above = ring.centred(i - 1, half) - lineAt(m.base, ring.t(i - 1)) - 0.5 * peak;
    if (above >= 0) {
      const below = ring.centred(i, half) - lineAt(m.base, ring.t(i)) - 0.5 * peak;
      down50Ms = ring.t(i - 1) + ((ring.t(i) - ring.t(i - 1)) * above) / Math.max(above - below, 1e-9);
      break;
    }
  }
  const holdStartMs = Number.isNaN(up90Ms) ? m.peakMs : Math.min(up90Ms, m.peakMs);
  const holdStartIdx = ring.indexAtOrAfter(holdStartMs, lo, fall);
  const down50Idx = Math.min(ring.indexAtOrAfter(down50Ms, lo, fall), fall);
  const releaseMs = Math.max(findDeparture(ring, holdStartIdx, down50Idx, -1, tune), holdStartMs);
  const releaseIdx = Math.max(holdStartIdx, ring.indexAtOrAfter(releaseMs, holdStartIdx, fall) - 1);
  const fadeFrom = Math.max(holdStartIdx, ring.indexAtOrAfter(releaseMs - HOLD_FADE_WINDOW_MS, holdStartIdx, releaseIdx));
  const baseMid = (a: number, b: number) => lineAt(m.base, 0.5 * (ring.t(a) + ring.t(b)));
  const lastSecond = ring.mean(fadeFrom, releaseIdx) - baseMid(fadeFrom, releaseIdx);
  const hold = ring.spread(holdStartIdx, releaseIdx);
  const holdMean = hold.mean - baseMid(holdStartIdx, releaseIdx);
  return {
    onsetMs,
    up50Ms: Number.isNaN(up50Ms) ? onsetMs : up50Ms,
    down50Ms,
    releaseMs,
    riseTimeMs: Number.isNaN(up10Ms) || Number.isNaN(up90Ms) ? Number.NaN : up90Ms - up10Ms,
    holdFade: peak > 0 ? 1 - lastSecond / peak : 0,
    steadiness: holdMean > 0 ? hold.sd / holdMean : 0,
    referenceRiseCmH2O: referenceRise(ring, onsetMs, m.peakMs),
  };
}

/** Rise of the reference channel from before the onset to around the main peak; null without one. */
function referenceRise(ring: SampleRing, onsetMs: number, peakMs: number): number | null {
  if (!ring.hasReference) return null;
  const b1 = ring.indexAtOrAfter(onsetMs) - 1;
  const b0 = ring.indexAtOrAfter(onsetMs - REFERENCE_BEFORE_MS);
  const p0 = ring.indexAtOrAfter(peakMs - REFERENCE_AT_PEAK_HALF_MS);
  const p1 = Math.max(p0, ring.indexAtOrAfter(peakMs + REFERENCE_AT_PEAK_HALF_MS) - 1);
  if (b1 < b0 || p1 > ring.newest) return null;
  const rise = ring.refMean(p0, p1) - ring.refMean(b0, b1);
  return Number.isNaN(rise) ? null : rise;
}

export function isStraining(referenceRiseCmH2O: number | null, peakCmH2O: number): boolean | null {
  return referenceRiseCmH2O === null ? null : referenceRiseCmH2O >= STRAINING_REFERENCE_FRACTION * peakCmH2O;
}

function firstAbove(ring: SampleRing, from: number, to: number, base: Line, level: number, halfMs: number): number {
  return crossingForward(ring, from, to, base, level, 1, halfMs);
}
