/**
 * RxJS operators around the detection core, for the live app and for replaying recordings.
 * Each subscription gets its own detector, so two screens never share state.
 */
import { Observable, filter, map, pipe, type OperatorFunction } from 'rxjs';
import { RepDetector, type DetectorOptions } from './detector.ts';
import type { RepEvent, RepMeasures, SampleBatch } from './types.ts';

/** Onsets, cancels, finished reps and resting-level updates, in stream order. */
export function detectReps(options?: DetectorOptions): OperatorFunction<SampleBatch, RepEvent> {
  return (source) =>
    new Observable<RepEvent>((subscriber) => {
      const detector = new RepDetector(options);
      const emit = (e: RepEvent) => subscriber.next(e);
      return source.subscribe({
        next: (batch) => {
          detector.pushBatch(batch);
          detector.drainEvents(emit);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          detector.finish();
          detector.drainEvents(emit);
          subscriber.complete();
        },
      });
    });
}

export interface RestLevel {
  readonly tMs: number;
  /** Absolute resting level, cmH2O. */
  readonly baselineCmH2O: number;
  /** Spread of the resting pressure (breathing and noise), SD, cmH2O. */
  readonly noiseCmH2O: number;
}

/** The resting level as it is tracked (for "pressure above rest" displays and calibration). */
export function restLevel(options?: DetectorOptions): OperatorFunction<SampleBatch, RestLevel> {
  return pipe(
    detectReps(options),
    filter((e): e is Extract<RepEvent, { type: 'baseline' }> => e.type === 'baseline'),
    map(({ tMs, baselineCmH2O, noiseCmH2O }) => ({ tMs, baselineCmH2O, noiseCmH2O })),
  );
}

/** Only the finished reps, with all their measures. */
export function completedReps(): OperatorFunction<RepEvent, RepMeasures> {
  return pipe(
    filter((e): e is Extract<RepEvent, { type: 'rep' }> => e.type === 'rep'),
    map((e) => e.rep),
  );
}
