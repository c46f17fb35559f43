/**
 * The app's program session: binds the runner to the sensor session, the cue outputs, the
 * virtual user (when the sensor is simulated) and programStore. The screens call these actions;
 * they hold no logic of their own. No React.
 */
import { Subject, type Subscription } from 'rxjs';
import { createCueOutputs } from '../cues/outputs';
import { targetBandFor } from '../cues/targetBand';
import { sensorSession } from '../session/sensorSession';
import { programStore, type CuePrefs } from '../store/programStore';
import { getProgram, validateParams } from './catalog';
import { planSteps, rulesForStep } from './plan';
import { progressionFor, trainingWeek, type SessionRecord } from './progression';
import { runProgram, type RunnerOutput } from './runner';
import type { ParamField, ProgramCue, ProgramId, SessionSummary } from './types';

/** Sessions remembered for progression; older ones no longer matter. */
const HISTORY_LIMIT = 200;

const outputs = createCueOutputs(() => programStore.getState().prefs);
let follower: ((cue: ProgramCue) => void) | null = null;
let running: Subscription | null = null;
const stop$ = new Subject<void>();

/**
 * Who else hears the cues: the simulated sensor's virtual user (firmware-sim/coach.ts), so it
 * squeezes when the app says so. One at a time; null detaches.
 */
export function setCueFollower(fn: ((cue: ProgramCue) => void) | null): void {
  follower = fn;
}

/** Picks a program with the parameters its progression suggests for this training week. */
export function selectProgram(id: ProgramId, nowMs = Date.now()): void {
  const { history } = programStore.getState();
  const first = history.reduce<number | null>((a, r) => (a === null || r.dateMs < a ? r.dateMs : a), null);
  const week = trainingWeek(first, nowMs);
  programStore.setState({ selectedId: id, week, params: progressionFor(id, week, history), issues: [] });
}

/** Sets one parameter (hold and rest in seconds, as typed); out-of-range values are brought back and explained. */
export function setParam(field: ParamField, value: number): void {
  const { selectedId, params } = programStore.getState();
  const ms = field === 'holdMs' || field === 'restMs' ? value * 1000 : value;
  const { params: next, issues } = validateParams(getProgram(selectedId), { ...params, [field]: ms });
  programStore.setState({ params: next, issues });
}

export function setCuePref(key: keyof CuePrefs, on: boolean): void {
  programStore.setState((s) => ({ prefs: { ...s.prefs, [key]: on } }));
}

export function acknowledgeSafety(): void {
  programStore.setState({ safetyAcknowledged: true });
}

function remember(summary: SessionSummary, plannedReps: number): void {
  const s = programStore.getState();
  const record: SessionRecord = {
    programId: summary.programId,
    dateMs: Date.now(),
    params: s.params,
    completion: plannedReps > 0 ? summary.session.repsDone / plannedReps : 0,
    averageScore: summary.session.averageScore,
  };
  const measured = summary.measuredMvcCmH2O;
  programStore.setState({
    history: [...s.history, record].slice(-HISTORY_LIMIT),
    ...(measured !== null ? { mvc: { cmH2O: measured, dateMs: record.dateMs } } : {}),
  });
}

/** Starts the selected program on the live stream. Call from the Start button (it unlocks audio). */
export function startProgram(): void {
  if (running) return;
  outputs.unlock();
  const state = programStore.getState();
  const program = getProgram(state.selectedId);
  const params = state.params;
  const stepRules = planSteps(program, params).map((step) => rulesForStep(program, step));
  const mvc = state.mvc ? { cmH2O: state.mvc.cmH2O, source: 'test' as const } : null;
  programStore.setState({ status: 'running', view: null, targetBand: null, results: [], setSummaries: [], summary: null });
  const handle = (o: RunnerOutput) => {
    switch (o.type) {
      case 'cue':
        outputs.play(o.cue);
        follower?.(o.cue);
        break;
      case 'view': {
        const rules = stepRules[Math.max(0, o.view.step)] ?? program.rules;
        programStore.setState({ view: o.view, targetBand: targetBandFor(o.view, rules, o.view.mvc?.cmH2O ?? null) });
        break;
      }
      case 'result':
        programStore.setState((s) => ({ results: [...s.results, o.result] }));
        break;
      case 'set':
        programStore.setState((s) => ({ setSummaries: [...s.setSummaries, o.summary] }));
        break;
      case 'summary':
        remember(o.summary, stepRules.length);
        programStore.setState({ summary: o.summary, status: 'done', targetBand: null });
        break;
    }
  };
  running = runProgram({
    program,
    params,
    samples$: sensorSession.batches$,
    repEvents$: sensorSession.repEvents$,
    stop$,
    mvc,
    recordCue: (tMs, kind) => sensorSession.recorder.cue(tMs, kind),
  }).subscribe({
    next: handle,
    complete: () => {
      running = null;
    },
  });
}

/** Ends the session now; it still gets its summary. */
export function stopProgram(): void {
  stop$.next();
}

// The selected program starts with the parameters its progression suggests.
selectProgram(programStore.getState().selectedId);
