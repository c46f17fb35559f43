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
import type { SimulatedSensor } from '../session/simulatedSensor';
import { TrainingSession } from '../session/trainingSession';
import { initialLink } from '../session/types';
import { connectionStore } from './connectionStore';
import { canRemember } from '../ble/remembered';
import { forgetRememberedProbe, loadRememberedProbe, rememberProbe } from './probeMemory';
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
  /** Loads the simulated sensor (default: its own chunk, fetched on first use). */
  readonly loadSimulatedSensor?: (search: string) => Promise<SimulatedSensor>;
  /** A program ended with its summary, or the sensor was let go: the plan may have moved on. */
  readonly onProgramDone?: () => void;
  /** The MVC of the newest strength test (the journal's), for a new connection; null: none yet. */
  readonly knownMvc?: () => number | null;
}

/**
 * The simulated sensor and its model of a person are a chunk of their own: people who pair a
 * real probe never download them. (Precached by the service worker, so it loads offline too.)
 * It runs in a worker where it can, else here.
 */
async function loadSimulatedSensor(search: string): Promise<SimulatedSensor> {
  const { simulatedSensorInWorker } = await import('../session/simulatedSensorRemote');
  const inWorker = simulatedSensorInWorker(search);
  if (inWorker) {
    try {
      return await inWorker;
    } catch (e) {
      console.warn(e);
    }
  }
  const { simulatedSensor } = await import('../session/simulatedSensor');
  return simulatedSensor(search);
}

export interface TrainingActions {
  readonly connectSensor: () => void;
  /** The sensor paired on an earlier visit, without the chooser, where the browser allows it. */
  readonly reconnectRemembered: () => void;
  /** Disconnects and forgets the sensor: the next visit opens the chooser. */
  readonly forgetSensor: () => void;
  readonly connectSimulated: () => void;
  readonly disconnect: () => void;
  readonly tare: () => void;
  /** One pulse of the probe's motor, then a stop. */
  readonly testVibration: () => void;
  /** The page was hidden or shown: the probe's motor is stopped and gives no cues while hidden. */
  readonly pageHidden: (hidden: boolean) => void;
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
  /** `release`: what else ends with the session (the simulated sensor's worker). */
  let current: { session: TrainingSession; binding: Subscription; release?: () => void } | null = null;

  function connect(
    bluetooth: BluetoothLike,
    simulated: boolean,
    follow: ((cue: ProgramCue) => void) | null,
    rememberedId?: string,
    release?: () => void,
  ): void {
    disconnect();
    const stored = services.knownMvc?.() ?? null;
    const session = new TrainingSession({
      bluetooth,
      simulated,
      mvc: stored !== null ? { cmH2O: stored, source: 'test' } : null,
      cueOutputs: services.cueOutputs,
      probeCues: () => profileStore.getState().prefs.probeVibration,
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
    // The history follows: the session's row appears, and its reps when the set ends.
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
        // Not rep by rep while training: the history is not on screen then (it reads the journal when shown).
        if (run.status === 'running') return;
        const n = run.results.length + (run.summary ? 1 : 0);
        if (n > 0 && n !== judged) {
          judged = n;
          services.onJournalChanged?.();
        }
      }),
    );
    // A real sensor that connected is the one the next visit reconnects to.
    if (!simulated) {
      binding.add(
        session.link$.subscribe((link) => {
          if (link.status === 'connected' && link.deviceId !== null) rememberProbe({ id: link.deviceId, name: link.deviceName });
        }),
      );
    }
    current = { session, binding, release };
    void session.open(rememberedId);
  }
  const ended = new WeakSet<object>();
  /** Counts simulated-sensor loads, so only the latest one connects. */
  let simulatedAttempt = 0;

  function disconnect(): void {
    if (!current) return;
    // close() ends a running set with its summary before the binding lets go.
    current.session.close();
    current.binding.unsubscribe();
    current.release?.();
    current = null;
    services.onJournalChanged?.();
    services.onProgramDone?.();
  }

  return {
    connectSensor: () => services.bluetooth && connect(services.bluetooth, false, null),
    reconnectRemembered: () => {
      const remembered = loadRememberedProbe();
      if (services.bluetooth && remembered && canRemember(services.bluetooth)) connect(services.bluetooth, false, null, remembered.id);
    },
    forgetSensor: () => {
      forgetRememberedProbe();
      if (!current) return;
      const { session, binding, release } = current;
      current = null;
      void session.forget().finally(() => {
        binding.unsubscribe();
        release?.();
        services.onJournalChanged?.();
      });
    },
    connectSimulated: () => {
      disconnect();
      connectionStore.setState({ ...initialLink, status: 'connecting', simulated: true }, true);
      const attempt = ++simulatedAttempt;
      (services.loadSimulatedSensor ?? loadSimulatedSensor)(services.search).then(
        (sim) => {
          // A later click (or a real sensor chosen meanwhile) wins.
          if (attempt === simulatedAttempt && current === null) connect(sim.bluetooth, true, sim.follow, undefined, sim.dispose);
          else sim.dispose?.();
        },
        (e: unknown) => {
          if (attempt !== simulatedAttempt || current !== null) return;
          // The cause (a chunk that did not arrive) means nothing to a patient; the console keeps it.
          console.error(e);
          connectionStore.setState({ ...initialLink, status: 'failed', simulated: true, error: { key: 'error.simulatedUnavailable', detail: '' } }, true);
        },
      );
    },
    disconnect,
    tare: () => void current?.session.tare(),
    testVibration: () => current?.session.testVibration(),
    pageHidden: (hidden) => current?.session.setPageHidden(hidden),
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
