/**
 * Analysis of a whole recording with the live pipeline: the same `detectReps` operator, replayed
 * in virtual time (see replay.ts), so a recording gives exactly the reps the live app gave.
 */
import { Subject } from 'rxjs';
import { mvcFromReps } from './calibration.ts';
import { restingBandCmH2O } from './measures.ts';
import { detectReps } from './operators.ts';
import { replayInVirtualTime, toBatches } from './replay.ts';
import { median } from './median.ts';
import type { LinkGap, RepEvent, RepMeasures } from './types.ts';

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
  /** Every event, with the stream time it was emitted at. */
  readonly events: readonly { readonly value: RepEvent; readonly atMs: number }[];
}

/**
 * Runs the pipeline over a recording. With no MVC given, the best squeeze that counts
 * (calibration.ts: held, not strained) serves; a second pass uses it for the resting band, as a
 * calibrated live session would. Each link gap is told to the pipeline when the link dropped,
 * as the live session tells it, so a rep across it is cut.
 */
export function analyzeRecording(rec: RecordedSamples, mvcCmH2O?: number): RecordingAnalysis {
  const gaps = [...(rec.gaps ?? [])].sort((a, b) => a.fromMs - b.fromMs);
  const batches = toBatches(rec.t, rec.p, rec.ref, undefined, gaps);
  const run = (mvc: number | null) => {
    const linkGaps$ = new Subject<LinkGap>();
    return replayInVirtualTime(batches, detectReps({ mvcCmH2O: mvc }, linkGaps$), { gaps, tell: (gap) => linkGaps$.next(gap) });
  };
  let mvc: number | null = mvcCmH2O ?? null;
  let mvcSource: MvcSource = mvc === null ? 'none' : 'given';
  let events = run(mvc);
  if (mvc === null) {
    mvc = mvcFromReps(repsOf(events)).mvcCmH2O;
    if (mvc !== null) {
      mvcSource = 'best-squeeze';
      events = run(mvc);
    }
  }
  const levels = events.flatMap(({ value }) => (value.type === 'baseline' ? [value.baselineCmH2O] : []));
  return {
    baselineCmH2O: levels.length > 0 ? median(levels) : Number.NaN,
    mvcCmH2O: mvc,
    mvcSource,
    restingBandCmH2O: restingBandCmH2O(mvc),
    reps: repsOf(events),
    gaps,
    events,
  };
}

function repsOf(events: readonly { readonly value: RepEvent }[]): RepMeasures[] {
  return events.flatMap(({ value }) => (value.type === 'rep' ? [value.rep] : []));
}
