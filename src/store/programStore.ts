import { createStore } from 'zustand/vanilla';
import type { ParamIssue } from '../programs/catalog';
import { getProgram, isProgramId } from '../programs/catalog';
import type { SessionRecord } from '../programs/progression';
import type { RunnerView } from '../programs/runner';
import type { BlockSummary, ProgramId, ProgramParams, RepResult, SessionSummary } from '../programs/types';

/** Which cue channels are on. */
export interface CuePrefs {
  readonly visual: boolean;
  readonly sound: boolean;
  readonly speech: boolean;
  readonly vibration: boolean;
}

/** Band to draw on the live chart, cmH2O relative to the resting level. */
export interface TargetBand {
  readonly fromCmH2O: number;
  readonly toCmH2O: number;
}

export interface StoredMvc {
  readonly cmH2O: number;
  readonly dateMs: number;
}

export interface ProgramState {
  /** What to run, and how (validated). */
  selectedId: ProgramId;
  params: ProgramParams;
  issues: readonly ParamIssue[];
  /** Training week the suggested parameters are for. */
  week: number;
  status: 'idle' | 'running' | 'done';
  /** The cue display: current segment, rep, seconds left. */
  view: RunnerView | null;
  /** What the live chart draws while a program runs; null: nothing. */
  targetBand: TargetBand | null;
  results: readonly RepResult[];
  setSummaries: readonly BlockSummary[];
  summary: SessionSummary | null;
  /** Remembered across visits (localStorage). */
  mvc: StoredMvc | null;
  prefs: CuePrefs;
  safetyAcknowledged: boolean;
  history: readonly SessionRecord[];
}

const STORAGE_KEY = 'pft.programs.v1';
const DEFAULT_PREFS: CuePrefs = { visual: true, sound: true, speech: true, vibration: true };

type Persisted = Pick<ProgramState, 'mvc' | 'prefs' | 'safetyAcknowledged' | 'history'>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function parseParams(v: unknown): ProgramParams | null {
  if (!isRecord(v)) return null;
  const { holdMs, restMs, reps, sets, setRestMs, flicks } = v;
  return isNum(holdMs) && isNum(restMs) && isNum(reps) && isNum(sets) && isNum(setRestMs) && isNum(flicks) ? { holdMs, restMs, reps, sets, setRestMs, flicks } : null;
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

/** Programs, cues and rep results; written only by src/programs/controller.ts. */
export const programStore = createStore<ProgramState>(() => ({
  selectedId: 'strength',
  params: getProgram('strength').defaults,
  issues: [],
  week: 1,
  status: 'idle',
  view: null,
  targetBand: null,
  results: [],
  setSummaries: [],
  summary: null,
  ...persisted,
}));

programStore.subscribe((s, prev) => {
  if (s.mvc !== prev.mvc || s.prefs !== prev.prefs || s.safetyAcknowledged !== prev.safetyAcknowledged || s.history !== prev.history) savePersisted(s);
});
