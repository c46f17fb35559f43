import { createStore } from 'zustand/vanilla';
import type { ParamIssue } from '../programs/catalog';
import { getProgram, isProgramId, validateParams } from '../programs/catalog';
import { progressionFor, trainingWeek, type SessionRecord } from '../programs/progression';
import type { CuePrefs } from '../cues/outputs';
import type { ParamField, ProgramId, ProgramParams, SessionSummary } from '../programs/types';

export interface StoredMvc {
  readonly cmH2O: number;
  readonly dateMs: number;
}

/** The user's own settings and what the app remembers of them between visits. */
export interface ProfileState {
  /** What to run, and how (validated). */
  selectedId: ProgramId;
  params: ProgramParams;
  issues: readonly ParamIssue[];
  /** Training week the suggested parameters are for. */
  week: number;
  /** Remembered across visits (localStorage). */
  mvc: StoredMvc | null;
  prefs: CuePrefs;
  safetyAcknowledged: boolean;
  history: readonly SessionRecord[];
}

const STORAGE_KEY = 'pft.programs.v1';
const DEFAULT_PREFS: CuePrefs = { visual: true, sound: true, speech: true, vibration: true };

type Persisted = Pick<ProfileState, 'mvc' | 'prefs' | 'safetyAcknowledged' | 'history'>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function parseParams(v: unknown): ProgramParams | null {
  if (!isRecord(v)) return null;
  const { holdMs, restMs, reps, sets, setRestMs, flicks } = v;
  return isNum(holdMs) && isNum(restMs) && isNum(reps) && isNum(sets) && isNum(setRestMs) && isNum(flicks)
    ? { holdMs, restMs, reps, sets, setRestMs, flicks }
    : null;
}

function parseRecord(v: unknown): SessionRecord | null {
  if (!isRecord(v) || typeof v.programId !== 'string' || !isProgramId(v.programId) || !isNum(v.dateMs) || !isNum(v.completion)) return null;
  const params = parseParams(v.params);
  const averageScore = isNum(v.averageScore) ? v.averageScore : null;
  return params ? { programId: v.programId, dateMs: v.dateMs, params, completion: v.completion, averageScore } : null;
}

/** Reads what earlier visits saved; anything unreadable is ignored (storage may be blocked). */
function loadPersisted(): Persisted {
  const empty: Persisted = { mvc: null, prefs: DEFAULT_PREFS, safetyAcknowledged: false, history: [] };
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null');
    if (!isRecord(raw)) return empty;
    const mvc = isRecord(raw.mvc) && isNum(raw.mvc.cmH2O) && isNum(raw.mvc.dateMs) ? { cmH2O: raw.mvc.cmH2O, dateMs: raw.mvc.dateMs } : null;
    const p = isRecord(raw.prefs) ? raw.prefs : {};
    const flag = (key: keyof CuePrefs) => {
      const v = p[key];
      return typeof v === 'boolean' ? v : DEFAULT_PREFS[key];
    };
    const prefs: CuePrefs = { visual: flag('visual'), sound: flag('sound'), speech: flag('speech'), vibration: flag('vibration') };
    const history = Array.isArray(raw.history) ? raw.history.map(parseRecord).filter((r): r is SessionRecord => r !== null) : [];
    return { mvc, prefs, safetyAcknowledged: raw.safetyAcknowledged === true, history };
  } catch {
    return empty;
  }
}

function savePersisted(s: Persisted): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ mvc: s.mvc, prefs: s.prefs, safetyAcknowledged: s.safetyAcknowledged, history: s.history }));
  } catch {
    // Private mode or full storage: the app works, it just forgets.
  }
}

const persisted = loadPersisted();

export const profileStore = createStore<ProfileState>(() => ({
  selectedId: 'strength',
  params: getProgram('strength').defaults,
  issues: [],
  week: 1,
  ...persisted,
}));

profileStore.subscribe((s, prev) => {
  if (s.mvc !== prev.mvc || s.prefs !== prev.prefs || s.safetyAcknowledged !== prev.safetyAcknowledged || s.history !== prev.history) savePersisted(s);
});

/** Sessions remembered for progression; older ones no longer matter. */
const HISTORY_LIMIT = 200;

/** Picks a program with the parameters its progression suggests for this training week. */
export function selectProgram(id: ProgramId, nowMs = Date.now()): void {
  const { history } = profileStore.getState();
  const first = history.reduce<number | null>((a, r) => (a === null || r.dateMs < a ? r.dateMs : a), null);
  const week = trainingWeek(first, nowMs);
  profileStore.setState({ selectedId: id, week, params: progressionFor(id, week, history), issues: [] });
}

/** Sets one parameter (hold and rest in seconds, as typed); out-of-range values are brought back and explained. */
export function setParam(field: ParamField, value: number): void {
  const { selectedId, params } = profileStore.getState();
  const ms = field === 'holdMs' || field === 'restMs' ? value * 1000 : value;
  const { params: next, issues } = validateParams(getProgram(selectedId), { ...params, [field]: ms });
  profileStore.setState({ params: next, issues });
}

export function setCuePref(key: keyof CuePrefs, on: boolean): void {
  profileStore.setState((s) => ({ prefs: { ...s.prefs, [key]: on } }));
}

export function acknowledgeSafety(): void {
  profileStore.setState({ safetyAcknowledged: true });
}

/** A finished program: kept for progression, and a strength test's MVC becomes the user's. */
export function rememberSession(summary: SessionSummary, params: ProgramParams, plannedReps: number, dateMs = Date.now()): void {
  const s = profileStore.getState();
  const record: SessionRecord = {
    programId: summary.programId,
    dateMs,
    params,
    completion: plannedReps > 0 ? summary.session.repsDone / plannedReps : 0,
    averageScore: summary.session.averageScore,
  };
  const measured = summary.measuredMvcCmH2O;
  profileStore.setState({
    history: [...s.history, record].slice(-HISTORY_LIMIT),
    ...(measured !== null ? { mvc: { cmH2O: measured, dateMs } } : {}),
  });
}

/**
 * Reads the settings again from storage, after an import restored them or a deletion removed
 * them (with nothing stored: the defaults). The selected program's parameters follow.
 */
export function reloadProfile(nowMs = Date.now()): void {
  profileStore.setState(loadPersisted());
  selectProgram(profileStore.getState().selectedId, nowMs);
}

/** Back to a first visit's settings (no MVC, default cues, no history); saved as such. */
export function resetProfile(nowMs = Date.now()): void {
  profileStore.setState({ mvc: null, prefs: DEFAULT_PREFS, safetyAcknowledged: false, history: [] });
  selectProgram(profileStore.getState().selectedId, nowMs);
}
