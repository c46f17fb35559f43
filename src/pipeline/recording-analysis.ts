/**
 * Analysis of a whole recording with the live pipeline: the same `detectReps` operator, fed the
 * samples in batches as a device delivers them, each at the stream time of its last sample (as
 * replay.ts does in virtual time), so a recording gives exactly the reps the live app gave, with
 * no look-ahead the live app would not have. It reads the samples as a stream (ReplayPass), so a
 * recording of any length takes the same memory: only reps, gaps and resting levels are kept.
 */
import { Subject } from 'rxjs';
import { mvcFromReps } from './calibration.ts';
import { restingBandCmH2O } from './measures.ts';
import { detectReps } from './operators.ts';
import { median } from './median.ts';
import type { LinkGap, RepEvent, RepMeasures, SampleBatch } from './types.ts';

export interface RecordedSamples {
  readonly t: Float64Array;
  readonly p: Float32Array;
  readonly ref: Float32Array | null;
  /** Where the link was down (the recorder's gaps); none when absent. */
  readonly gaps?: readonly LinkGap[];
}

/** Where the MVC the analysis used came from. */
export type MvcSource = 'given' | 'best-squeeze' | 'none';

export interface RecordingAnalysis {
  /** Median of the resting level the pipeline tracked over the recording (absolute), cmH2O. */
  readonly baselineCmH2O: number;
  readonly mvcCmH2O: number | null;
  readonly mvcSource: MvcSource;
  /** Width of the resting band used for "relaxed", cmH2O. */
  readonly restingBandCmH2O: number;
  readonly reps: readonly RepMeasures[];
  /** Link gaps the pipeline was told of, in time order (reps across one are `cut`). */
  readonly gaps: readonly LinkGap[];
  /** Every event, with the stream time it was emitted at (empty unless asked for: it grows with the recording). */
  readonly events: readonly { readonly value: RepEvent; readonly atMs: number }[];
}

/** Samples per batch: a Bluetooth packet's worth, as live. */
const PER_BATCH = 8;

/** Where one pass over a recording puts its samples, in stream order. */
export interface SampleSink {
  sample(tMs: number, p: number, ref: number): void;
  /** The link was down between two samples: comes after the sample at fromMs, before the one at toMs. */
  gap(fromMs: number, toMs: number): void;
}

/**
 * One pass of the pipeline over a stream of samples. Batches are delivered when full, or when a
 * gap ends them (no batch spans a gap); each gap is told to the pipeline right after the last
 * batch before it, as the live session tells it when the link drops. Per sample it copies three
 * numbers into preallocated arrays.
 */
export class ReplayPass implements SampleSink {
  readonly reps: RepMeasures[] = [];
  readonly gaps: LinkGap[] = [];
  readonly levels: number[] = [];
  readonly events: { value: RepEvent; atMs: number }[] = [];
  private readonly samples$ = new Subject<SampleBatch>();
  private readonly linkGaps$ = new Subject<LinkGap>();
  private readonly t = new Float64Array(PER_BATCH);
  private readonly p = new Float32Array(PER_BATCH);
  private readonly ref = new Float32Array(PER_BATCH);
  private n = 0;
  private withRef = false;
  /** Stream time now: the arrival of the last batch delivered. */
  private nowMs = 0;

  constructor(mvcCmH2O: number | null, keepEvents: boolean) {
    this.samples$.pipe(detectReps({ mvcCmH2O }, this.linkGaps$)).subscribe((value) => {
      if (value.type === 'rep') this.reps.push(value.rep);
      else if (value.type === 'baseline') this.levels.push(value.baselineCmH2O);
      if (keepEvents) this.events.push({ value, atMs: this.nowMs });
    });
  }

  sample(tMs: number, p: number, ref: number): void {
    const i = this.n++;
    this.t[i] = tMs;
    this.p[i] = p;
    this.ref[i] = ref;
    if (!Number.isNaN(ref)) this.withRef = true;
    if (this.n === PER_BATCH) this.deliver();
  }

  gap(fromMs: number, toMs: number): void {
    this.deliver();
    this.gaps.push({ fromMs, toMs });
    this.linkGaps$.next({ fromMs, toMs: null });
  }

  /** The stream has ended: the last batch, and what the pipeline says at the end. */
  finish(): void {
    this.deliver();
    this.samples$.complete();
  }

  private deliver(): void {
    const n = this.n;
    if (n === 0) return;
    this.n = 0;
    this.nowMs = Math.max(this.nowMs, this.t[n - 1], 0);
    // Copies: the batch is the pipeline's to keep, as a live one is.
    this.samples$.next({ t: this.t.slice(0, n), p: this.p.slice(0, n), ref: this.withRef ? this.ref.slice(0, n) : null, lostBefore: 0 });
  }
}

/**
 * Runs the pipeline over a recording that `read` streams into a sink (called once per pass,
 * twice at most). With no MVC given, the best squeeze that counts (calibration.ts: held, not
 * strained) serves; a second pass uses it for the resting band, as a calibrated live session
 * would.
 */
export function analyzeStream(read: (sink: SampleSink) => void, mvcCmH2O?: number, keepEvents = false): RecordingAnalysis {
  const run = (mvc: number | null) => {
    const pass = new ReplayPass(mvc, keepEvents);
    read(pass);
    pass.finish();
    return pass;
  };
  let mvc: number | null = mvcCmH2O ?? null;
  let mvcSource: MvcSource = mvc === null ? 'none' : 'given';
  let pass = run(mvc);
  if (mvc === null) {
    mvc = mvcFromReps(pass.reps).mvcCmH2O;
    if (mvc !== null) {
      mvcSource = 'best-squeeze';
      pass = run(mvc);
    }
  }
  return {
    baselineCmH2O: pass.levels.length > 0 ? median(pass.levels) : Number.NaN,
    mvcCmH2O: mvc,
    mvcSource,
    restingBandCmH2O: restingBandCmH2O(mvc),
    reps: pass.reps,
    gaps: pass.gaps,
    events: pass.events,
  };
}

/** The same over a recording held in memory, every event kept. */
export function analyzeRecording(rec: RecordedSamples, mvcCmH2O?: number): RecordingAnalysis {
  const gaps = [...(rec.gaps ?? [])].sort((a, b) => a.fromMs - b.fromMs);
  const { t, p, ref } = rec;
  return analyzeStream(
    (sink) => {
      let g = 0;
      for (let i = 0; i < t.length; i++) {
        // A gap is told before the first sample after it (one before the first sample says nothing).
        for (; g < gaps.length && gaps[g].fromMs < t[i]; g++) if (i > 0) sink.gap(gaps[g].fromMs, gaps[g].toMs ?? t[i]);
        sink.sample(t[i], p[i], ref === null ? Number.NaN : ref[i]);
      }
    },
    mvcCmH2O,
    true,
  );
}
