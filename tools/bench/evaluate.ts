/**
 * Scoring detections against the truth: one-to-one matching, then the error figures the
 * targets are written in.
 */
import { isOptional, type LabelledRecording, type SqueezeKind, type TrueRep } from './labelled.ts';

/** A cancel this close after a cough or laugh spike is that artefact's, ms. */
const ARTEFACT_CANCEL_MS = 1500;

export interface Detected {
  readonly onsetMs: number;
  readonly detectedAtMs: number;
  readonly peakCmH2O: number;
  readonly durationMs: number;
  readonly peakMs?: number;
  readonly releaseMs?: number;
  readonly riseTimeMs?: number;
  readonly riseTimeMinMs?: number;
  readonly riseTimeMaxMs?: number;
  readonly straining?: boolean | null;
  /** A link gap cut it: its peak and duration are measured only up to the gap. */
  readonly cut?: boolean;
}

/** A detection may start at most this long before the true onset, ms (and before the squeeze ends). */
const MATCH_EARLY_MS = 500;

export interface Pair {
  readonly truth: TrueRep;
  readonly found: Detected;
}

/**
 * Matches each true squeeze, in order, to the unmatched detection whose onset is nearest to its
 * own, among those that start within its active window ([onset − 500 ms, end)).
 */
export function matchReps(truth: readonly TrueRep[], found: readonly Detected[]): { pairs: Pair[]; missed: TrueRep[]; extra: Detected[] } {
  const used = new Set<number>();
  const pairs: Pair[] = [];
  const missed: TrueRep[] = [];
  for (const tr of truth) {
    let best = -1;
    for (let i = 0; i < found.length; i++) {
      if (used.has(i)) continue;
      const d = found[i];
      if (d.onsetMs < tr.onsetMs - MATCH_EARLY_MS || d.onsetMs >= tr.endMs) continue;
      if (best < 0 || Math.abs(d.onsetMs - tr.onsetMs) < Math.abs(found[best].onsetMs - tr.onsetMs)) best = i;
    }
    if (best < 0) missed.push(tr);
    else {
      used.add(best);
      pairs.push({ truth: tr, found: found[best] });
    }
  }
  return { pairs, missed, extra: found.filter((_, i) => !used.has(i)) };
}

/** Everything the bench reports for one detector on one set. */
export class Tally {
  truths = 0;
  detections = 0;
  matched = 0;
  readonly onsetErr: number[] = [];
  readonly durationErr: number[] = [];
  readonly peakErrPct: number[] = [];
  readonly latency: number[] = [];
  readonly releaseErr: number[] = [];
  readonly peakTimeErr: number[] = [];
  readonly riseTimeErr: number[] = [];
  /** Reps with a rise time: the rise time measured and the true one, ms. */
  readonly riseTimes: { readonly measuredMs: number; readonly trueMs: number }[] = [];
  /** Reps with only a range for their rise time (a crossing in a gap): the range and the true rise time, ms. */
  readonly riseRanges: { readonly minMs: number; readonly maxMs: number; readonly trueMs: number }[] = [];
  /** Matched reps with a cough or laugh spike between their onset and end: peak error (%, not cut) and rise-time error (ms). */
  readonly onSpikePeakErrPct: number[] = [];
  readonly onSpikeRiseTimeErr: number[] = [];
  onSpikeReps = 0;
  /** Matched reps that a link gap cut (not in the peak and duration errors). */
  cutMatched = 0;
  strainingRight = 0;
  strainingTotal = 0;
  /** Squeezes that may be dropped (`at-start`), and how many of them were reported anyway. */
  optionalTruths = 0;
  optionalReported = 0;
  /** Onset error (signed, ms) of those reported. */
  readonly optionalOnsetErr: number[] = [];
  artefactCancels = 0;
  otherCancels = 0;
  minutes = 0;
  readonly missedByKind = new Map<SqueezeKind, number>();
  readonly truthsByKind = new Map<SqueezeKind, number>();
  readonly onsetErrByKind = new Map<SqueezeKind, number[]>();
  readonly riseTimeErrByKind = new Map<SqueezeKind, number[]>();
  readonly latencyByKind = new Map<SqueezeKind, number[]>();
  readonly peakErrPctByKind = new Map<SqueezeKind, number[]>();

  /** `artefactMs`: when the recording's cough and laugh spikes peak. */
  add(allTruth: readonly TrueRep[], allFound: readonly Detected[], artefactMs: readonly number[] = []): void {
    // A rep reported for a squeeze that may be dropped is neither a hit nor a false rep.
    const optional = matchReps(
      allTruth.filter((tr) => isOptional(tr.kind)),
      allFound,
    );
    this.optionalTruths += optional.pairs.length + optional.missed.length;
    this.optionalReported += optional.pairs.length;
    for (const p of optional.pairs) this.optionalOnsetErr.push(p.found.onsetMs - p.truth.onsetMs);
    const truth = allTruth.filter((tr) => !isOptional(tr.kind));
    const found = optional.extra;
    const { pairs, missed } = matchReps(truth, found);
    this.truths += truth.length;
    this.detections += found.length;
    this.matched += pairs.length;
    for (const tr of truth) this.truthsByKind.set(tr.kind, (this.truthsByKind.get(tr.kind) ?? 0) + 1);
    for (const tr of missed) this.missedByKind.set(tr.kind, (this.missedByKind.get(tr.kind) ?? 0) + 1);
    for (const { truth: tr, found: d } of pairs) {
      this.onsetErr.push(Math.abs(d.onsetMs - tr.onsetMs));
      const byKind = this.onsetErrByKind.get(tr.kind) ?? [];
      byKind.push(Math.abs(d.onsetMs - tr.onsetMs));
      this.onsetErrByKind.set(tr.kind, byKind);
      if (d.cut === true) this.cutMatched++;
      else {
        // A rep cut by a gap is measured up to it: its peak and duration are not the squeeze's.
        this.durationErr.push(Math.abs(d.durationMs - tr.durationMs));
        this.peakErrPct.push((100 * Math.abs(d.peakCmH2O - tr.peakCmH2O)) / tr.peakCmH2O);
        const peakByKind = this.peakErrPctByKind.get(tr.kind) ?? [];
        peakByKind.push((100 * Math.abs(d.peakCmH2O - tr.peakCmH2O)) / tr.peakCmH2O);
        this.peakErrPctByKind.set(tr.kind, peakByKind);
      }
      this.latency.push(d.detectedAtMs - tr.onsetMs);
      const latencyByKind = this.latencyByKind.get(tr.kind) ?? [];
      latencyByKind.push(d.detectedAtMs - tr.onsetMs);
      this.latencyByKind.set(tr.kind, latencyByKind);
      if (d.releaseMs !== undefined) this.releaseErr.push(Math.abs(d.releaseMs - tr.releaseMs));
      if (d.peakMs !== undefined) this.peakTimeErr.push(Math.abs(d.peakMs - tr.peakMs));
      if (d.riseTimeMs !== undefined && Number.isFinite(d.riseTimeMs)) {
        this.riseTimeErr.push(Math.abs(d.riseTimeMs - tr.riseTimeMs));
        const riseByKind = this.riseTimeErrByKind.get(tr.kind) ?? [];
        riseByKind.push(Math.abs(d.riseTimeMs - tr.riseTimeMs));
        this.riseTimeErrByKind.set(tr.kind, riseByKind);
        this.riseTimes.push({ measuredMs: d.riseTimeMs, trueMs: tr.riseTimeMs });
      } else if (d.riseTimeMinMs !== undefined && d.riseTimeMaxMs !== undefined && Number.isFinite(d.riseTimeMaxMs)) {
        this.riseRanges.push({ minMs: d.riseTimeMinMs, maxMs: d.riseTimeMaxMs, trueMs: tr.riseTimeMs });
      }
      if (artefactMs.some((a) => a > tr.onsetMs && a < tr.endMs)) {
        this.onSpikeReps++;
        if (d.cut !== true) this.onSpikePeakErrPct.push((100 * Math.abs(d.peakCmH2O - tr.peakCmH2O)) / tr.peakCmH2O);
        if (d.riseTimeMs !== undefined && Number.isFinite(d.riseTimeMs)) this.onSpikeRiseTimeErr.push(Math.abs(d.riseTimeMs - tr.riseTimeMs));
      }
      if (d.straining !== undefined && d.straining !== null) {
        this.strainingTotal++;
        if (d.straining === tr.straining) this.strainingRight++;
      }
    }
  }

  /** An onset that was announced, then cancelled: after an artefact (fine) or not (a false alarm). */
  countCancel(tMs: number, rec: LabelledRecording): void {
    if (rec.artefactMs.some((a) => tMs >= a - 200 && tMs <= a + ARTEFACT_CANCEL_MS)) this.artefactCancels++;
    else this.otherCancels++;
  }

  get precision(): number {
    return this.detections === 0 ? 1 : this.matched / this.detections;
  }

  get recall(): number {
    return this.truths === 0 ? 1 : this.matched / this.truths;
  }
}

/**
 * "Never worse than the naive detector", checked per recording and per squeeze: how many
 * recordings have a larger median onset error with ours (at all, and by more than `marginMs`,
 * a step at 20 Hz), over the squeezes both found, and how many squeezes found by both
 * have an onset more than `marginMs` further from the truth with ours.
 */
export class VersusNaive {
  recordings = 0;
  recordingsWorse = 0;
  /** … of them, by more than the margin. */
  recordingsClearlyWorse = 0;
  squeezes = 0;
  squeezesWorse = 0;

  constructor(private readonly marginMs: number) {}

  add(truth: readonly TrueRep[], ours: readonly Detected[], naive: readonly Detected[]): void {
    const counted = truth.filter((tr) => !isOptional(tr.kind));
    const a = new Map(matchReps(counted, ours).pairs.map((p) => [p.truth, Math.abs(p.found.onsetMs - p.truth.onsetMs)]));
    const b = new Map(matchReps(counted, naive).pairs.map((p) => [p.truth, Math.abs(p.found.onsetMs - p.truth.onsetMs)]));
    const both = counted.filter((tr) => a.has(tr) && b.has(tr));
    if (both.length === 0) return;
    this.recordings++;
    const errs = (m: Map<TrueRep, number>) => both.map((tr) => m.get(tr) ?? 0);
    const excess = percentile(errs(a), 0.5) - percentile(errs(b), 0.5);
    if (excess > 0) this.recordingsWorse++;
    if (excess > this.marginMs) this.recordingsClearlyWorse++;
    for (const tr of both) {
      this.squeezes++;
      if ((a.get(tr) ?? 0) > (b.get(tr) ?? 0) + this.marginMs) this.squeezesWorse++;
    }
  }
}

/** Percentile by linear interpolation between order statistics (q in 0–1); NaN when empty. */
export function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
