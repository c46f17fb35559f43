/**
 * Data that flows from a device adapter into the analysis pipeline.
 *
 * Samples travel in batches (one per Bluetooth packet) of flat typed arrays, so the per-sample
 * path allocates nothing.
 */
export interface SampleBatch {
  /** Stream time of each sample, ms since the stream started (monotonic, may jitter). */
  readonly t: Float64Array;
  /** Main (pelvic-floor) channel, cmH2O; absolute or tared, the pipeline tracks the rest level. */
  readonly p: Float32Array;
  /** Second, reference (abdominal) channel, cmH2O, or null when the device has none. */
  readonly ref: Float32Array | null;
  /** Samples the device sent but we never received just before this batch (sequence gap). */
  readonly lostBefore: number;
}

/** Cue the app gave the user, at a stream time. Recorded in the CSV `cue` column. */
export type CueKind = 'squeeze' | 'cough' | 'relax';
export interface Cue {
  readonly tMs: number;
  readonly kind: CueKind;
}

/** Per-rep measures, as defined in shared/reference/signal.md. Pressures are above rest. */
export interface RepMeasures {
  /** 0-based index of the rep in the stream. */
  readonly index: number;
  readonly onsetMs: number;
  /** Stream time at which the live pipeline first announced this rep. */
  readonly detectedAtMs: number;
  readonly peakMs: number;
  /** Peak rise above the resting level, cmH2O. */
  readonly peakCmH2O: number;
  /** Resting level (absolute, cmH2O) the rep was measured against. */
  readonly baselineCmH2O: number;
  /** Full width at half maximum, ms. */
  readonly durationMs: number;
  readonly releaseMs: number;
  /** First time back within the resting band after release; null if it never got there. */
  readonly relaxedMs: number | null;
  /** 10 % to 90 % of the peak rise, ms; NaN when it is not known (a crossing fell in a gap). */
  readonly riseTimeMs: number;
  /**
   * What the rise time is known to lie within, ms: a crossing that fell in a gap (lost packets, or
   * a link drop before the rep) may have been anywhere in it. Both equal riseTimeMs when it is
   * known, and are NaN when a crossing was not found. Absent from reps stored without them.
   */
  readonly riseTimeMinMs?: number;
  readonly riseTimeMaxMs?: number;
  /** 1 − mean(last second of hold) / peak rise. */
  readonly holdFade: number;
  /** Coefficient of variation over the hold (0.05 = 5 %). */
  readonly steadiness: number;
  /** Reference channel rose with the main channel (bearing down); null without a reference. */
  readonly straining: boolean | null;
  /** Rise of the reference channel over the same window, cmH2O; null without a reference. */
  readonly referenceRiseCmH2O: number | null;
  /**
   * A link gap (≥ 1 s without samples) interrupted the rep: it is measured up to the last sample
   * before the gap (release and duration end there if it was still holding; relaxedMs is null).
   */
  readonly cut: boolean;
}

/** Where the link was down: no samples between these stream times, ms (toMs null: still down). */
export interface LinkGap {
  readonly fromMs: number;
  readonly toMs: number | null;
}

/** What the live pipeline says, in stream order. */
export type RepEvent =
  /** A squeeze has started (robust detection), onset walked back to the start of the rise. */
  | { readonly type: 'onset'; readonly index: number; readonly onsetMs: number; readonly detectedAtMs: number }
  /** A rise announced as an onset turned out not to be a squeeze (a cough, a laugh): forget it. */
  | { readonly type: 'cancel'; readonly index: number; readonly tMs: number }
  /** The rep has ended (relaxed, or the next squeeze began): all measures are final. */
  | { readonly type: 'rep'; readonly rep: RepMeasures }
  /** The rest level the pipeline currently tracks (emitted when it changes notably). */
  | { readonly type: 'baseline'; readonly tMs: number; readonly baselineCmH2O: number; readonly noiseCmH2O: number };
