/**
 * RxJS operators around the detection core, for the live app and for replaying recordings.
 * Each subscription gets its own detector, so two screens never share state.
 */
import { Observable, filter, map, pipe, type OperatorFunction } from 'rxjs';
import { RepDetector, type DetectorOptions } from './detector.ts';
import type { LinkGap, RepEvent, RepMeasures, SampleBatch } from './types.ts';

/**
 * Onsets, cancels, finished reps and resting-level updates, in stream order. `linkGaps$` says
 * when the link went down (toMs null while it is): a rep under way is cut at once (RepDetector.markGap).
 */
export function detectReps(options?: DetectorOptions, linkGaps$?: Observable<LinkGap>): OperatorFunction<SampleBatch, RepEvent> {
  return (source) =>
    new Observable<RepEvent>((subscriber) => {
      const detector = new RepDetector(options);
      const emit = (e: RepEvent) => subscriber.next(e);
      const gaps = linkGaps$?.subscribe((gap) => {
        detector.markGap(gap.fromMs, gap.toMs);
        detector.drainEvents(emit);
      });
      const samples = source.subscribe({
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
      return () => {
        gaps?.unsubscribe();
        samples.unsubscribe();
      };
    });
}

/** Only the finished reps, with all their measures. */
export function completedReps(): OperatorFunction<RepEvent, RepMeasures> {
  return pipe(
    filter((e): e is Extract<RepEvent, { type: 'rep' }> => e.type === 'rep'),
    map((e) => e.rep),
  );
}
