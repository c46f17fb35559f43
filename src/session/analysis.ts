import { Subscription, type Observable, type Subject } from 'rxjs';
import { detectReps } from '../pipeline/operators';
import type { RepEvent, SampleBatch } from '../pipeline/types';
import { analysisStore, initialAnalysis } from '../store/analysisStore';

/**
 * Runs the detection pipeline over a session's batches and publishes what it says: to the
 * session's event stream (programs follow it) and to the analysis store (screens show it).
 * A fresh detector per connection, since a new sensor has its own rest level.
 */
export function analyse(batches$: Observable<SampleBatch>, events$: Subject<RepEvent>, mvcCmH2O: number | null = null): Subscription {
  analysisStore.setState(initialAnalysis);
  return batches$.pipe(detectReps({ mvcCmH2O })).subscribe((event) => {
    events$.next(event);
    switch (event.type) {
      case 'baseline':
        analysisStore.setState({ restCmH2O: event.baselineCmH2O });
        break;
      case 'onset':
        analysisStore.setState({ activeOnsetMs: event.onsetMs });
        break;
      case 'cancel':
        analysisStore.setState({ activeOnsetMs: null });
        break;
      case 'rep':
        analysisStore.setState((s) => ({ activeOnsetMs: null, reps: [...s.reps, event.rep] }));
        break;
    }
  });
}
