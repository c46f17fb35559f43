import { Subscription } from 'rxjs';
import { createStore } from 'zustand/vanilla';
import type { TrainingSession } from '../session/trainingSession';
import { idleRun } from '../session/types';
import { analysisStore, initialAnalysis } from './analysisStore';
import { calibrationStore, initialCalibrationView } from './calibrationStore';
import { connectionStore } from './connectionStore';
import { programStore } from './programStore';

/** The current training session (one per connection), for what needs the object itself: the live buffer. */
export const sessionStore = createStore<{ session: TrainingSession | null }>(() => ({ session: null }));

/** Mirrors a session into the stores the screens read; unsubscribe to let go of it. */
export function bindSession(session: TrainingSession): Subscription {
  analysisStore.setState(initialAnalysis, true);
  programStore.setState(idleRun, true);
  calibrationStore.setState(initialCalibrationView, true);
  sessionStore.setState({ session });
  const binding = new Subscription();
  binding.add(session.link$.subscribe((link) => connectionStore.setState(link, true)));
  binding.add(session.program$.subscribe((run) => programStore.setState(run, true)));
  binding.add(session.calibration$.subscribe((c) => analysisStore.setState({ restCmH2O: c.restCmH2O, restBandCmH2O: c.restBandCmH2O })));
  binding.add(
    session.calibration$.subscribe((c) => calibrationStore.setState({ display: c.display, testedMvc: c.mvc?.source === 'test' ? c.mvc.cmH2O : null })),
  );
  binding.add(session.countCalibration$.subscribe((count) => calibrationStore.setState({ count })));
  binding.add(
    session.repEvents$.subscribe((event) => {
      if (event.type === 'onset') analysisStore.setState({ activeOnsetMs: event.onsetMs });
      else if (event.type === 'cancel') analysisStore.setState({ activeOnsetMs: null });
      else if (event.type === 'rep') analysisStore.setState((s) => ({ activeOnsetMs: null, reps: [...s.reps, event.rep] }));
    }),
  );
  return binding;
}
