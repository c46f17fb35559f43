/**
 * Per-rep measures, in the definitions of shared/reference/signal.md, computed from the recent
 * samples once the rep's landmarks (onset bound, peak, the falling half-maximum crossing) are
 * known. Runs once per rep, never per sample.
 */
import { crossingBackward, crossingForward, findDeparture, lineAt, riseFromStand, riseFromStep, type EdgeTuning, type Line } from './edges.ts';
import { median } from './median.ts';
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
/** Reference level before the onset, averaged over this long, ms. */
const REFERENCE_BEFORE_MS = 1000;
/**
 * Window of the running median the peak level comes from, ms: it ignores a cough on top of a
 * hold (above half its height for < 300 ms) and the 4–8 Hz tremor.
 */
export const PEAK_MEDIAN_MS = 600;
/** The peak is reached when the pressure first comes within 5 % of it (breathing and tremor ripple on a hold). */
const PEAK_REACHED_FRACTION = 0.95;
/**
 * A stand the squeeze rose out of (a breath, a step of the sensor) stands no higher than this
 * fraction of its peak: where a rise is measured from (the 10 % crossing of the rise time).
 */
const STAND_MAX_FRACTION = 0.1;
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
  /** How far above `base` the pressure still counted as resting (breathing and noise), cmH2O. */
  readonly baseBand: number;
  readonly peakCmH2O: number;
  readonly peakMs: number;
  /** Sample at which the live pipeline saw the pressure fall below half the peak. */
  readonly fallIdx: number;
  /**
   * A squeeze begun under a spike (a cough, a laugh) whose rise was announced for the spike: when
   * that announcement was made, the squeeze's own rise coming after it (NaN: none).
   */
  readonly spikeAnnouncedMs: number;
}

/** The measures known at the end of the hold (everything but `relaxed`). */
export interface RiseAndHold {
  readonly onsetMs: number;
  /** When the pressure first reached the peak level. */
  readonly peakMs: number;
  readonly up50Ms: number;
  readonly down50Ms: number;
  readonly releaseMs: number;
  /** NaN when a crossing fell in a gap: then it lies within [riseTimeMinMs, riseTimeMaxMs]. */
  readonly riseTimeMs: number;
  readonly riseTimeMinMs: number;
  readonly riseTimeMaxMs: number;
  readonly holdFade: number;
  readonly steadiness: number;
  readonly referenceRiseCmH2O: number | null;
}

/**
 * With `cut`, a link gap ended the rep at `fallIdx` (the last sample before it) while it was still
 * rising or holding: as far as anyone knows the hold lasted to there, so the falling half-maximum
 * crossing and the release are that sample, and the hold is measured up to it.
 */
export function measureRiseAndHold(ring: SampleRing, m: RepLandmarks, tune: EdgeTuning, cut = false): RiseAndHold {
  const half = tune.smoothHalfMs;
  const peak = m.peakCmH2O;
  const lo = Math.max(m.lowIdx, ring.oldest);
  const fall = m.fallIdx;
  const peakIdx = Math.min(ring.indexAtOrAfter(m.peakMs, lo, fall), fall);
  const rise = measureRise(ring, m, lo, peakIdx, tune);
  // The falling crossing: the last time the pressure stood at or above half the peak.
  const down50Ms = cut ? ring.t(fall) : crossingBackward(ring, fall, peakIdx, m.base, 0.5 * peak, -1, half);
  const up90Ms = knownTime(rise.up90);
  const holdStartMs = Number.isNaN(up90Ms) ? m.peakMs : Math.min(up90Ms, m.peakMs);
  const holdStartIdx = ring.indexAtOrAfter(holdStartMs, lo, fall);
  const down50Idx = Math.min(ring.indexAtOrAfter(down50Ms, lo, fall), fall);
  const releaseMs = cut ? down50Ms : Math.max(findDeparture(ring, holdStartIdx, down50Idx, -1, tune).tMs, holdStartMs);
  const releaseIdx = cut ? fall : Math.max(holdStartIdx, ring.indexAtOrAfter(releaseMs, holdStartIdx, fall) - 1);
  const hold = measureHold(ring, m, holdStartIdx, releaseIdx);
  return {
    onsetMs: rise.onsetMs,
    peakMs: rise.peakMs,
    up50Ms: rise.up50Ms,
    down50Ms,
    releaseMs,
    riseTimeMs: up90Ms - knownTime(rise.up10),
    riseTimeMinMs: Math.max(0, rise.up90.fromMs - rise.up10.toMs),
    riseTimeMaxMs: rise.up90.toMs - rise.up10.fromMs,
    holdFade: hold.fade,
    steadiness: hold.cv,
    referenceRiseCmH2O: referenceRise(ring, rise.onsetMs, m.peakMs),
  };
}

/**
 * The rep's onset as the samples so far show it, and the rising half-maximum crossing it is
 * walked back from: once the rep is confirmed (`peakIdx` the newest sample or the peak so far),
 * and again with the whole rise in view when the hold ends.
 */
export function estimateOnset(
  ring: SampleRing,
  m: Pick<RepLandmarks, 'lowIdx' | 'announcedOnsetMs' | 'base' | 'baseBand' | 'peakCmH2O' | 'spikeAnnouncedMs'>,
  lo: number,
  peakIdx: number,
  tune: EdgeTuning,
): { onsetMs: number; up50Ms: number } {
  const half = tune.smoothHalfMs;
  const up = 0.5 * m.peakCmH2O;
  if (!Number.isNaN(m.spikeAnnouncedMs) && m.lowIdx >= ring.oldest) {
    const own = onsetUnderSpike(ring, m.base, m.baseBand, lo, peakIdx, up, m.spikeAnnouncedMs, half);
    if (!Number.isNaN(own.onsetMs)) return own;
  }
  // The rising half-maximum crossing that follows the onset announced live (so neither a cough
  // before it nor a dip in the hold after it is taken for the rise).
  const announcedIdx = Math.min(ring.indexAtOrAfter(m.announcedOnsetMs, lo, peakIdx), peakIdx);
  const forwardUp50 = crossingForward(ring, announcedIdx, peakIdx, m.base, up, 1, half);
  const up50Ms = Number.isNaN(forwardUp50) ? crossingBackward(ring, peakIdx, lo, m.base, up, 1, half) : forwardUp50;
  const up50Idx = Math.min(ring.indexAtOrAfter(up50Ms, lo, peakIdx), peakIdx);
  // Walked back from there, from where the rise last stood at the base; the live estimate if the
  // rise scrolled away.
  const riseHeld = m.lowIdx >= ring.oldest;
  const anchor = { line: m.base, band: m.baseBand };
  const onsetMs = riseHeld
    ? riseFromStep(
        ring,
        riseFromStand(ring, findDeparture(ring, lo, up50Idx, 1, tune, anchor), up50Idx, STAND_MAX_FRACTION * m.peakCmH2O, anchor, tune),
        up50Idx,
        tune.sensorStepCmH2O,
        tune,
      ).tMs
    : m.announcedOnsetMs;
  return { onsetMs, up50Ms };
}

/**
 * The trough a squeeze's own rise comes out of, walking back from its rising crossing of `level`
 * (above `base`) at `upIdx`: the first sample back at rest (within `band`), or the lowest point
 * before the pressure climbs again going back, above `level` or from under half of it more than
 * half-way back up (the fall of a spike the squeeze rose under). -1 when neither comes before `lo`
 * or a gap.
 */
function troughBeforeRise(ring: SampleRing, base: Line, band: number, lo: number, upIdx: number, level: number, halfMs: number): number {
  let troughIdx = -1;
  let trough = Infinity;
  for (let i = upIdx; i >= Math.max(lo, ring.oldest); i--) {
    ring.updateCentred(i, halfMs);
    const v = ring.lastCentred - lineAt(base, ring.t(i));
    if (v <= band) return i;
    // Going back, the pressure climbs above `level` again, or from a trough under half of it
    // more than half-way back up to it (a spike smaller than the squeeze).
    if (v > level || (trough < 0.5 * level && v - trough > 0.5 * (level - trough))) {
      if (troughIdx >= 0) return troughIdx;
    } else if (v < trough) {
      trough = v;
      troughIdx = i;
    }
    if (ring.gapBefore(i)) return -1;
  }
  return -1;
}

/**
 * Where a squeeze whose start a spike (a cough, a laugh) hid began, the spike announced at
 * `afterMs`: its rise comes into view out of the trough the spike's fall left (or out of rest, if
 * the spike was over first), and that rise, from the trough to its last crossing of `level` before
 * `peakIdx`, is extrapolated back in a straight line to the base (the pressure in the trough
 * already owed that much to the squeeze), not before `afterMs`; and when the trough was. NaN (all
 * three) when no such trough follows the announcement: the squeeze was already rising then.
 */
export function onsetUnderSpike(
  ring: SampleRing,
  base: Line,
  band: number,
  lo: number,
  peakIdx: number,
  level: number,
  afterMs: number,
  halfMs: number,
): { onsetMs: number; up50Ms: number; troughMs: number } {
  const none = { onsetMs: Number.NaN, up50Ms: Number.NaN, troughMs: Number.NaN };
  const upMs = crossingBackward(ring, peakIdx, lo, base, level, 1, halfMs);
  const upIdx = Math.min(ring.indexAtOrAfter(upMs, lo, peakIdx), peakIdx);
  const troughIdx = troughBeforeRise(ring, base, band, lo, upIdx, level, halfMs);
  if (troughIdx < 0 || !(ring.t(troughIdx) > afterMs)) return none;
  const tT = ring.t(troughIdx);
  const eT = ring.centred(troughIdx, halfMs) - lineAt(base, tT);
  const slope = upMs > tT ? (level - eT) / (upMs - tT) : 0;
  const onsetMs = eT > 0 && slope > 0 ? Math.max(afterMs, tT - eT / slope) : tT;
  return { onsetMs, up50Ms: upMs, troughMs: tT };
}

/**
 * Onset, the rise's 10, 50 and 90 % crossings (NaN when one is not in the history), and the
 * time of the peak: when the pressure first came within PEAK_REACHED_FRACTION of the peak level
 * (the running median's own maximum can sit half a window late, or on a later breathing crest).
 */
function measureRise(ring: SampleRing, m: RepLandmarks, lo: number, peakIdx: number, tune: EdgeTuning) {
  const half = tune.smoothHalfMs;
  const level = (fraction: number) => fraction * m.peakCmH2O;
  // Near its top a rise is over once the pressure is within the resting band (breathing and
  // noise) of the peak: on a weak hold a tenth of the peak is less than the breathing wave, and
  // the first crossing of 90 % can wait for a breathing crest seconds later.
  const top = Math.max(level(0.5), Math.min(level(0.9), m.peakCmH2O - m.baseBand));
  const { onsetMs, up50Ms } = estimateOnset(ring, m, lo, peakIdx, tune);
  const up50Idx = Math.min(ring.indexAtOrAfter(up50Ms, lo, peakIdx), peakIdx);
  const onsetIdx = ring.indexAtOrAfter(onsetMs, lo, peakIdx);
  const searchEnd = Math.min(ring.newest, ring.indexAtOrAfter(m.peakMs + PEAK_MEDIAN_MS / 2, lo));
  const reached = crossingForward(ring, up50Idx, searchEnd, m.base, level(PEAK_REACHED_FRACTION), 1, half);
  return {
    onsetMs,
    peakMs: Number.isNaN(reached) ? m.peakMs : reached,
    // Rise time belongs to the peak rise, not to the onset: the 10 % crossing is the last one
    // before the half-maximum (so an onset found late cannot shorten the rise), though not from
    // before the onset (a breathing crest or a cough's tail there is not this rise's).
    up10: crossingWithin(ring, risingCrossingBackward(ring, up50Idx, onsetIdx, m.base, level(0.1), half), lo, peakIdx),
    up50Ms,
    up90: crossingWithin(ring, crossingForward(ring, up50Idx, peakIdx, m.base, top, 1, half), lo, peakIdx),
  };
}

/** When a crossing happened: between `fromMs` and `toMs`, the same time when it is known (NaN: not found). */
interface CrossingTime {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * The rising crossing of `level` walking back from `from`, across bursts of lost packets the
 * pressure stood above it on both sides of (the crossing came before them); it stops at a link gap,
 * or at a burst it rose across.
 */
function risingCrossingBackward(ring: SampleRing, from: number, lo: number, base: Line, level: number, halfMs: number): number {
  let tMs = crossingBackward(ring, from, lo, base, level, 1, halfMs);
  for (;;) {
    const i = sampleAfterGapAt(ring, tMs, lo, from);
    if (i <= Math.max(lo, ring.oldest) || ring.linkGapBefore(i)) return tMs;
    const before = i - 1;
    if (ring.centred(before, halfMs) - lineAt(base, ring.t(before)) < level) return tMs;
    tMs = crossingBackward(ring, before, lo, base, level, 1, halfMs);
  }
}

/**
 * A crossing found at the first sample after a gap happened somewhere in the gap, when is not
 * known: only that it came after the sample before the gap (a rise time of 0 ms, when the whole
 * rise fell in a burst of lost packets, would be invented).
 */
function crossingWithin(ring: SampleRing, tMs: number, lo: number, hi: number): CrossingTime {
  const i = sampleAfterGapAt(ring, tMs, lo, hi);
  // The sample before the gap may have scrolled out of the history: nothing is known then.
  return { fromMs: i < 0 ? tMs : i > ring.oldest ? ring.t(i - 1) : Number.NaN, toMs: tMs };
}

/** The index of the sample at `tMs` within [lo, hi] when it is the first after a gap (a crossing found there fell in the gap), or −1. */
function sampleAfterGapAt(ring: SampleRing, tMs: number, lo: number, hi: number): number {
  if (Number.isNaN(tMs)) return -1;
  const i = ring.indexAtOrAfter(tMs, lo, hi);
  return i <= hi && ring.t(i) === tMs && ring.gapBefore(i) ? i : -1;
}

/** The crossing's time when it is known (NaN when it fell in a gap, or was not found). */
function knownTime(c: CrossingTime): number {
  return c.fromMs === c.toMs ? c.fromMs : Number.NaN;
}

/** Hold fade (last second of the hold against the peak) and steadiness (CV over the hold). */
function measureHold(ring: SampleRing, m: RepLandmarks, startIdx: number, endIdx: number): { fade: number; cv: number } {
  const baseBetween = (a: number, b: number) => lineAt(m.base, 0.5 * (ring.t(a) + ring.t(b)));
  const fadeFrom = Math.max(startIdx, ring.indexAtOrAfter(ring.t(endIdx) - HOLD_FADE_WINDOW_MS, startIdx, endIdx));
  const lastSecond = ring.mean(fadeFrom, endIdx) - baseBetween(fadeFrom, endIdx);
  const hold = ring.spread(startIdx, endIdx);
  const holdMean = hold.mean - baseBetween(startIdx, endIdx);
  return {
    fade: m.peakCmH2O > 0 ? 1 - lastSecond / m.peakCmH2O : 0,
    cv: holdMean > 0 ? hold.sd / holdMean : 0,
  };
}

/**
 * Rise of the reference channel from before the onset to around the main peak; null without one.
 * Medians on both sides, so a cough or laugh just before the squeeze (or on its peak) does not
 * count as bearing down, nor hide it.
 */
function referenceRise(ring: SampleRing, onsetMs: number, peakMs: number): number | null {
  if (!ring.hasReference) return null;
  const before = referenceMedian(ring, onsetMs - REFERENCE_BEFORE_MS, onsetMs);
  // Over the same window as the running median the main peak came from.
  const atPeak = referenceMedian(ring, peakMs - PEAK_MEDIAN_MS / 2, peakMs + PEAK_MEDIAN_MS / 2);
  const rise = atPeak - before;
  return Number.isNaN(rise) ? null : rise;
}

/** Median of the reference readings in [fromMs, toMs) (NaN if none); allocates, once per rep. */
function referenceMedian(ring: SampleRing, fromMs: number, toMs: number): number {
  const values: number[] = [];
  for (let i = ring.indexAtOrAfter(fromMs); i <= ring.newest && ring.t(i) < toMs; i++) {
    const v = ring.r(i);
    if (!Number.isNaN(v)) values.push(v);
  }
  return median(values);
}

export function isStraining(referenceRiseCmH2O: number | null, peakCmH2O: number): boolean | null {
  return referenceRiseCmH2O === null ? null : referenceRiseCmH2O >= STRAINING_REFERENCE_FRACTION * peakCmH2O;
}

/**
 * How many separate peaks the pressure shows between two times: maxima that stand out by at
 * least `prominence` (cmH2O) from the dips on both sides of them (on the centred smoothing).
 * A squeeze, tremor and wobble included, has one; a bout of coughs or a laugh one per spike.
 */
export function countPeaks(ring: SampleRing, fromMs: number, toMs: number, prominence: number, halfMs: number): number {
  let peaks = 0;
  let rising = true;
  let high = -Infinity;
  let low = Infinity;
  const last = Math.min(ring.indexAtOrAfter(toMs), ring.newest);
  for (let i = ring.indexAtOrAfter(fromMs); i <= last; i++) {
    ring.updateCentred(i, halfMs);
    const v = ring.lastCentred;
    if (rising) {
      high = Math.max(high, v);
      if (v < high - prominence) {
        peaks++;
        rising = false;
        low = v;
      }
    } else {
      low = Math.min(low, v);
      if (v > low + prominence) {
        rising = true;
        high = v;
      }
    }
  }
  return rising && high > -Infinity && high - ring.centred(last, halfMs) >= prominence ? peaks + 1 : peaks;
}
