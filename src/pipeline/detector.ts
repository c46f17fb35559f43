/**
 * The contraction detector: a state machine fed one sample at a time, which says when a squeeze
 * starts, when a rise was only a cough, and, once a rep is over, all its measures.
 *
 *   rest ──rise above rest + k·noise──▶ rising ──held ≥ confirmMs──▶ holding
 *    ▲                                    │ fell back (cough)            │ fell below ½ peak
 *    │                                    ▼                              ▼
 *    └──────────── back in the resting band ◀──────────────────────── released
 *                      (or the next squeeze rises from the raised level: a new rep)
 *
 * A link drop (≥ 1 s without samples, or markGap) cuts a rep under way: it ends at the last
 * sample before the gap, flagged `cut`, and the detector starts again from rest.
 *
 * Per sample it allocates nothing: the history is a ring of typed arrays, the smoothing and
 * window minimum run on it in O(1). Objects are created only for events.
 */
import type { RepEvent, RepMeasures, SampleBatch } from './types.ts';
import { RestTracker } from './baseline.ts';
import { MAX_ABS_READING } from './input-guard.ts';
import { crossingBackward, crossingForward, findDeparture, lineAt, standBefore, type EdgeTuning, type Line } from './edges.ts';
import { PEAK_MEDIAN_MS, countPeaks, estimateOnset, isStraining, measureRiseAndHold, onsetUnderSpike, restingBandCmH2O, type RiseAndHold } from './measures.ts';
import { LINK_GAP, NO_GAP, SampleRing, SHORT_GAP } from './ring.ts';
import { WindowMedian } from './window-median.ts';
import { WindowMin } from './window-min.ts';

export interface DetectorOptions {
  /** The user's maximal squeeze, cmH2O above rest, when known: widens the resting band. */
  readonly mvcCmH2O?: number | null;
}

// Tuning that follows from physiology and sensors, not from any one recording.
/**
 * A squeeze starts when the smoothed pressure rises over its recent minimum (over a long or a
 * quick window) by this many SDs of what rest alone does there …
 */
const RISE_SDS = 4;
/**
 * … while standing this many resting SDs above the resting level (the rise test already tells a
 * squeeze from breathing: the level need only be clear of rest) …
 */
const ANNOUNCE_SDS = 1;
/** … both by at least this much, cmH2O. */
const MIN_THRESHOLD_CMH2O = 1;
/** Closer to rest than this many resting SDs (and the floor above), the pressure teaches the resting level. */
const LEVEL_SDS = 2;
/** A rise becomes a rep once it has stayed above half its height this long, ms (coughs last less). */
const CONFIRM_MS = 400;
/** A rep must rise at least this much above where it started, cmH2O. */
const MIN_REP_CMH2O = 3;

/**
 * A voluntary squeeze stays above half its height for longer than this, even a quick flick
 * (about 1 s); a bout of coughs that holds up between its coughs stays there for less, ms.
 */
const MIN_REP_FWHM_MS = 500;
/**
 * Coughs that fuse (250–450 ms wide, closer than their width) hold up for longer, to about 1 s:
 * a rep this brief that shows two or more separate peaks is such a bout, or a laugh. A voluntary
 * squeeze has one peak: within a second its wobble and tremor move it by much less than a
 * quarter of its height. A peak must also stand out by 4 resting SDs, so that noise on a weak
 * squeeze sampled slowly makes none. FWHM in ms.
 */
const MAX_BOUT_FWHM_MS = 1200;
const BOUT_PROMINENCE_FRACTION = 0.25;
const BOUT_PROMINENCE_SDS = 4;
/** A rep rises at least this many resting SDs (breathing and noise). */
const REP_MIN_NOISE_SDS = 3;
/**
 * … and this many steps of a sensor that reports in steps coarser than a departure
 * (EdgeTuning.minDepartureCmH2O; a probe that reads in a dozen levels): a reading near a step's
 * edge jumps a whole step with the smallest movement, so breathing makes one-step "squeezes".
 * Not two: that loses squeezes two steps tall as well. (`npm run bench:detect -- --set dev
 * --seeds 100 --quantum 4`: precision and recall 0.857 and 0.984 at cafb11c, before the rule.)
 */
const REP_MIN_STEPS = 1.5;
/** Fast smoothing for decisions (squeezes rise over ≥ 150 ms; this only tames sensor noise), ms. */
const DECISION_SMOOTHING_MS = 50;
/** Sample interval of 25 Hz and below, where the decision average spans two samples or more, ms. */
const LOW_RATE_INTERVAL_MS = 40;
/** Most samples the peak median may hold (600 ms at up to ~200 Hz). */
const PEAK_MEDIAN_SAMPLES = 128;
/** Window of the "lowest level lately" a rise is measured from, ms. */
const RISE_WINDOW_MS = 800;
/**
 * A second, quick window: a voluntary squeeze rises several times faster than breathing does, so
 * over a quarter of a second it stands out sooner than over the long window, ms.
 */
const QUICK_RISE_WINDOW_MS = 250;
/** Most samples the rise window holds (800 ms at up to ~1 kHz). */
const RISE_WINDOW_SAMPLES = 1024;
/**
 * The rise windows and the resting statistics follow what happens over hundreds of ms to
 * seconds: they learn from at most one sample this often (at 100 Hz every fourth one, at 50 Hz
 * every other one, at 25 Hz and below every one), ms. Decisions are still taken on every sample.
 * The running median so lags the newest sample by up to a step and a half (it learns the
 * average of a step's samples, at the step): the spike-pass test waits for it. 40 rather than
 * 20: 17–22 % less time per sample, the detection figures as they were (docs/throughput.md).
 */
const WINDOW_STEP_MS = 40;
/** Resting level: average over a breath or so; noise over several breaths, ms. */
const REST_TAU_MS = 4000;
const NOISE_TAU_MS = 10000;
const WARMUP_MS = 2500;
/** A squeeze may rise out of a warm-up that saw at least this much rest (a quarter of a breath: a rough level, better than none), ms. */
const MIN_WARMUP_REST_MS = 1000;
/**
 * Breathing and noise move the resting pressure by less than this within a warm-up (at most
 * 4.9 cmH2O in 2.5 s on the development recordings), and the weakest squeeze rises this much: a
 * warm-up spanning more saw a squeeze or a release, not rest, cmH2O.
 */
const MAX_WARMUP_SWING_CMH2O = 6;
/**
 * Rest is the lowest sustained level (squeezing and straining only raise the pressure): standing
 * below the resting level by more than the resting band and this many resting SDs (breathing and
 * noise) for REANCHOR_MS means the level is wrong: it was learnt on a hold (the stream started
 * mid-squeeze) or extrapolated too far across a long one. It restarts at the level reached.
 */
const BELOW_REST_SDS = 3;
const REANCHOR_MS = 1000;
/** Longer than this between samples (several missed packets) is a gap, ms, whatever the rate. */
const MIN_GAP_MS = 250;
/**
 * A gap this long is a link drop, not a few lost packets: a rep under way is cut at the last
 * sample before it, and rest tracking checks its level again when the samples resume, ms.
 */
const MIN_LINK_GAP_MS = 1000;
/** A rise that neither becomes a rep nor falls back within this long moved the rest level, ms. */
const MAX_CANDIDATE_MS = 6000;
/** Longer than any hold a program asks for (endurance: up to 90 s), ms. */
const MAX_HOLD_MS = 120_000;
/** Still not relaxed this long after the release: the rep ends unrelaxed and rest starts anew, ms. */
const MAX_RELAX_WAIT_MS = 20000;
/**
 * Released and not relaxed, the pressure has stood above the resting band for MAX_RAISED_REST_MS
 * without coming down when the median of the last SETTLED_RAISED_REST_MS of that time is at most
 * this fraction of the band below that of the first (see stoodAbove).
 */
const STILL_BAND_FRACTION = 0.5;
const STILL_CHECK_MS = 500;
/** Pressure held above rest this long without a rise (at rest, or after a release without coming down) is a new resting level, ms. */
const MAX_RAISED_REST_MS = 10000;
/**
 * Sooner, when it stands above the resting band and has not moved back toward rest for this
 * long: a change of position (often after a jolt the detector took for a cough). A cough's or a
 * release's tail decays within a second, ms.
 */
const SETTLED_RAISED_REST_MS = 2500;
/** Resting-level events: when it moved at least this much (at most every 500 ms), or every 5 s at rest. */
const BASELINE_EVENT_STEP_CMH2O = 0.25;
const BASELINE_EVENT_MIN_INTERVAL_MS = 500;
const BASELINE_EVENT_MAX_INTERVAL_MS = 5000;
/**
 * A let-go that stays above this fraction of the peak and is back above half within DIP_MAX_MS
 * is a wobble or a quick flick within the hold, not a release: the rep goes on.
 */
const DIP_MIN_FRACTION = 0.4;
const DIP_MAX_MS = 800;
/**
 * An endurance hold (20–60 s) fades and dips and is caught again: after a hold this long (longer
 * than any strength hold, so a squeeze let go and made again is still two reps), a dip
 * that stays above this fraction of the peak and is back above half within LONG_DIP_MAX_MS is
 * still the same squeeze.
 */
const LONG_HOLD_MS = 10_000;
const LONG_DIP_MIN_FRACTION = 0.15;
const LONG_DIP_MAX_MS = 3000;
/**
 * A change of position moves the resting level (3–8 cmH2O) and it stays: it rises like a squeeze
 * and is confirmed like one, but never falls. A real hold never climbs far above its own peak
 * once it has stopped rising; a squeeze made on top of a moved level does. So when the running
 * median (which ignores coughs) climbs, within CLIMB_MAX_MS, above a peak that had stood for
 * PLATEAU_MS by a rep's height and ON_TOP_FRACTION of that peak, the "rep" was the level moving:
 * it is withdrawn, rest restarts at the plateau, and the climb is a new rep from there.
 */
const PLATEAU_MS = 1500;
/** The peak stands still while it grows by less than this (drift, breathing), cmH2O or fraction of it. */
const STALL_MIN_CMH2O = 0.5;
const STALL_FRACTION = 0.1;
const CLIMB_MAX_MS = 3000;
const ON_TOP_FRACTION = 0.5;
/**
 * A rise announced but still under a rep's height this long after, without falling back, is the
 * level moving a little (not a squeeze): withdrawn, and rest restarts where it stands, so the
 * announcement never stays with a squeeze that comes later, ms.
 */
const STALE_CANDIDATE_MS = 2000;
/**
 * A squeeze begun on a level that had just moved: the pressure stood still at the moved level at
 * least this long before the squeeze's own rise (movedBeforeSqueeze), ms. A rise merely passing
 * that level, or pausing on a shoulder, stands still for less.
 */
const MIN_MOVED_STAND_MS = 250;
/** A rise out of a peak that has stood still this long is announced again (riseOverStand), ms. */
const SHORT_STAND_MS = 300;
/**
 * A rise that falls back below this fraction of its height before it is a rep has met a spike
 * (a cough, a laugh): a squeeze does not lose 40 % within its first second, while a spike
 * merged with a squeeze begun in its fall may not drop to half before the squeeze holds it up.
 */
const SPIKE_FALL_FRACTION = 0.6;
/** A cough's spike has passed this long after the rise fell back, ms. */
const SPIKE_PASS_MS = 450;
const SPIKE_STEADY_FRACTION = 0.3;
/** Still climbing when the spike has passed: decided again this much later (half the median's window), ms. */
const SPIKE_DEFER_MS = PEAK_MEDIAN_MS / 2;
/** History kept for walking back and measuring: ~160 s at 100 Hz. */
const HISTORY_SAMPLES = 16384;
/**
 * An announcement may come this much before the onset estimated for the rep and still be its
 * own, ms: the estimate is interpolated between samples and extrapolated back along the early
 * rise, and the announcement is decided on a 50 ms average, so within that the two are the same
 * moment. Beyond it, the announcement preceded what it announces (see announcedBeforeOnset).
 */
const ANNOUNCED_EARLY_MS = DECISION_SMOOTHING_MS;
/**
 * Unless the pressure rose this fraction of the rep's peak from the announcement to the estimated
 * onset: where a rise is measured from (the 10 % crossing of the rise time), so the squeeze was
 * rising when announced and the estimate is what came late.
 */
const UNDER_WAY_FRACTION = 0.1;
/** Onsets are looked for at most this long before the rise was detected, ms. */
const MAX_WALK_BACK_MS = 3000;

/** Readings closer than this are the same reading (rounding in a CSV), cmH2O. */
const MIN_STEP_CMH2O = 1e-6;

const EDGE_TUNING: EdgeTuning = {
  smoothHalfMs: 25,
  referenceMs: 800,
  guardMs: 60,
  departureSds: 2,
  minDepartureCmH2O: 0.1,
  sensorStepCmH2O: 0,
};

/** Where the detector is: a number, not a string, because the step branches on it every sample. */
const REST = 0;
const RISING = 1;
const HOLDING = 2;
const RELEASED = 3;
type Phase = typeof REST | typeof RISING | typeof HOLDING | typeof RELEASED;

/** Everything known about one rep while it is under way. Reused: two instances, no allocation. */
class RepTrack {
  index = 0;
  detectedAtMs = 0;
  /** When it became a rep (held above half its height long enough). */
  confirmedAtMs = 0;
  announcedOnsetMs = 0;
  lowIdx = 0;
  /** The level this rep is measured against (rest, or the raised level it rose from). */
  base: Line = { level: 0, slopePerMs: 0, t0: 0 };
  /** How far above `base` the pressure still counted as resting when the rise was detected. */
  baseBand = 0;
  /** The resting level (for "relaxed"). */
  rest: Line = { level: 0, slopePerMs: 0, t0: 0 };
  maxRise = 0;
  halfUpMs = 0;
  peakCmH2O = 0;
  peakMs = 0;
  measured: RiseAndHold | null = null;
  fallIdx = 0;
  /** Lowest rise since the pressure fell below half the peak. */
  dipLowest = 0;
  /** A rise fell back above a rep's height: when its spike will have passed (NaN: none). */
  spikePassMs = Number.NaN;
  /** Begun under a spike announced in its place: when that was announced (NaN: none). */
  spikeAnnouncedMs = Number.NaN;
  /** The spike-pass decision was put off, the pressure climbing (see whileRising). */
  spikeDeferred = false;
  /** The lowest rise since it fell back at a spike (the trough a squeeze under it rises out of). */
  spikeTrough = 0;
  /** Released and not relaxed: the level the pressure stands at, and since when (NaN: none yet). */
  settleFrom = Number.NaN;
  settleSinceMs = Number.NaN;
  /** When stoodAbove may look again (NaN: at once). */
  stillCheckMs = Number.NaN;
  /** Measured from rest, the pressure stood far below it where the squeeze began. */
  roseFromBelow = false;
  /** Such a rep came back within the resting band then (NaN: not yet), while its end waits. */
  relaxedAtMs = Number.NaN;
  /**
   * Announced again as it rose out of a brief stand (riseOverStand): the first announcement's
   * onset and time, restored if the stand proves part of the squeeze (NaN: not announced again).
   */
  firstDetectedAtMs = Number.NaN;
  firstOnsetMs = Number.NaN;
  /** Highest rise of the decision average so far, and since when it has not climbed above it (see riseOverStand). */
  standTop = 0;
  standSinceMs = Number.NaN;
  /** When a climb out of the stand was announced (0: none yet), and its highest rise since. */
  standClimbedMs = 0;
  standClimbTop = 0;
  /** A peak that had stood for PLATEAU_MS before the pressure climbed above it (0: none), and when the climb began. */
  plateauPeak = 0;
  climbFromMs = 0;
  /** The peak as it last grew notably, and when: the hold has stood still since then. */
  stallPeak = 0;
  stallMs = 0;
  /**
   * A spike (a cough, the Knack's cough) passed over the hold until then: the peak learns only
   * from running-median windows that begin after it (NaN: none). A median ignores a spike shorter
   * than half its window, but a cough can stand above a hold for that long.
   */
  peakAfterMs = Number.NaN;
  /** The peak's fields as they were when a climb out of a stand was announced, put back if it was a spike (see savePeak). */
  readonly peakBeforeClimb = new Float64Array(6);
}

/** The peak `r` tracks, kept aside before a climb that may prove a spike. */
function savePeak(r: RepTrack): void {
  const s = r.peakBeforeClimb;
  s[0] = r.peakCmH2O;
  s[1] = r.peakMs;
  s[2] = r.stallPeak;
  s[3] = r.stallMs;
  s[4] = r.plateauPeak;
  s[5] = r.climbFromMs;
}

/** The peak kept aside by savePeak, back: the climb was a spike, whatever it added to the peak is not the squeeze's. */
function restorePeak(r: RepTrack): void {
  const s = r.peakBeforeClimb;
  r.peakCmH2O = s[0];
  r.peakMs = s[1];
  r.stallPeak = s[2];
  r.stallMs = s[3];
  r.plateauPeak = s[4];
  r.climbFromMs = s[5];
}

/** The rep's peak measured from `line` instead of its base. */
function peakAbove(r: RepTrack, line: Line): number {
  return lineAt(r.base, r.peakMs) + r.peakCmH2O - lineAt(line, r.peakMs);
}

export class RepDetector {
  private band: number;
  private readonly ring = new SampleRing(HISTORY_SAMPLES);
  private readonly rest = new RestTracker(REST_TAU_MS, NOISE_TAU_MS, WARMUP_MS, MAX_WARMUP_SWING_CMH2O);
  /** Lowest decision average of the rise window (`value`) and of the quick one (`quickValue`). */
  private readonly recentMin = new WindowMin(RISE_WINDOW_MS, RISE_WINDOW_SAMPLES, QUICK_RISE_WINDOW_MS);
  private readonly peakMedian = new WindowMedian(PEAK_MEDIAN_MS, PEAK_MEDIAN_SAMPLES);
  private readonly events: RepEvent[] = [];
  private phase: Phase = REST;
  private cur = new RepTrack();
  /** A released rep still waiting to relax while a new rise is being confirmed. */
  private prev = new RepTrack();
  private hasPrev = false;
  private nextIndex = 0;
  private lastT = Number.NaN;
  private dtMs = Number.NaN;
  private gapPending = false;
  /** The link was reported down (markGap): the next sample comes after a link gap, however close in time. */
  private linkGapPending = false;
  /** A link gap cut a rep: the samples after it may still be that squeeze. */
  private cutBeforeResume = false;
  /** A rise over a hold is being confirmed (`cur`); the hold waits in `prev`. */
  private overHold = false;
  /** A link gap cut a rise not yet known to be a squeeze: `cur`, measured up to the gap. */
  private undecidedCut = false;
  /** Start index of the decision moving average. */
  private fastStart = 0;
  private fast = Number.NaN;
  /** Stream time with gaps squeezed out: the rise window spans signal received, not outages. */
  private receivedMs = 0;
  /** Time of the last sample the windows and the resting statistics learnt from (NaN: the next one does). */
  private windowStepMs = Number.NaN;
  /** Whether this sample is one they learn from. */
  private windowStep = true;
  /** Sums of the samples' times and readings since the last window step, and how many. */
  private stepSumT = 0;
  private stepSumP = 0;
  private stepCount = 0;
  private aboveCount = 0;
  private raisedSinceMs = Number.NaN;
  /** Where the raised pressure stood, and since when it has stayed within the level threshold of that. */
  private raisedFrom = Number.NaN;
  private settledSinceMs = Number.NaN;
  /** Since when the pressure has stood clearly below the resting level (NaN: it does not). */
  private belowSinceMs = Number.NaN;
  /** Earliest sample a new onset may be walked back to (end of the last rep). */
  private boundaryIdx = 0;
  private lastBaselineLevel = Number.NaN;
  /** Smallest change between two readings seen so far: the sensor's resolution (Infinity until one). */
  private resolution = Number.POSITIVE_INFINITY;
  /** The resolution when it is coarser than a departure (then it sets how far a rep must rise), else 0. */
  private coarseStep = 0;
  private lastMain = Number.NaN;
  /** Edge tuning, with the departure test no finer than the sensor's resolution. */
  private edgeTuning: EdgeTuning = EDGE_TUNING;
  private lastBaselineT = Number.NaN;

  constructor(options: DetectorOptions = {}) {
    this.band = restingBandCmH2O(options.mvcCmH2O);
  }

  /** A new MVC (the strength test just finished): "relaxed" follows it from now on. */
  setMvc(mvcCmH2O: number | null): void {
    this.band = restingBandCmH2O(mvcCmH2O);
  }

  /** Resting level now tracked (absolute, cmH2O), NaN before the first sample. */
  get restLevel(): number {
    return this.rest.level;
  }

  /** Spread of the resting pressure (SD, cmH2O). */
  get restNoise(): number {
    return this.rest.noise;
  }

  /**
   * `count` samples were lost before the next one (a sequence gap). A few lost samples are
   * bridged like any other interval; a long outage is never smoothed or walked across.
   */
  markLost(count: number): void {
    if (count * (Number.isNaN(this.dtMs) ? 0 : this.dtMs) > MIN_GAP_MS) this.gapPending = true;
  }

  /**
   * The link was down from `fromMs` (to `toMs`, or null while it still is): a rep under way is cut
   * now, at the newest sample, without waiting for the samples to resume, and the next sample is
   * taken as coming after a link gap. A gap known to be shorter than a link drop (1 s) is only a
   * gap: never smoothed or walked across.
   */
  markGap(fromMs: number, toMs: number | null = null): void {
    if (this.ring.count === 0) return;
    if (toMs !== null && toMs - fromMs < MIN_LINK_GAP_MS) {
      this.gapPending = true;
      return;
    }
    this.cutAtGap();
    this.linkGapPending = true;
  }

  /** Feeds a batch from a device adapter. */
  pushBatch(batch: SampleBatch): void {
    if (batch.lostBefore > 0) this.markLost(batch.lostBefore);
    const times = batch.t;
    const main = batch.p;
    const ref = batch.ref;
    const input = this.input;
    // No reference: NaN for the whole batch (step writes only the time back into `input`).
    if (ref === null) input[2] = Number.NaN;
    for (let i = 0; i < times.length; i++) {
      input[0] = times[i];
      input[1] = main[i];
      if (ref !== null) input[2] = ref[i];
      this.step();
    }
  }

  /** Feeds one sample: stream time (ms), main channel and reference (NaN when absent), cmH2O. */
  push(tMs: number, main: number, ref: number): void {
    const input = this.input;
    input[0] = tMs;
    input[1] = main;
    input[2] = ref;
    this.step();
  }

  /**
   * The sample being fed (time, main, reference), set just before `step`: a number passed to a
   * call the engine does not inline is boxed (an allocation per sample), one read from a typed
   * array is not.
   */
  private readonly input = new Float64Array(3);
  /** The running windows' sample (received time, decision average), for the same reason. */
  private readonly windowInput = new Float64Array(2);

  /** One sample, the one in `input`. */
  private step(): void {
    const tMs = this.input[0];
    const main = this.input[1];

    // No reading is this large (input-guard.ts): one would swamp the running sums and averages.
    if (!(Math.abs(main) <= MAX_ABS_READING) || !Number.isFinite(tMs)) {
      this.gapPending = true;
      return;
    }
    const lastT = this.lastT;
    const t = Number.isNaN(lastT) ? tMs : Math.max(tMs, lastT);
    // NaN before the first sample, when no comparison below holds (and markGap sets nothing pending).
    const dt = t - lastT;
    const linkGap = this.linkGapPending || dt >= MIN_LINK_GAP_MS;
    const gap = linkGap || this.gapPending || dt > Math.max(MIN_GAP_MS, 4 * this.dtMs);
    this.gapPending = false;
    this.linkGapPending = false;
    // Before this sample enters the history: the rep under way ends at the last one before the gap.
    if (linkGap) this.cutAtGap();
    if (!gap && dt > 0) this.dtMs = Number.isNaN(this.dtMs) ? dt : this.dtMs + 0.05 * (dt - this.dtMs);
    this.lastT = t;
    this.noteResolution();
    this.input[0] = t;
    this.ring.pushInput(this.input, linkGap ? LINK_GAP : gap ? SHORT_GAP : NO_GAP);
    this.updateSmoothing(gap);
    this.receivedMs += gap || Number.isNaN(dt) ? 0 : dt;
    if (linkGap && this.cutBeforeResume) this.resumeAfterCut(t);
    // Half a sample interval early, so that jitter does not skip every other sample at 25 Hz.
    const windowStep = gap || !(t - this.windowStepMs < WINDOW_STEP_MS - 0.5 * this.dtMs);
    if (windowStep) this.windowStepMs = t;
    this.windowStep = windowStep;
    if (gap) this.clearStepSums();
    this.stepSumT += t;
    this.stepSumP += main;
    this.stepCount++;
    if (windowStep) {
      const windowInput = this.windowInput;
      windowInput[0] = this.receivedMs;
      windowInput[1] = this.fast;
      this.recentMin.pushInput(windowInput);
      // The median learns from the average of the samples since the last step: as steady a
      // level as every sample gives, in a quarter of the values at 100 Hz.
      const perSample = 1 / this.stepCount;
      windowInput[0] = this.stepSumT * perSample;
      windowInput[1] = this.stepSumP * perSample;
      this.peakMedian.pushInput(windowInput);
      this.clearStepSums();
    }
    // The phases read the sample's time from lastT (a number passed to a call is boxed).
    switch (this.phase) {
      case REST:
        this.atRest();
        break;
      case RISING:
        this.whileRising();
        break;
      case HOLDING:
        this.whileHolding();
        break;
      case RELEASED:
        this.whileReleased();
        break;
    }
  }

  /**
   * A sensor that reports in steps (counts, whole cmH2O) turns the breathing wave into steps of
   * one quantum: a departure must be more than one step, or the walk back stops at a breath
   * (`npm run bench:detect -- --set dev --quantum 1`: without this, precision and recall 0.995
   * and 0.996, squeezes whose onset landed on a breath 0.5–1.6 s early).
   * Continuous readings have tiny steps, and the tuning stays as it is. Allocates only when the
   * resolution found gets finer, a handful of times per stream.
   */
  private noteResolution(): void {
    const main = this.input[1];
    const step = Math.abs(main - this.lastMain);
    this.lastMain = main;
    if (!(step > MIN_STEP_CMH2O && step < this.resolution)) return;
    this.resolution = step;
    this.coarseStep = step > EDGE_TUNING.minDepartureCmH2O ? step : 0;
    this.edgeTuning = this.coarseStep > 0 ? { ...EDGE_TUNING, minDepartureCmH2O: step, sensorStepCmH2O: step } : EDGE_TUNING;
  }

  /**
   * A link gap interrupts the rep under way: it ends at the newest sample (the last before the
   * gap), flagged cut, not relaxed. A hold, or a rise announced and risen like a squeeze (its
   * running median, which a cough hardly moves, is up by a rep's height), is measured up to
   * there; a smaller announced rise is cancelled. A released rep still waiting to relax ends
   * unrelaxed; it is cut unless the rise after it became a rep (which ends it anyway).
   */
  private cutAtGap(): void {
    const t = this.lastT;
    if (this.overHold) {
      this.events.push({ type: 'cancel', index: this.cur.index, tMs: t });
      this.dropOverHold();
    }
    if (this.phase !== REST) this.cutBeforeResume = true;
    switch (this.phase) {
      case REST:
        break;
      case RISING: {
        const r = this.cur;
        const isRep = r.peakCmH2O >= this.minRepRise;
        // Risen a rep's height, but too recently for the median to tell a squeeze from a cough:
        // decided by the first sample after the gap (a cough is over by then, a squeeze is not).
        const undecided = !isRep && r.maxRise >= this.minRepRise;
        if (isRep) this.nextIndex++;
        else if (!undecided) this.events.push({ type: 'cancel', index: r.index, tMs: t });
        if (this.hasPrev) this.emitRep(this.prev, Number.NaN, !isRep);
        if (isRep) this.emitCut(r);
        else if (undecided) {
          r.fallIdx = this.ring.newest;
          r.peakCmH2O = r.maxRise;
          r.measured = measureRiseAndHold(this.ring, r, this.edgeTuning, true);
          this.undecidedCut = true;
        }
        break;
      }
      case HOLDING:
        this.emitCut(this.cur);
        break;
      case RELEASED:
        this.emitRep(this.cur, Number.NaN, true);
        break;
    }
    this.hasPrev = false;
    this.phase = REST;
    this.aboveCount = 0;
    this.boundaryIdx = this.ring.newest + 1;
  }

  /** Measures a rep still rising or holding up to the newest sample, and emits it cut. */
  private emitCut(r: RepTrack): void {
    r.fallIdx = this.ring.newest;
    r.measured = measureRiseAndHold(this.ring, r, this.edgeTuning, true);
    this.emitRep(r, Number.NaN, true);
  }

  /**
   * The first sample after a link gap that cut a rep. Within the resting band of the level learnt
   * before, the user relaxed during the gap and that level (with its spread and drift) still
   * holds. Anywhere else, the cut squeeze may still be under way (it must not count again, from
   * an onset in the gap) or the probe moved: the level is learnt again as in a warm-up (a warm-up
   * that sees a squeeze or its release starts over, see RestTracker), the spread learnt so far
   * serving meanwhile; until it is ready only a squeeze rising out of a second of rest counts.
   * After a gap at rest nothing changes: the level from just before it is the best there is, and a
   * squeeze begun in the gap is found (its onset extrapolated back, never across the gap).
   */
  private resumeAfterCut(t: number): void {
    this.cutBeforeResume = false;
    if (this.undecidedCut) {
      this.undecidedCut = false;
      const r = this.cur;
      if (this.fast - lineAt(r.base, t) >= 0.5 * r.maxRise) {
        // Still up after the gap: it was a squeeze, found, and measured only up to the gap.
        this.nextIndex++;
        this.emitRep(r, Number.NaN, true);
      } else this.events.push({ type: 'cancel', index: r.index, tMs: t });
    }
    this.raisedSinceMs = Number.NaN;
    this.belowSinceMs = Number.NaN;
    if (Math.abs(this.fast - this.rest.levelAt(t)) <= this.band) return;
    this.rest.rewarm();
    // Rises are measured from what the pressure did since the samples resumed.
    this.clearRiseWindows();
  }

  /** Ends the stream: a released rep is final (not relaxed); a rise or hold still under way is cancelled. */
  finish(): void {
    const t = this.lastT;
    if (this.undecidedCut) this.events.push({ type: 'cancel', index: this.cur.index, tMs: t });
    this.undecidedCut = false;
    if (this.overHold) {
      this.events.push({ type: 'cancel', index: this.cur.index, tMs: t });
      this.dropOverHold();
    }
    if (this.hasPrev) this.emitRep(this.prev, Number.NaN);
    this.hasPrev = false;
    if (this.phase === RELEASED) this.emitRep(this.cur, Number.NaN);
    else if (this.phase === RISING || this.phase === HOLDING) this.events.push({ type: 'cancel', index: this.cur.index, tMs: t });
    this.phase = REST;
  }

  /** Hands over the events produced since the last call, in stream order. */
  drainEvents(emit: (e: RepEvent) => void): void {
    // Index loop: `emit` may not add events, but keep it robust if it does.
    for (let i = 0; i < this.events.length; i++) emit(this.events[i]);
    // Most batches have none: setting the length is a call into the engine's runtime.
    if (this.events.length > 0) this.events.length = 0;
  }

  private updateSmoothing(gap: boolean): void {
    const t = this.lastT;
    const ring = this.ring;
    const newest = ring.newest;
    if (gap) {
      this.fastStart = newest;
      this.peakMedian.clear();
    }
    // At low rates the decision window still spans two samples.
    const fastMs = Math.max(DECISION_SMOOTHING_MS, Number.isNaN(this.dtMs) ? 0 : 1.5 * this.dtMs);
    const from = t - fastMs;
    let start = this.fastStart;
    while (start < newest && ring.t(start) < from) start++;
    this.fastStart = start;
    ring.updateMean(start, newest);
    this.fast = ring.lastMean;
  }

  /**
   * The thresholds that follow from what rest does (its spread, and how much it rises over the
   * windows' minimum), brought up to date whenever the resting tracker learns: they are read on
   * every sample, and a number returned from a getter the engine does not inline is boxed.
   * - noiseSd: the resting spread (SD), as RestTracker.noise;
   * - minRepRise: a rep rises at least MIN_REP_CMH2O, and clearly above what breathing does (a
   *   deep breath is not a squeeze), on a coarse sensor also more than a step and a half;
   * - levelThreshold: below this far above rest, the pressure is rest (and teaches the resting level);
   * - announceThreshold: how far above rest the pressure must stand for a rise to be announced;
   * - riseLimit, quickRiseLimit: a rise over the long or the quick window's minimum beyond what
   *   rest does there. Brought up to date only when read (riseLimitsStale): at rest they are read
   *   only while the pressure stands above the announce threshold, and each costs a square root.
   *   What they follow from changes only when the tracker learns, so they are what they would
   *   have been if brought up to date then.
   */
  private noiseSd = 0;
  private minRepRise = MIN_REP_CMH2O;
  private levelThreshold = MIN_THRESHOLD_CMH2O;
  private announceThreshold = MIN_THRESHOLD_CMH2O;
  private riseLimit = MIN_THRESHOLD_CMH2O;
  private quickRiseLimit = MIN_THRESHOLD_CMH2O;
  private riseLimitsStale = false;

  private updateThresholds(): void {
    const noise = this.rest.noise;
    this.noiseSd = noise;
    this.minRepRise = Math.max(MIN_REP_CMH2O, REP_MIN_NOISE_SDS * noise, REP_MIN_STEPS * this.coarseStep);
    this.levelThreshold = Math.max(MIN_THRESHOLD_CMH2O, LEVEL_SDS * noise);
    this.announceThreshold = Math.max(MIN_THRESHOLD_CMH2O, ANNOUNCE_SDS * noise);
    this.riseLimitsStale = true;
  }

  private updateRiseLimits(): void {
    const rest = this.rest;
    this.riseLimit = Math.max(MIN_THRESHOLD_CMH2O, rest.riseThreshold(RISE_SDS));
    this.quickRiseLimit = Math.max(MIN_THRESHOLD_CMH2O, rest.quickRiseThreshold(RISE_SDS));
    this.riseLimitsStale = false;
  }

  /**
   * Rise over the lowest level of the long or the quick window beyond what rest does there, with
   * persistence over two samples (at 25 Hz and below one: the decision average already spans two).
   */
  private risingNow(extraCondition: boolean): boolean {
    // Most samples at rest stop here.
    if (!(extraCondition && this.risesOverWindows())) {
      this.aboveCount = 0;
      return false;
    }
    this.aboveCount++;
    return this.aboveCount >= (this.dtMs >= LOW_RATE_INTERVAL_MS ? 1 : 2);
  }

  /** Whether the decision average rises over the long or the quick window's minimum beyond what rest does there. */
  private risesOverWindows(): boolean {
    if (this.riseLimitsStale) this.updateRiseLimits();
    return this.fast - this.recentMin.value > this.riseLimit || this.fast - this.recentMin.quickValue > this.quickRiseLimit;
  }

  private atRest(): void {
    const t = this.lastT;
    const rest = this.rest;
    if (!rest.ready) {
      if (rest.risesOutOfWarmup(this.fast, MIN_WARMUP_REST_MS)) this.startRise(t, true);
      else if (this.windowStep) this.learnRest();
      return;
    }
    const excess = this.fast - rest.levelAt(t);
    if (this.risingNow(excess > this.announceThreshold)) {
      this.startRise(t, true);
      return;
    }
    if (excess < -Math.max(this.band, BELOW_REST_SDS * this.noiseSd)) {
      // Far below rest: the level is suspect, so these samples must not teach it (nor its spread).
      if (Number.isNaN(this.belowSinceMs)) this.belowSinceMs = t;
      else if (t - this.belowSinceMs >= REANCHOR_MS) this.reanchorRest(t);
      return;
    }
    this.belowSinceMs = Number.NaN;
    if (excess < this.levelThreshold) {
      if (this.windowStep) this.learnRest();
      this.raisedSinceMs = Number.NaN;
      if (!(this.lastT < this.baselineQuietUntilMs && this.rest.level === this.baselineQuietLevel)) this.maybeEmitBaseline();
    } else if (Number.isNaN(this.raisedSinceMs)) {
      // Above rest without a rise (the tail of a release or a cough): hold the level still …
      this.raisedSinceMs = t;
      this.raisedFrom = this.fast;
      this.settledSinceMs = t;
    } else if (t - this.raisedSinceMs > MAX_RAISED_REST_MS || (t - this.settledSinceMs > SETTLED_RAISED_REST_MS && excess > this.band)) {
      // … unless it stays there: then the resting level itself has moved.
      rest.restartAt(t, this.fast);
      this.raisedSinceMs = Number.NaN;
    } else if (Math.abs(this.fast - this.raisedFrom) > this.levelThreshold) {
      // Still moving (a tail decaying): settled only from here.
      this.raisedFrom = this.fast;
      this.settledSinceMs = t;
    }
  }

  private clearStepSums(): void {
    this.stepSumT = 0;
    this.stepSumP = 0;
    this.stepCount = 0;
  }

  /** Rises are measured from the next sample on, which the windows learn from. */
  private clearRiseWindows(): void {
    this.recentMin.clear();
    this.windowStepMs = Number.NaN;
  }

  /** Teaches the resting level this sample (through RestTracker.input: nothing boxed per sample). */
  private learnRest(): void {
    const rest = this.rest;
    rest.input[0] = this.fast;
    rest.input[1] = this.fast - this.recentMin.value;
    rest.input[2] = this.fast - this.recentMin.quickValue;
    rest.input[3] = this.lastT;
    rest.update();
    this.updateThresholds();
  }

  /**
   * The resting level was wrong (the pressure has sat below it for a second): it restarts at the
   * level now reached, the median of the last 600 ms (the end of a fall is a minority of it,
   * noise and tremor do not move it), and the display hears of it at once. Level and spread are
   * then learnt again as in a warm-up, without pausing detection.
   */
  private reanchorRest(t: number): void {
    this.rest.relearnAt(t, this.peakMedian.value);
    this.belowSinceMs = Number.NaN;
    this.raisedSinceMs = Number.NaN;
    this.lastBaselineLevel = this.rest.level;
    this.lastBaselineT = t;
    this.baselineQuietUntilMs = Number.NEGATIVE_INFINITY;
    this.events.push({ type: 'baseline', tMs: t, baselineCmH2O: this.rest.level, noiseCmH2O: this.rest.noise });
  }

  /** What every rise starts from when it is announced (`cur`, at `t`). */
  private beginRise(t: number): void {
    const r = this.cur;
    r.index = this.nextIndex;
    r.detectedAtMs = t;
    r.halfUpMs = t;
    r.peakCmH2O = 0;
    r.peakMs = t;
    r.plateauPeak = 0;
    r.stallPeak = 0;
    r.stallMs = t;
    r.peakAfterMs = Number.NaN;
    r.spikePassMs = Number.NaN;
    r.spikeAnnouncedMs = Number.NaN;
    r.spikeDeferred = false;
    r.measured = null;
    r.settleFrom = Number.NaN;
    r.firstDetectedAtMs = Number.NaN;
    r.standTop = 0;
    r.standSinceMs = Number.NaN;
    r.standClimbedMs = 0;
    r.roseFromBelow = false;
    r.relaxedAtMs = Number.NaN;
    this.aboveCount = 0;
    this.phase = RISING;
  }

  private startRise(t: number, fromRest: boolean): void {
    const ring = this.ring;
    const r = this.cur;
    this.beginRise(t);
    r.lowIdx = Math.max(this.boundaryIdx, ring.indexAtOrAfter(t - MAX_WALK_BACK_MS));
    const restLine: Line = { level: this.rest.level, slopePerMs: this.rest.driftPerMs, t0: this.rest.lastRestMs };
    r.baseBand = this.levelThreshold;
    // From rest the walk back starts where the pressure last stood in the resting band; a rise
    // from a level left raised has no such level yet (the walk stops at its trough).
    const anchor = fromRest ? { line: restLine, band: r.baseBand } : undefined;
    const onset = findDeparture(ring, r.lowIdx, ring.newest, 1, this.edgeTuning, anchor);
    r.announcedOnsetMs = onset.tMs;
    r.rest = fromRest ? restLine : this.prev.rest;
    // Rising from a level left raised by the last squeeze: measure from where it rose.
    r.base = fromRest ? restLine : { level: onset.level, slopePerMs: 0, t0: t };
    r.maxRise = this.fast - lineAt(r.base, t);
    this.belowSinceMs = Number.NaN;
    this.events.push({ type: 'onset', index: r.index, onsetMs: r.announcedOnsetMs, detectedAtMs: t });
  }

  /**
   * A quick rise far above a hold that has stood still: a squeeze on a level that moved, or a
   * cough on a hold. Announced at once as a new rise from the hold's level, the hold kept aside.
   */
  private startOverHold(t: number): void {
    const ring = this.ring;
    const hold = this.cur;
    const line: Line = { level: lineAt(hold.base, t) + hold.peakCmH2O, slopePerMs: this.rest.driftPerMs, t0: t };
    this.swapTracks();
    this.overHold = true;
    const r = this.cur;
    this.beginRise(t);
    r.lowIdx = ring.indexAtOrAfter(Math.max(t - MAX_WALK_BACK_MS, hold.stallMs));
    r.baseBand = this.levelThreshold;
    r.announcedOnsetMs = findDeparture(ring, r.lowIdx, ring.newest, 1, this.edgeTuning, { line, band: r.baseBand }).tMs;
    r.base = line;
    r.rest = line;
    r.maxRise = this.fast - lineAt(line, t);
    this.events.push({ type: 'onset', index: r.index, onsetMs: r.announcedOnsetMs, detectedAtMs: t });
  }

  /**
   * A quick rise far above a peak that has stood still only briefly (under PLATEAU_MS), on a rise
   * from rest: a squeeze made on a level that has just moved (a change of position, the "rise"
   * announced), or a squeeze made in two steps. Which, only the pressure after the release shows
   * (movedBeforeSqueeze). Meanwhile the squeeze is announced again from where it left the stand,
   * as the more likely of the two for a patient told to squeeze at once; the first announcement
   * is restored if the pressure comes back to rest. Once per rep.
   */
  private riseOverStand(r: RepTrack, t: number): void {
    if (r.base !== r.rest) return;
    const rise = this.fast - lineAt(r.base, t);
    if (r.standClimbedMs > 0) {
      if (Number.isNaN(r.firstDetectedAtMs) || t - r.standClimbedMs > CONFIRM_MS) return;
      // A climb that falls back within CONFIRM_MS below half its height over the stand is a spike
      // (a cough on the hold, the Knack): the first announcement stands.
      r.standClimbTop = Math.max(r.standClimbTop, rise);
      if (rise < r.standTop + 0.5 * (r.standClimbTop - r.standTop)) {
        this.restoreFirstAnnouncement(r, true);
        restorePeak(r);
        r.peakAfterMs = t;
      }
      return;
    }
    // The stand: the decision average has stopped climbing (by more than breathing and noise move
    // it) for SHORT_STAND_MS, clear of the resting band; from then on it is where a climb is
    // measured from.
    if (!(t - r.standSinceMs >= SHORT_STAND_MS && r.standTop >= this.band)) {
      if (rise > r.standTop + Math.max(this.levelThreshold, STALL_FRACTION * r.standTop)) {
        r.standTop = rise;
        r.standSinceMs = t;
      }
      return;
    }
    if (!this.risingNow(rise - r.standTop > Math.max(this.minRepRise, ON_TOP_FRACTION * r.standTop))) return;
    const ring = this.ring;
    const lo = ring.indexAtOrAfter(Math.max(r.standSinceMs, ring.t(Math.max(r.lowIdx, ring.oldest))));
    const onsetMs = findDeparture(ring, lo, ring.newest, 1, this.edgeTuning).tMs;
    r.firstDetectedAtMs = r.detectedAtMs;
    r.firstOnsetMs = r.announcedOnsetMs;
    r.detectedAtMs = t;
    r.standClimbedMs = t;
    r.standClimbTop = rise;
    savePeak(r);
    this.events.push({ type: 'cancel', index: r.index, tMs: t });
    this.events.push({ type: 'onset', index: r.index, onsetMs, detectedAtMs: t });
  }

  /**
   * The announcement made before riseOverStand's, back: the climb was a spike (`spike`), or the
   * stand was part of the squeeze and that announcement its own (not made before its onset, as
   * one for a jolt before it would be).
   */
  private restoreFirstAnnouncement(r: RepTrack, spike = false): void {
    const first = r.firstDetectedAtMs;
    r.firstDetectedAtMs = Number.NaN;
    const m = r.measured;
    if (Number.isNaN(first) || (!spike && (m === null || first < m.onsetMs - ANNOUNCED_EARLY_MS))) return;
    r.detectedAtMs = first;
    this.events.push({ type: 'cancel', index: r.index, tMs: this.lastT });
    this.events.push({ type: 'onset', index: r.index, onsetMs: r.firstOnsetMs, detectedAtMs: r.detectedAtMs });
  }

  /**
   * The rise over a hold: falling back, it was a cough (withdrawn; the hold goes on). Confirmed,
   * the hold was the resting level moving: both announcements are withdrawn, rest restarts at the
   * hold's level, and the squeeze takes the hold's index, announced when it was first seen.
   */
  private whileRisingOverHold(t: number): void {
    const r = this.cur;
    const rise = this.fast - lineAt(r.base, t);
    this.trackPeak(r);
    if (rise > r.maxRise) {
      r.maxRise = rise;
      r.halfUpMs = this.lastTimeBelow(r, 0.5 * rise);
    }
    if (rise < 0.5 * r.maxRise || t - r.detectedAtMs > MAX_CANDIDATE_MS) {
      this.events.push({ type: 'cancel', index: r.index, tMs: t });
      // Fallen back: a cough on the hold.
      if (rise < 0.5 * r.maxRise) this.prev.peakAfterMs = t;
      this.dropOverHold();
      this.clearRiseWindows();
      return;
    }
    if (t - r.halfUpMs < CONFIRM_MS || r.maxRise < this.minRepRise) return;
    const hold = this.prev;
    this.events.push({ type: 'cancel', index: r.index, tMs: t });
    this.events.push({ type: 'cancel', index: hold.index, tMs: t });
    r.index = hold.index;
    r.confirmedAtMs = t;
    const onsetMs = this.onsetSoFar(r);
    if (this.announcedBeforeOnset(r, onsetMs)) {
      r.announcedOnsetMs = onsetMs;
      r.detectedAtMs = t;
    }
    this.events.push({ type: 'onset', index: r.index, onsetMs: r.announcedOnsetMs, detectedAtMs: r.detectedAtMs });
    this.rest.restartAt(r.base.t0, r.base.level);
    r.base = { level: this.rest.level, slopePerMs: this.rest.driftPerMs, t0: this.rest.lastRestMs };
    r.rest = r.base;
    this.overHold = false;
    this.phase = HOLDING;
  }

  /** Back to the hold the rise over it was kept aside from. */
  private dropOverHold(): void {
    this.swapTracks();
    this.overHold = false;
    this.phase = HOLDING;
    this.aboveCount = 0;
  }

  private whileRising(): void {
    const t = this.lastT;
    if (this.overHold) {
      this.whileRisingOverHold(t);
      return;
    }
    const r = this.cur;
    const rise = this.fast - lineAt(r.base, t);
    this.trackPeak(r);
    if (rise > r.maxRise) {
      r.maxRise = rise;
      r.halfUpMs = this.lastTimeBelow(r, 0.5 * rise);
    }
    if (this.hasPrev && this.backFromDip(this.prev)) {
      // Not a new squeeze: the last one dipped briefly and came back.
      this.cancelRise(t);
      this.resumeHold();
      return;
    }
    if (t - r.detectedAtMs > MAX_CANDIDATE_MS) {
      this.cancelRise(t);
      return;
    }
    if (rise < SPIKE_FALL_FRACTION * r.maxRise && Number.isNaN(r.spikePassMs)) {
      // Fell back: a cough or a laugh, unless a squeeze stays under the spike (a cough as the
      // squeeze begins, the Knack done late). Decided once the spike has passed.
      if (rise < this.minRepRise) {
        this.cancelRise(t);
        return;
      }
      r.spikePassMs = t + SPIKE_PASS_MS;
      r.spikeTrough = rise;
    }
    if (!Number.isNaN(r.spikePassMs)) {
      if (rise < r.spikeTrough) r.spikeTrough = rise;
      if (r.spikeDeferred && rise < 0.5 * r.maxRise) {
        // The climb fell back: the next spike of a laugh, not a squeeze.
        this.cancelRise(t);
        return;
      }
      // Decided once the running median has learnt up to then too: it learns only every window
      // step (from the average of the samples since the last), so at the spike's pass it may lag
      // the newest sample by up to a step and a half, and read the squeeze's rise too early.
      if (t < r.spikePassMs || this.peakMedian.newestMs < r.spikePassMs) return;
      r.spikePassMs = Number.NaN;
      r.spikeDeferred = false;
      const medianRise = this.peakMedian.value - lineAt(r.base, this.peakMedian.centreMs);
      // A squeeze stands steady there (the pressure at its running median); a cough's tail or the
      // next spike of a laugh does not.
      if (rise < this.minRepRise || medianRise < this.minRepRise || Math.abs(rise - medianRise) > SPIKE_STEADY_FRACTION * medianRise) {
        if (rise >= this.minRepRise && rise > medianRise) {
          // Above the median, which still holds the spike's fall: a squeeze climbing out of its
          // trough (begun as the spike fell, the Knack done late) or the next spike of a laugh.
          // Decided again once the median has seen where it goes: a squeeze stays up, a spike
          // falls back below half of it first.
          r.spikeDeferred = true;
          r.maxRise = rise;
          r.spikePassMs = t + SPIKE_DEFER_MS;
          return;
        }
        this.cancelRise(t);
        return;
      }
      // Still up: the squeeze under the spike, followed from its own level now.
      r.maxRise = rise;
      r.halfUpMs = this.lastTimeBelow(r, 0.5 * rise);
      // Its own rise is looked for half-way up from the trough, if that stood above half of it.
      this.ownRiseUnderSpike(r, Math.max(0.5 * rise, 0.5 * (r.spikeTrough + rise)));
    }
    if (t - r.detectedAtMs > STALE_CANDIDATE_MS && r.maxRise < this.minRepRise && !this.hasPrev) {
      this.cancelRise(t);
      this.rest.restartAt(t, this.fast);
      return;
    }
    this.riseOverStand(r, t);
    if (t - r.halfUpMs >= CONFIRM_MS && r.maxRise >= this.minRepRise) {
      r.confirmedAtMs = t;
      const onsetMs = this.onsetSoFar(r);
      if (this.announcedBeforeOnset(r, onsetMs)) this.reannounce(r, onsetMs, t);
      this.nextIndex++;
      if (this.hasPrev) {
        this.emitRep(this.prev, Number.NaN);
        this.hasPrev = false;
      }
      this.phase = HOLDING;
    }
  }

  /**
   * An announcement cannot precede the onset it announces. When a rep is confirmed its onset is
   * estimated as it will be when the hold ends (walked back from its rising half-maximum, the one
   * after the onset announced), and when the hold ends it is estimated again with the whole rise in
   * view. An announcement made more than ANNOUNCED_EARLY_MS before that onset, with the pressure
   * risen by less than a tenth of the rep's peak from the announcement to the onset, was made for
   * something the squeeze then rose out of (a breath or a step of the sensor taken for a rise, a
   * spike, a jolt): it is not this rep's.
   *
   * The tenth is where a rise is measured from (the 10 % crossing of the rise time): if the
   * pressure at the estimated onset already stood that much above where it was when the rise was
   * announced, the squeeze was rising then and the estimate is what is late (a rise that starts
   * gently, or that began in a gap), not the announcement that is early. When the hold has ended
   * and the rise is measured, an announcement more than one 10–90 % rise time before its half-way
   * crossing is withdrawn whatever the pressure did in between (the tenth is met by chance on a
   * weak squeeze); one made for a spike the squeeze rose out of (ownRiseUnderSpike) always is.
   */
  private announcedBeforeOnset(r: RepTrack, onsetMs: number): boolean {
    if (Number.isNaN(onsetMs)) return false;
    // Still the spike's announcement: the squeeze under it rose out of the trough after it
    // (ownRiseUnderSpike), whatever its onset, which is estimated no earlier than the announcement.
    if (r.detectedAtMs === r.spikeAnnouncedMs) return true;
    if (!(r.detectedAtMs < onsetMs - ANNOUNCED_EARLY_MS)) return false;
    // Under a spike the pressure at the onset is the spike's: the squeeze's own rise says nothing there.
    if (!Number.isNaN(r.spikeAnnouncedMs)) return true;
    // Once the hold has ended: a rise announced after its onset reaches half-way within its own
    // onset-to-half-way time, under one 10–90 % rise time for any shape (linear 0.63, cosine 0.85,
    // minimum jerk 0.83 of it). An announcement further back was made for the level before it,
    // even if that level wandered up by a tenth of a weak squeeze's peak on the way.
    const m = r.measured;
    if (m !== null && m.up50Ms - r.detectedAtMs > m.riseTimeMs + ANNOUNCED_EARLY_MS) return true;
    const ring = this.ring;
    const lo = Math.max(r.lowIdx, ring.oldest);
    const half = EDGE_TUNING.smoothHalfMs;
    // At the last sample at or before the time (the one after an onset is already on the rise).
    const riseAt = (tMs: number): number => {
      let i = Math.min(ring.indexAtOrAfter(tMs, lo), ring.newest);
      if (i > lo && ring.t(i) > tMs) i--;
      return ring.centred(i, half) - lineAt(r.base, ring.t(i));
    };
    return riseAt(onsetMs) - riseAt(r.detectedAtMs) < UNDER_WAY_FRACTION * r.peakCmH2O;
  }

  /**
   * The squeeze found standing under a spike that has passed. A spike lasts a few hundred ms; a
   * squeeze begun during its fall comes into view out of the trough the fall left (or out of rest,
   * if the spike was over first), and its onset is that rise extrapolated back to the base
   * (`onsetUnderSpike`), not the spike's start. If the announcement came before that trough, it
   * was the spike's: from now on the rep's onset is estimated so, and when the rep is confirmed the
   * announcement is withdrawn and the rep announced anew (announcedBeforeOnset), as for any
   * announcement made for something the squeeze rose out of. The trough decides, not the onset
   * extrapolated from it: the trough still holds some of the spike's tail, so that onset errs early,
   * back to the announcement itself. A squeeze already rising when the spike came (the Knack: the
   * squeeze leads the cough) crosses half-way before the spike, so no trough follows the
   * announcement: that announcement is its own, and everything stays as it was.
   */
  private ownRiseUnderSpike(r: RepTrack, halfLevel: number): void {
    const ring = this.ring;
    if (r.lowIdx < ring.oldest) return;
    const own = onsetUnderSpike(ring, r.base, r.baseBand, r.lowIdx, ring.newest, halfLevel, r.detectedAtMs, EDGE_TUNING.smoothHalfMs);
    if (r.detectedAtMs < own.troughMs - ANNOUNCED_EARLY_MS) r.spikeAnnouncedMs = r.detectedAtMs;
  }

  /** The rep's onset as the samples so far show it, once it is confirmed (NaN: not to be had). */
  private onsetSoFar(r: RepTrack): number {
    const ring = this.ring;
    if (!(r.peakCmH2O > 0) || r.lowIdx < ring.oldest) return Number.NaN;
    const peakIdx = Math.min(ring.indexAtOrAfter(r.peakMs, r.lowIdx), ring.newest);
    return estimateOnset(ring, r, r.lowIdx, peakIdx, this.edgeTuning).onsetMs;
  }

  /**
   * An announcement that was not this rep's is withdrawn and the rep announced anew: its onset
   * the one estimated, its time when the rep was confirmed (now, or, when the hold ends, when the
   * live pipeline first knew this squeeze for a rep). If even that came before the onset (what
   * was confirmed was the precursor, and the squeeze rose on top of it), its time is now: never
   * before the onset.
   */
  private reannounce(r: RepTrack, onsetMs: number, t: number): void {
    this.events.push({ type: 'cancel', index: r.index, tMs: t });
    r.announcedOnsetMs = onsetMs;
    r.detectedAtMs = r.confirmedAtMs >= onsetMs - ANNOUNCED_EARLY_MS ? r.confirmedAtMs : t;
    this.events.push({ type: 'onset', index: r.index, onsetMs, detectedAtMs: r.detectedAtMs });
  }

  /** The rise was a cough or a laugh (or a level change): forget it. */
  private cancelRise(t: number): void {
    const r = this.cur;
    this.events.push({ type: 'cancel', index: r.index, tMs: t });
    // A rise that neither held nor fell back: the resting level itself moved.
    if (t - r.detectedAtMs > MAX_CANDIDATE_MS) this.rest.restartAt(t, this.fast);
    // The next rise must start from here, not from before the cough.
    this.clearRiseWindows();
    if (this.hasPrev) {
      // Back to waiting for the previous rep to relax.
      this.swapTracks();
      this.hasPrev = false;
      this.phase = RELEASED;
    } else this.phase = REST;
    this.aboveCount = 0;
  }

  private whileHolding(): void {
    const t = this.lastT;
    const r = this.cur;
    if (t - r.detectedAtMs > MAX_HOLD_MS) {
      // Nobody holds a squeeze this long: the level itself moved (the probe shifted, the user
      // stood up). Withdrawn, and rest starts again from here.
      this.nextIndex--;
      this.cancelRise(t);
      return;
    }
    this.trackPeak(r);
    if (this.climbedOverPlateau(r)) {
      this.levelMoved(t);
      return;
    }
    if (t - r.stallMs >= PLATEAU_MS) {
      const above = this.fast - lineAt(r.base, t) - r.peakCmH2O;
      if (this.risingNow(above > Math.max(this.minRepRise, ON_TOP_FRACTION * r.peakCmH2O))) {
        this.startOverHold(t);
        return;
      }
    } else this.riseOverStand(r, t);
    const rise = this.fast - lineAt(r.base, t);
    if (rise >= 0.5 * r.peakCmH2O) return;
    const ring = this.ring;
    r.fallIdx = ring.newest;
    r.dipLowest = rise;
    r.measured = measureRiseAndHold(ring, r, this.edgeTuning);
    const fwhm = r.measured.down50Ms - r.measured.up50Ms;
    if (fwhm < MIN_REP_FWHM_MS || (fwhm < MAX_BOUT_FWHM_MS && this.peaksIn(r) >= 2)) {
      // Too brief for a squeeze, or brief and made of spikes (a bout of coughs, a laugh):
      // withdrawn like any cough, its index reused.
      this.nextIndex--;
      this.cancelRise(t);
      return;
    }
    if (this.announcedBeforeOnset(r, r.measured.onsetMs)) this.reannounce(r, r.measured.onsetMs, t);
    this.boundaryIdx = ring.indexAtOrAfter(r.measured.down50Ms);
    r.settleFrom = Number.NaN;
    r.stillCheckMs = Number.NaN;
    r.roseFromBelow = r.base === r.rest && this.farBelowRest(r, r.measured.onsetMs);
    r.relaxedAtMs = Number.NaN;
    this.phase = RELEASED;
  }

  /** The hold stopped rising, then climbed far above it: a squeeze on top of a level that moved. */
  private climbedOverPlateau(r: RepTrack): boolean {
    if (r.plateauPeak <= 0 || r.stallMs - r.climbFromMs > CLIMB_MAX_MS) return false;
    return r.peakCmH2O - r.plateauPeak >= Math.max(this.minRepRise, ON_TOP_FRACTION * r.plateauPeak);
  }

  /**
   * The "rep" held was the resting level moving: withdrawn (its index reused), rest restarts at
   * its plateau, and the climb above it is announced as a new rise from that rest.
   */
  private levelMoved(t: number): void {
    const r = this.cur;
    const plateau = lineAt(r.base, r.climbFromMs) + r.plateauPeak;
    this.nextIndex--;
    this.events.push({ type: 'cancel', index: r.index, tMs: t });
    this.rest.restartAt(r.climbFromMs, plateau);
    this.boundaryIdx = this.ring.indexAtOrAfter(r.climbFromMs - PLATEAU_MS);
    this.phase = REST;
    this.startRise(t, true);
  }

  /** Separate peaks between the rep's half-maximum crossings that stand out beyond the tremor, the wobble and noise. */
  private peaksIn(r: RepTrack): number {
    const m = r.measured;
    if (m === null) return 0;
    const prominence = Math.max(BOUT_PROMINENCE_FRACTION * r.peakCmH2O, BOUT_PROMINENCE_SDS * this.rest.noise);
    return countPeaks(this.ring, m.up50Ms, m.down50Ms, prominence, EDGE_TUNING.smoothHalfMs);
  }

  /** Whether a released rep is back above half its peak after only a brief, shallow dip. */
  private backFromDip(r: RepTrack): boolean {
    const t = this.lastT;
    const rise = this.fast - lineAt(r.base, t);
    r.dipLowest = Math.min(r.dipLowest, rise);
    const m = r.measured;
    // (Not `m?.down50Ms ?? t`: mixing a field with a local number boxes the number, per sample.)
    const sinceFall = m === null ? 0 : t - m.down50Ms;
    const long = m !== null && m.down50Ms - m.up50Ms >= LONG_HOLD_MS;
    const minFraction = long ? LONG_DIP_MIN_FRACTION : DIP_MIN_FRACTION;
    return rise >= 0.5 * r.peakCmH2O && r.dipLowest >= minFraction * r.peakCmH2O && sinceFall <= (long ? LONG_DIP_MAX_MS : DIP_MAX_MS);
  }

  /** The current (released) rep goes on holding: its measures will be taken at the next fall. */
  private resumeHold(): void {
    this.cur.measured = null;
    this.phase = HOLDING;
  }

  private whileReleased(): void {
    const t = this.lastT;
    const r = this.cur;
    if (this.backFromDip(r)) {
      this.resumeHold();
      return;
    }
    const excess = this.fast - lineAt(r.rest, t);
    if (excess <= this.band) {
      if (!r.roseFromBelow) {
        this.endReleased(r, this.relaxedTime(r));
        return;
      }
      // Kept for however the rep ends (the stream ending, a link drop, the next squeeze).
      if (Number.isNaN(r.relaxedAtMs)) r.relaxedAtMs = this.relaxedTime(r);
    }
    if (this.risingNow(excess > this.band)) {
      // Squeezing again without having relaxed: a new rep, pending confirmation.
      this.swapTracks();
      this.hasPrev = true;
      this.startRise(t, false);
      return;
    }
    // Risen from far below rest, the level may have moved down just before the squeeze: relaxed,
    // but final once the pressure has stood still as long as at rest before such a level is rest.
    // Announced again as it rose out of a stand, the stand was seen live: as soon, too.
    const settledMs = r.roseFromBelow || !Number.isNaN(r.firstDetectedAtMs) ? REANCHOR_MS : SETTLED_RAISED_REST_MS;
    if (this.standingStill(r, t, settledMs)) {
      if (this.movedBeforeSqueeze(r, t, settledMs)) return;
      if (excess <= this.band) {
        this.endReleased(r, this.relaxedTime(r));
        return;
      }
    } else if (excess <= this.band && t - r.relaxedAtMs > SETTLED_RAISED_REST_MS) {
      // Relaxed, and never still enough to tell (deep breathing): final all the same.
      this.endReleased(r, r.relaxedAtMs);
      return;
    }
    // Not relaxed long after the release, or above the resting band without coming down for as
    // long as a raised level takes to become rest at rest: the level moved while the rep was held
    // (a probe warming, a change of position). The rep ends unrelaxed; what follows is measured
    // from where the level is now.
    const stood = this.stoodAbove(r, t, excess);
    if (stood || (r.measured !== null && t - r.measured.releaseMs > MAX_RELAX_WAIT_MS)) {
      this.emitRep(r, Number.NaN);
      // Where it stood: the median of its last SETTLED_RAISED_REST_MS, not a breath's crest; a
      // squeeze begun in those samples rose from it.
      this.rest.restartAt(t, stood ? this.ring.lastMedian : this.fast);
      this.boundaryIdx = stood ? this.ring.indexAtOrAfter(t - SETTLED_RAISED_REST_MS) : this.ring.newest;
      this.phase = REST;
    }
  }

  /**
   * Whether, since the fall, the pressure has stood above the resting band for MAX_RAISED_REST_MS
   * without coming down: the median of its last SETTLED_RAISED_REST_MS is at most half the band
   * below that of its first. What a rep left behind (tension let go slowly, over 3–15 s) only
   * falls, and falls further; a level that moved stands still or, with a probe still warming,
   * keeps climbing. Breathing moves such medians little and a cough or a laugh not at all.
   * Looked at every STILL_CHECK_MS.
   */
  private stoodAbove(r: RepTrack, t: number, excess: number): boolean {
    const m = r.measured;
    if (m === null || !(excess > this.band) || t - MAX_RAISED_REST_MS < m.down50Ms || t < r.stillCheckMs) return false;
    r.stillCheckMs = t + STILL_CHECK_MS;
    const ring = this.ring;
    const from = ring.indexAtOrAfter(t - MAX_RAISED_REST_MS);
    const lateFrom = ring.indexAtOrAfter(t - SETTLED_RAISED_REST_MS, from);
    ring.updateMedian(from, Math.max(from, ring.indexAtOrAfter(t - MAX_RAISED_REST_MS + SETTLED_RAISED_REST_MS, from) - 1));
    const early = ring.lastMedian;
    ring.updateMedian(lateFrom, ring.newest);
    const late = ring.lastMedian;
    return late - early >= -STILL_BAND_FRACTION * this.band && late - lineAt(r.rest, t) > this.band;
  }

  /** Whether the pressure stood far below the rep's resting level at `tMs` (as at rest: REANCHOR_MS). */
  private farBelowRest(r: RepTrack, tMs: number): boolean {
    const ring = this.ring;
    const i = Math.min(ring.indexAtOrAfter(tMs, Math.max(r.lowIdx, ring.oldest)), ring.newest);
    return ring.centred(i, EDGE_TUNING.smoothHalfMs) - lineAt(r.rest, ring.t(i)) < -Math.max(this.band, BELOW_REST_SDS * this.noiseSd);
  }

  /** The released rep is final (relaxed at `relaxedMs`): back to rest. */
  private endReleased(r: RepTrack, relaxedMs: number): void {
    this.emitRep(r, relaxedMs);
    this.boundaryIdx = this.ring.newest;
    this.phase = REST;
    this.aboveCount = 0;
  }

  /**
   * Whether the pressure after the release has stood still (within the resting band of where it
   * stood) for `forMs`; true once per such stretch.
   */
  private standingStill(r: RepTrack, t: number, forMs: number): boolean {
    if (!(Math.abs(this.fast - r.settleFrom) <= this.band)) {
      r.settleFrom = this.fast;
      r.settleSinceMs = t;
      return false;
    }
    if (t - r.settleSinceMs < forMs) return false;
    r.settleSinceMs = t;
    return true;
  }

  /**
   * Released, the pressure does not come back to rest but stands still above the resting band
   * (or far below rest), at the level it stood at for a moment before the squeeze's own rise: the
   * resting level moved (a change of position) just before the squeeze, too soon for the plateau
   * rule. The "rise" announced was the move, and the squeeze was followed from the old level, the
   * move counted in its peak (or, moved down, taken off it). Only now does the pressure show
   * which it was: a squeeze made in two steps comes back to rest. The rep is measured again from
   * the moved level (the mean of the last `settledMs`), its announcement withdrawn and the rep
   * announced anew if it came before the onset, rest restarts at that level, and the rep is final,
   * relaxed when the pressure came within the resting band of it.
   */
  private movedBeforeSqueeze(r: RepTrack, t: number, settledMs: number): boolean {
    const m = r.measured;
    if (m === null || r.base !== r.rest) return false;
    const ring = this.ring;
    const levelFrom = ring.indexAtOrAfter(t - settledMs);
    const level: Line = { level: ring.mean(levelFrom, ring.newest), slopePerMs: r.rest.slopePerMs, t0: t };
    const moved = lineAt(level, t) - lineAt(r.rest, t);
    const peak = peakAbove(r, level);
    if (!(moved > this.band || moved < -Math.max(this.band, BELOW_REST_SDS * this.noiseSd)) || !(peak >= this.minRepRise)) return false;
    const lo = Math.max(r.lowIdx, ring.oldest);
    const peakIdx = Math.min(ring.indexAtOrAfter(r.peakMs, lo), ring.newest);
    const half = EDGE_TUNING.smoothHalfMs;
    // The squeeze's own rise: the first crossing of half its height over the moved level after the
    // onset found that stays above half as a squeeze does (not a jolt as the level moved, nor a
    // dip caught again later in the hold).
    let i = Math.min(ring.indexAtOrAfter(m.onsetMs, lo), peakIdx);
    let upMs = Number.NaN;
    while (i < peakIdx) {
      const up = crossingForward(ring, i, peakIdx, level, 0.5 * peak, 1, half);
      if (Number.isNaN(up)) break;
      const upAt = ring.indexAtOrAfter(up, i);
      const down = crossingForward(ring, upAt, peakIdx, level, 0.5 * peak, -1, half);
      if (Number.isNaN(down) || down - up >= MIN_REP_FWHM_MS) {
        upMs = up;
        break;
      }
      i = Math.max(upAt + 1, ring.indexAtOrAfter(down, i));
    }
    if (Number.isNaN(upMs)) return false;
    const upIdx = Math.min(ring.indexAtOrAfter(upMs, lo), peakIdx);
    // Within half the move of the level it settled at (breathing moves a mean over a second or two).
    const near = Math.max(this.levelThreshold, 0.5 * Math.abs(moved));
    const stand = standBefore(ring, lo, upIdx, level, near, this.levelThreshold, MIN_MOVED_STAND_MS, half);
    if (stand === null) return false;
    // The squeeze is measured from the level it rose from: the stand's.
    const base: Line = { level: ring.mean(stand.from, stand.to), slopePerMs: r.rest.slopePerMs, t0: ring.t(stand.to) };
    // A level that moved and stayed: the same before the squeeze as after it, clear of the old
    // one (a probe still settling after insertion keeps drifting, and is followed at rest).
    const before = lineAt(base, t);
    if (!(Math.abs(before - lineAt(level, t)) <= this.band) || !(Math.abs(before - lineAt(r.rest, t)) > this.band)) return false;
    r.peakCmH2O = peakAbove(r, base);
    r.base = base;
    r.rest = base;
    r.baseBand = this.levelThreshold;
    r.lowIdx = stand.from;
    r.announcedOnsetMs = ring.t(stand.from);
    const measured = measureRiseAndHold(ring, r, this.edgeTuning);
    r.measured = measured;
    // Announced again as it left the stand (riseOverStand), that announcement was this squeeze's.
    r.firstDetectedAtMs = Number.NaN;
    if (r.detectedAtMs < measured.onsetMs - ANNOUNCED_EARLY_MS) this.reannounce(r, measured.onsetMs, t);
    this.rest.restartAt(t, level.level);
    this.endReleased(r, this.relaxedTime(r));
    // The level was taken from these samples: a squeeze begun among them rose from it.
    this.boundaryIdx = levelFrom;
    this.raisedSinceMs = Number.NaN;
    this.belowSinceMs = Number.NaN;
    return true;
  }

  /** Time the pressure came back within the resting band (interpolated between samples). */
  private relaxedTime(r: RepTrack): number {
    const ring = this.ring;
    const releaseIdx = ring.indexAtOrAfter(r.measured?.releaseMs ?? ring.t(ring.newest));
    return crossingBackward(ring, ring.newest, releaseIdx, r.rest, this.band, -1, EDGE_TUNING.smoothHalfMs);
  }

  /** Peak: maximum of the running median above the rep's base, at the window's centre. */
  private trackPeak(r: RepTrack): void {
    const median = this.peakMedian;
    median.updateMedian();
    const centre = median.lastCentreMs;
    // Windows that still hold the spike are left out (with no spike, NaN, none is).
    if (centre - 0.5 * PEAK_MEDIAN_MS < r.peakAfterMs) return;
    const v = median.lastMedian - lineAt(r.base, centre);
    if (v > r.peakCmH2O) {
      if (v > r.stallPeak + Math.max(STALL_MIN_CMH2O, STALL_FRACTION * r.stallPeak)) {
        if (centre - r.stallMs >= PLATEAU_MS) {
          r.plateauPeak = r.peakCmH2O;
          r.climbFromMs = centre;
        }
        r.stallPeak = v;
        r.stallMs = centre;
      }
      r.peakCmH2O = v;
      r.peakMs = centre;
    }
  }

  /** Last time (interpolated) the fast-smoothed rise was below `level`, walking back from now. */
  private lastTimeBelow(r: RepTrack, level: number): number {
    const ring = this.ring;
    const lo = Math.max(r.lowIdx, ring.oldest);
    for (let i = ring.newest; i > lo; i--) {
      ring.updateCentred(i - 1, EDGE_TUNING.smoothHalfMs);
      const v = ring.lastCentred - lineAt(r.base, ring.t(i - 1));
      if (v < level) return ring.t(i - 1);
      if (ring.gapBefore(i)) return ring.t(i);
    }
    return ring.t(lo);
  }

  private emitRep(r: RepTrack, relaxedMs: number, cut = false): void {
    const m = r.measured;
    if (m === null) return;
    this.restoreFirstAnnouncement(r);
    // Peak from the resting level (signal.md), also for a squeeze that rose from a level the last
    // one left raised: the rep is followed against that level, but its height is from rest.
    const raisedBy = Math.max(0, lineAt(r.base, r.peakMs) - lineAt(r.rest, r.peakMs));
    const rep: RepMeasures = {
      index: r.index,
      onsetMs: m.onsetMs,
      detectedAtMs: r.detectedAtMs,
      peakMs: m.peakMs,
      peakCmH2O: r.peakCmH2O + raisedBy,
      baselineCmH2O: lineAt(r.rest, m.onsetMs),
      durationMs: m.down50Ms - m.up50Ms,
      releaseMs: m.releaseMs,
      // A rep risen from below rest may end another way after it relaxed (see whileReleased).
      relaxedMs: !Number.isNaN(relaxedMs) ? relaxedMs : !Number.isNaN(r.relaxedAtMs) ? r.relaxedAtMs : null,
      riseTimeMs: m.riseTimeMs,
      riseTimeMinMs: m.riseTimeMinMs,
      riseTimeMaxMs: m.riseTimeMaxMs,
      holdFade: m.holdFade,
      steadiness: m.steadiness,
      straining: isStraining(m.referenceRiseCmH2O, r.peakCmH2O),
      referenceRiseCmH2O: m.referenceRiseCmH2O,
      cut,
    };
    this.events.push({ type: 'rep', rep });
  }

  /**
   * Until this time no baseline event is due while the resting level stays at the value beside it
   * (the level changes only when the tracker learns, a few times a second): resting samples skip
   * the test below until then.
   */
  private baselineQuietUntilMs = Number.NEGATIVE_INFINITY;
  private baselineQuietLevel = Number.NaN;

  private maybeEmitBaseline(): void {
    const t = this.lastT;
    const level = this.rest.level;
    const since = t - this.lastBaselineT;
    const moved = Math.abs(level - this.lastBaselineLevel) >= BASELINE_EVENT_STEP_CMH2O;
    if (!Number.isNaN(this.lastBaselineLevel) && since < BASELINE_EVENT_MAX_INTERVAL_MS && (!moved || since < BASELINE_EVENT_MIN_INTERVAL_MS)) {
      this.baselineQuietUntilMs = this.lastBaselineT + (moved ? BASELINE_EVENT_MIN_INTERVAL_MS : BASELINE_EVENT_MAX_INTERVAL_MS);
      this.baselineQuietLevel = level;
      return;
    }
    // The first samples of a squeeze are still in the resting band (it is announced once clear
    // of it) but already rise over the windows' minimum beyond what rest does: a level told there
    // would be shown under a pressure already rising. The next resting sample tells it.
    if (this.risesOverWindows()) return;
    this.lastBaselineLevel = level;
    this.lastBaselineT = t;
    this.events.push({ type: 'baseline', tMs: t, baselineCmH2O: level, noiseCmH2O: this.rest.noise });
  }

  private swapTracks(): void {
    const tmp = this.cur;
    this.cur = this.prev;
    this.prev = tmp;
  }
}
