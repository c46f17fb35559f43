import { createStore } from 'zustand/vanilla';
import type { ParamIssue } from '../programs/catalog';
import { getProgram, validateParams } from '../programs/catalog';
import type { CuePrefs } from '../cues/outputs';
import type { ParamField, ProgramId, ProgramParams } from '../programs/types';

/**
 * What to run next and the user's small preferences. The training history and the MVC are the
 * journal's (planStore); only cue preferences and the safety advice being read stay in localStorage.
 */
export interface ProfileState {
  /** What to run, and how (validated). */
  selectedId: ProgramId;
  params: ProgramParams;
  issues: readonly ParamIssue[];
  /** Remembered across visits (localStorage). */
  prefs: CuePrefs;
  safetyAcknowledged: boolean;
}

const STORAGE_KEY = 'pft.programs.v1';
/** The probe's motor is off until the user turns it on: a vibration inside the body must never come as a surprise. */
const DEFAULT_PREFS: CuePrefs = { visual: true, sound: true, speech: true, vibration: true, probeVibration: false };

type Persisted = Pick<ProfileState, 'prefs' | 'safetyAcknowledged'>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Reads what earlier visits saved; anything unreadable is ignored (storage may be blocked). */
function loadPersisted(): Persisted {
  const empty: Persisted = { prefs: DEFAULT_PREFS, safetyAcknowledged: false };
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null');
    if (!isRecord(raw)) return empty;
    const p = isRecord(raw.prefs) ? raw.prefs : {};
    const flag = (key: keyof CuePrefs) => {
      const v = p[key];
      return typeof v === 'boolean' ? v : DEFAULT_PREFS[key];
    };
    const prefs: CuePrefs = {
      visual: flag('visual'),
      sound: flag('sound'),
      speech: flag('speech'),
      vibration: flag('vibration'),
      probeVibration: flag('probeVibration'),
    };
    return { prefs, safetyAcknowledged: raw.safetyAcknowledged === true };
  } catch {
    return empty;
  }
}

function savePersisted(s: Persisted): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ prefs: s.prefs, safetyAcknowledged: s.safetyAcknowledged }));
  } catch {
    // Private mode or full storage: the app works, it just forgets.
  }
}

export const profileStore = createStore<ProfileState>(() => ({
  selectedId: 'strength',
  params: getProgram('strength').defaults,
  issues: [],
  ...loadPersisted(),
}));

profileStore.subscribe((s, prev) => {
  if (s.prefs !== prev.prefs || s.safetyAcknowledged !== prev.safetyAcknowledged) savePersisted(s);
});

/** Picks a program with `params` (the plan's, or the program's own defaults). */
export function selectProgram(id: ProgramId, params: ProgramParams = getProgram(id).defaults): void {
  profileStore.setState({ selectedId: id, params, issues: [] });
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

/**
 * Reads the settings again from storage, after an import restored them or a deletion removed
 * them (with nothing stored: the defaults).
 */
export function reloadProfile(): void {
  profileStore.setState(loadPersisted());
}

/** Back to a first visit's settings (default cues, safety advice not yet acknowledged); saved as such. */
export function resetProfile(): void {
  profileStore.setState({ prefs: DEFAULT_PREFS, safetyAcknowledged: false });
}
