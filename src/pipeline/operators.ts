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

/** Only the finished reps, with all their measures. */
export function completedReps(): OperatorFunction<RepEvent, RepMeasures> {
  return pipe(
    filter((e): e is Extract<RepEvent, { type: 'rep' }> => e.type === 'rep'),
    map((e) => e.rep),
  );
}
