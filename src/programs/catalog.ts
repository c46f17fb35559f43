/**
 * The training programs and assessments, as data. Every number points at its source:
 * shared/reference/protocols.md gathers them from the seed documents (000–004, Norwegian,
 * Swedish and Danish public-health texts) and the clinical literature.
 */
import type { Message, MessageKey } from '../i18n/messages';
import { STRAINING_REFERENCE_FRACTION } from '../pipeline/measures';
import type { FaultRules, ParamBounds, ParamField, ProgramDef, ProgramId, ProgramParams, RuleSpec, SourceDoc, SourceRef } from './types';

/** The Knack: the "cough" cue comes this long after the squeeze cue, ms. */
export const KNACK_COUGH_AFTER_MS = 1500;
/** The squeeze must begin at least this long before the cough (protocols.md: 0.3–0.5 s), ms. */
export const KNACK_LEAD_MS = 300;
/** Still held this long after the cough cue: past the cough's spike, ms. */
export const KNACK_COUGH_PASSED_MS = 1000;

/**
 * Default rules (docs/scoring.md). Values: weak = peak ÷ MVC; short_hold = duration ÷ target
 * hold; slow_rise = 10–90 % rise time, ms; late_onset = onset − squeeze cue, ms;
 * incomplete_relaxation = (relaxed − relax cue) ÷ (next squeeze cue − relax cue);
 * straining = reference rise ÷ main rise; fading = hold fade.
 */
export const DEFAULT_RULES: { readonly [F in keyof Required<FaultRules>]: RuleSpec } = {
  weak: { threshold: 0.6, ideal: 0.8, worst: 0.3 },
  short_hold: { threshold: 0.75, ideal: 0.95, worst: 0.4 },
  slow_rise: { threshold: 700, ideal: 400, worst: 1500 },
  late_onset: { threshold: 1000, ideal: 600, worst: 2500 },
  incomplete_relaxation: { threshold: 1, ideal: 0.5, worst: 2 },
  // The pipeline's own definition of straining, so "straining" means the same everywhere.
  straining: { threshold: STRAINING_REFERENCE_FRACTION, ideal: 0.25, worst: 1 },
  fading: { threshold: 0.25, ideal: 0.1, worst: 0.6 },
  // The Knack (protocols.md): the squeeze began ≥ 0.3 s before the cough (value: cough cue −
  // onset, ms) and was still held when the spike had passed (value: release − cough cue, ms; a
  // cough follows its cue by a reaction and its spike lasts a few hundred ms: passed ≈ 1 s after).
  knack_late: { threshold: KNACK_LEAD_MS, ideal: 900, worst: -500 },
  knack_released: { threshold: KNACK_COUGH_PASSED_MS, ideal: 1800, worst: 0 },
};

const { weak, short_hold, slow_rise, late_onset, incomplete_relaxation, straining, fading, knack_late, knack_released } = DEFAULT_RULES;

const params = (holdS: number, restS: number, reps: number, sets = 1, setRestS = 60, flicks = 0): ProgramParams => ({
  holdMs: holdS * 1000,
  restMs: restS * 1000,
  reps,
  sets,
  setRestMs: setRestS * 1000,
  flicks,
});

const bounds = (holdS: [number, number], restS: [number, number], reps: [number, number], sets: [number, number]): ParamBounds => ({
  holdMs: [holdS[0] * 1000, holdS[1] * 1000],
  restMs: [restS[0] * 1000, restS[1] * 1000],
  reps,
  sets,
});

/** Each source as a patient knows it (who wrote it), never by its document number. */
const SOURCE_NAMES = {
  '000': 'source.nff',
  '001': 'source.cochrane',
  '002': 'source.danish',
  '003': 'source.1177',
  '004': 'source.pelvicGirdle',
  bo1999: 'source.bo1999',
  laycock2001: 'source.laycock2001',
  perineometry: 'source.perineometry',
  trainers: 'source.trainers',
  miller1998: 'source.miller1998',
} as const satisfies Record<SourceDoc, MessageKey>;

/** "Source: who. What it says." */
export function sourceMessage(ref: SourceRef): Message {
  return { key: 'program.source', params: { from: { key: SOURCE_NAMES[ref.doc] }, cite: { key: ref.cite } } };
}

export const PROGRAMS: readonly ProgramDef[] = [
  {
    id: 'find',
    kind: 'training',
    effort: 'gentle',
    // "A few seconds" (3 s), rest at least as long, 10 reps.
    defaults: params(3, 3, 10),
    bounds: bounds([2, 5], [2, 30], [3, 10], [1, 3]),
    // Finding the muscles: no force target; holding, relaxing and not pushing down still count.
    rules: { short_hold, late_onset, incomplete_relaxation, straining },
    sources: [{ doc: '003', cite: 'source.cite.find' }],
  },
  {
    id: 'strength',
    kind: 'training',
    effort: 'max',
    defaults: params(6, 6, 10),
    bounds: bounds([3, 10], [3, 60], [1, 15], [1, 3]),
    rules: { weak, short_hold, late_onset, incomplete_relaxation, straining, fading },
    sources: [{ doc: '003', cite: 'source.cite.strength' }],
  },
  {
    id: 'speed',
    kind: 'training',
    effort: 'fast',
    defaults: params(2, 2, 10),
    bounds: bounds([1, 3], [1, 10], [3, 15], [1, 3]),
    // A 2-s hold is too short for a fade measure; the rise is what this program trains.
    rules: { weak, short_hold, slow_rise, late_onset, incomplete_relaxation, straining },
    sources: [{ doc: '003', cite: 'source.cite.speed' }],
  },
  {
    id: 'endurance',
    kind: 'training',
    effort: 'moderate',
    defaults: params(60, 60, 1),
    bounds: bounds([10, 90], [10, 120], [1, 3], [1, 1]),
    // Moderate force: "weak" only below 30 % MVC. A long hold fades by nature; the goal is
    // time held, catching the squeeze again when it is lost.
    rules: { weak: { threshold: 0.3, ideal: 0.4, worst: 0.1 }, short_hold, late_onset, incomplete_relaxation, straining },
    sources: [{ doc: '003', cite: 'source.cite.endurance' }],
  },
  {
    id: 'nff',
    kind: 'training',
    effort: 'max',
    // Bø: start with rest twice the hold.
    defaults: params(6, 12, 8, 3, 60),
    bounds: bounds([3, 10], [3, 60], [1, 12], [1, 3]),
    rules: { weak, short_hold, late_onset, incomplete_relaxation, straining, fading },
    sources: [
      { doc: '000', cite: 'source.cite.nff' },
      // Bø K et al., BMJ 1999;318:487, restated by the MOTHERFIT protocol (Trials 2019).
      { doc: 'bo1999', cite: 'source.cite.nffTrial' },
    ],
  },
  {
    id: 'relax',
    kind: 'training',
    effort: 'gentle',
    // A gentle squeeze only to feel the difference; the long rest is the exercise.
    defaults: params(2, 10, 6),
    bounds: bounds([1, 3], [5, 30], [3, 10], [1, 3]),
    rules: { incomplete_relaxation: { threshold: 1, ideal: 0.3, worst: 2 }, straining },
    sources: [
      { doc: '003', cite: 'source.cite.relax' },
      { doc: '004', cite: 'source.cite.relaxPain' },
    ],
  },
  {
    id: 'knack',
    kind: 'training',
    effort: 'moderate',
    // Squeeze, "cough" 1.5 s later (a lead the user can keep), relax 2 s after that; rest at
    // least as long as the hold.
    defaults: params(3.5, 6, 8),
    bounds: bounds([3, 6], [3.5, 30], [3, 12], [1, 3]),
    coughAfterMs: KNACK_COUGH_AFTER_MS,
    rules: { knack_late, knack_released, incomplete_relaxation, straining },
    sources: [{ doc: 'miller1998', cite: 'source.cite.knack' }],
  },
  {
    id: 'mvc',
    kind: 'assessment',
    effort: 'max',
    defaults: params(4, 10, 3),
    bounds: null,
    // A test, not a workout: only a strained peak makes it invalid.
    rules: { straining },
    // Perineometry: the same women read 36.5 vs 19.7 cmH2O on two probes (shared/reference/protocols.md).
    sources: [{ doc: 'perineometry', cite: 'source.cite.mvc' }],
  },
  {
    id: 'perfect',
    kind: 'assessment',
    effort: 'max',
    defaults: params(10, 10, 10),
    bounds: null,
    rules: { straining },
    // Laycock J, Jerwood D. Physiotherapy 2001;87:631.
    sources: [{ doc: 'laycock2001', cite: 'source.cite.perfect' }],
  },
];

export function getProgram(id: ProgramId): ProgramDef {
  const found = PROGRAMS.find((p) => p.id === id);
  if (!found) throw new RangeError(`Unknown program: ${id}`);
  return found;
}

export function isProgramId(value: string): value is ProgramId {
  return PROGRAMS.some((p) => p.id === value);
}

/** Whether a session of this program (null: none, a free session) measures rather than trains. */
export function isAssessment(id: string | null): boolean {
  return id !== null && isProgramId(id) && getProgram(id).kind === 'assessment';
}

/** Whether the program asks for holds (not a drill of timing like the Knack's squeeze, cough, relax). */
export function asksForHolds(id: string | null): boolean {
  return id === null || !isProgramId(id) || getProgram(id).coughAfterMs === undefined;
}

export type ParamIssue =
  | { readonly field: ParamField; readonly kind: 'range'; readonly min: number; readonly max: number }
  | { readonly field: 'restMs'; readonly kind: 'restShorterThanHold' };

/**
 * Brings requested parameters within the program's safe bounds. Every change is reported, so
 * the screen can say why a number moved. Rest is never shorter than the hold (seed 003: "rest at
 * least as long as the hold").
 */
export function validateParams(program: ProgramDef, requested: Partial<Pick<ProgramParams, ParamField>>): { params: ProgramParams; issues: ParamIssue[] } {
  const b = program.bounds;
  if (b === null) return { params: program.defaults, issues: [] };
  const issues: ParamIssue[] = [];
  const pick = (field: ParamField, integer: boolean): number => {
    const raw = requested[field] ?? program.defaults[field];
    const [min, max] = b[field];
    const value = Number.isFinite(raw) ? (integer ? Math.round(raw) : raw) : program.defaults[field];
    const clamped = Math.min(max, Math.max(min, value));
    if (clamped !== value) issues.push({ field, kind: 'range', min, max });
    return clamped;
  };
  const holdMs = pick('holdMs', false);
  let restMs = pick('restMs', false);
  if (restMs < holdMs) {
    restMs = Math.min(holdMs, b.restMs[1]);
    issues.push({ field: 'restMs', kind: 'restShorterThanHold' });
  }
  return { params: { ...program.defaults, holdMs, restMs, reps: pick('reps', true), sets: pick('sets', true) }, issues };
}
