/**
 * What the screens can do: connect a sensor (one TrainingSession per connection, mirrored into
 * the stores), start, pause, resume and stop a program, disconnect. The screens call these and
 * hold no logic of their own. Created once by main.tsx with the app's services.
 */
import type { Subscription } from 'rxjs';
import type { BluetoothLike } from '../../protocol/gatt';
import type { CueOutputs } from '../cues/outputs';
import { getProgram } from '../programs/catalog';
import type { ProgramCue, ProgramId, ProgramParams } from '../programs/types';
import type { JournalOpener } from '../session/journalPort';
import { simulatedSensor } from '../session/simulatedSensor';
import { TrainingSession } from '../session/trainingSession';
import { profileStore, selectProgram } from './profileStore';
import { bindSession } from './sessionStore';

export interface AppServices {
  readonly bluetooth: BluetoothLike | null;
  readonly journal: JournalOpener | null;
  readonly cueOutputs: CueOutputs | null;
  /** The page address's query (simulated sensor options). */
  readonly search: string;
  /** Something new reached the journal worth showing in the history (a session began, a rep was judged, a set ended). */
  readonly onJournalChanged?: () => void;
  /** A program ended with its summary, or the sensor was let go: the plan may have moved on. */
  readonly onProgramDone?: () => void;
  /** The MVC of the newest strength test (the journal's), for a new connection; null: none yet. */
  readonly knownMvc?: () => number | null;
}

export interface TrainingActions {
  readonly connectSensor: () => void;
  readonly connectSimulated: () => void;
  readonly disconnect: () => void;
  readonly tare: () => void;
  /** Guided calibration of a device that reports raw counts (rest, one maximal squeeze). */
  readonly calibrateCounts: () => void;
  readonly startProgram: () => void;
  /** Continues an interrupted program from `fromStep`, with the parameters it had. */
  readonly continueProgram: (programId: ProgramId, params: ProgramParams, fromStep: number) => void;
  readonly pauseProgram: () => void;
  readonly resumeProgram: () => void;
  readonly stopProgram: () => void;
  /** A program is running (leaving the page would interrupt it). */
  readonly isTraining: () => boolean;
}

export function createTrainingActions(services: AppServices): TrainingActions {
  let current: { session: TrainingSession; binding: Subscription } | null = null;

  function connect(bluetooth: BluetoothLike, simulated: boolean, follow: ((cue: ProgramCue) => void) | null): void {
    disconnect();
    const stored = services.knownMvc?.() ?? null;
    const session = new TrainingSession({
      bluetooth,
      simulated,
      mvc: stored !== null ? { cmH2O: stored, source: 'test' } : null,
      cueOutputs: services.cueOutputs,
      cueFollower: follow,
      journal: services.journal,
    });
    const binding = bindSession(session);
    // A finished program is in the journal: the plan reads it from there.
    binding.add(
      session.program$.subscribe((run) => {
        if (run.status !== 'done' || run.summary === null || ended.has(run.summary)) return;
        ended.add(run.summary);
        services.onProgramDone?.();
      }),
    );
    // The history follows: the session's row appears, its rep count grows, it ends.
    let judged = -1;
    binding.add(
      session.link$.subscribe((link) => {
        if (link.status === 'connected' && judged < 0) {
          judged = 0;
          services.onJournalChanged?.();
        }
      }),
    );
    binding.add(
      session.program$.subscribe((run) => {
        const n = run.results.length + (run.summary ? 1 : 0);
        if (n > 0 && n !== judged) {
          judged = n;
          services.onJournalChanged?.();
        }
      }),
    );
    current = { session, binding };
    void session.open();
  }
  const ended = new WeakSet<object>();

  function disconnect(): void {
    if (!current) return;
    // close() ends a running set with its summary before the binding lets go.
    current.session.close();
    current.binding.unsubscribe();
    current = null;
    services.onJournalChanged?.();
    services.onProgramDone?.();
  }

  return {
    connectSensor: () => services.bluetooth && connect(services.bluetooth, false, null),
    connectSimulated: () => {
      const sim = simulatedSensor(services.search);
      connect(sim.bluetooth, true, sim.follow);
    },
    disconnect,
    tare: () => void current?.session.tare(),
    calibrateCounts: () => current?.session.calibrateCounts(),
    startProgram: () => {
      const { selectedId, params } = profileStore.getState();
      current?.session.start(getProgram(selectedId), params);
    },
    continueProgram: (programId, params, fromStep) => {
      selectProgram(programId, params);
      current?.session.start(getProgram(programId), params, fromStep);
    },
    pauseProgram: () => current?.session.pause(),
    resumeProgram: () => current?.session.resume(),
    stopProgram: () => current?.session.stop(),
    isTraining: () => current?.session.running ?? false,
  };
}
