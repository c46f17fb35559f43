/**
 * Per-rep scoring: pure functions from the measured reps and the cues the app gave to faults, a
 * 0–100 score and one sentence of feedback (a catalog message; the UI translates it). The live
 * runner (scoreRep, one rep at a time) and `npm run analyze -- FILE --protocol ID` (scoreReps, a
 * whole recording) use the same code.
 * Method and figures: docs/scoring.md.
 */
import type { Message, MessageKey } from '../i18n/messages';
import { mvcFromReps } from '../pipeline/calibration';
import { restingBandCmH2O } from '../pipeline/measures';
import type { Cue, RepMeasures } from '../pipeline/types';
import { getProgram, isProgramId } from './catalog';
import { planSteps, rulesForStep } from './plan';
import { FAULT_CODES, type FaultCode, type FaultRules, type RepRole, type RuleSpec, type ScoredRep } from './types';

/** A squeeze cue, with the times a rep following it is judged against. */
export interface CueContext {
  readonly cueIndex: number;
  readonly squeezeMs: number;
  readonly relaxMs: number;
  /** The Knack's cough cue (null: none). */
  readonly coughMs: number | null;
  /** Back within the resting band by then: the next squeeze cue, or the end of the last rest. */
  readonly deadlineMs: number;
}

/** An onset up to this long before the squeeze cue still answers it (people anticipate a countdown). */
export const EARLY_ONSET_MS = 500;

export interface ScoreOptions {
  readonly role: RepRole;
  readonly cue: CueContext | null;
  readonly rules: FaultRules;
  /** The user's maximal squeeze, cmH2O above rest; null: "weak" is not judged. */
  readonly mvcCmH2O: number | null;
  /** Width of the resting band above rest, cmH2O (for the feedback). */
  readonly restBandCmH2O: number;
  /** Further squeezes within one cue are the point of the program (endurance: catch it again). */
  readonly recatch: boolean;
}

interface Criterion {
  readonly code: FaultCode;
  readonly quality: number;
  readonly fault: boolean;
}

/** Score bands: a rep with any fault stays below FAULT_CEILING, a clean one starts at CLEAN_FLOOR. */
const CLEAN_FLOOR = 60;
const FAULT_CEILING = 49;
/** Each fault beyond the first costs this much more. */
const EXTRA_FAULT_COST = 10;
/** A clean rep whose weakest criterion is at least this good gets praise, not a tip. */
const PRAISE_QUALITY = 0.9;

/** 1 at (or beyond) ideal, 0.5 at the threshold, 0 at (or beyond) worst; linear between. */
export function ruleQuality(spec: RuleSpec, value: number): number {
  if (Number.isNaN(value)) return 0;
  const up = spec.ideal > spec.threshold;
  const better = (a: number, b: number) => (up ? a >= b : a <= b);
  if (better(value, spec.ideal)) return 1;
  if (better(value, spec.threshold)) return 1 - (0.5 * (value - spec.ideal)) / (spec.threshold - spec.ideal);
  if (!better(value, spec.worst)) return 0;
  return 0.5 - (0.5 * (value - spec.threshold)) / (spec.worst - spec.threshold);
}

/** The fault rules of the brief: "below", "above", and straining "at or above" the threshold. */
function isFault(code: FaultCode, spec: RuleSpec, value: number): boolean {
  if (Number.isNaN(value)) return true;
  if (spec.ideal > spec.threshold) return value < spec.threshold;
  return code === 'straining' ? value >= spec.threshold : value > spec.threshold;
}

/** The measured value each rule looks at; null when it cannot be judged for this rep. */
function ruleValue(code: FaultCode, spec: RuleSpec, rep: RepMeasures, o: ScoreOptions): number | null {
  const cued = o.role === 'cued' ? o.cue : null;
  switch (code) {
    case 'weak':
      return o.mvcCmH2O !== null && o.mvcCmH2O > 0 ? rep.peakCmH2O / o.mvcCmH2O : null;
    case 'short_hold': {
      const target = cued ? cued.relaxMs - cued.squeezeMs : 0;
      return target > 0 ? rep.durationMs / target : null;
    }
    case 'slow_rise':
      return riseTimeToJudge(rep, spec.threshold);
    case 'late_onset':
      return cued ? Math.max(0, rep.onsetMs - cued.squeezeMs) : null;
    case 'incomplete_relaxation': {
      const window = cued ? cued.deadlineMs - cued.relaxMs : 0;
      if (!cued || window <= 0) return null;
      // Never relaxed: as bad as it gets (NaN scores 0 and is a fault).
      return rep.relaxedMs === null ? Number.NaN : (rep.relaxedMs - cued.relaxMs) / window;
    }
    case 'straining':
      return rep.referenceRiseCmH2O !== null && rep.peakCmH2O > 0 ? rep.referenceRiseCmH2O / rep.peakCmH2O : null;
    case 'fading':
      return Number.isFinite(rep.holdFade) ? rep.holdFade : null;
    case 'knack_late':
      return cued?.coughMs != null ? cued.coughMs - rep.onsetMs : null;
    case 'knack_released':
      return cued?.coughMs != null ? rep.releaseMs - cued.coughMs : null;
  }
}

/**
 * The rise time; when a crossing fell in a gap (lost packets), the end of the range it is known
 * to lie within nearest the threshold, if the whole range is on one side of it (a rep judged not
 * slow is scored as if it rose as slowly as it may have, one judged slow as if as fast); null
 * when the range straddles the threshold.
 */
function riseTimeToJudge(rep: RepMeasures, threshold: number): number | null {
  if (Number.isFinite(rep.riseTimeMs)) return rep.riseTimeMs;
  const min = rep.riseTimeMinMs ?? Number.NaN;
  const max = rep.riseTimeMaxMs ?? Number.NaN;
  return max <= threshold ? max : min > threshold ? min : null;
}

function criteria(rep: RepMeasures, o: ScoreOptions): Criterion[] {
  const out: Criterion[] = [];
  for (const code of FAULT_CODES) {
    const spec = o.rules[code];
    if (!spec) continue;
    const value = ruleValue(code, spec, rep, o);
    if (value === null) continue;
    out.push({ code, quality: ruleQuality(spec, value), fault: isFault(code, spec, value) });
  }
  return out;
}

/**
 * Clean reps score CLEAN_FLOOR–100 by how well they meet every target (the weakest criterion and
 * the mean count equally); reps with a fault score below FAULT_CEILING, lower the worse and the
 * more faults. The gap makes "clean" and "faulty" read differently at a glance.
 */
function scoreOf(list: readonly Criterion[]): number {
  if (list.length === 0) return 100;
  const qs = list.map((c) => c.quality);
  const minQ = Math.min(...qs);
  const meanQ = qs.reduce((a, b) => a + b, 0) / qs.length;
  const faults = list.filter((c) => c.fault).length;
  if (faults === 0) return Math.round(CLEAN_FLOOR + (100 - CLEAN_FLOOR) * (minQ + meanQ - 1));
  const raw = 100 * (0.6 * minQ + 0.4 * meanQ) - EXTRA_FAULT_COST * (faults - 1);
  return Math.max(0, Math.min(FAULT_CEILING, Math.round(raw)));
}

const FAULT_FEEDBACK: { readonly [F in FaultCode]: MessageKey } = {
  straining: 'feedback.fault.straining',
  incomplete_relaxation: 'feedback.fault.incomplete_relaxation',
  weak: 'feedback.fault.weak',
  short_hold: 'feedback.fault.short_hold',
  late_onset: 'feedback.fault.late_onset',
  slow_rise: 'feedback.fault.slow_rise',
  fading: 'feedback.fault.fading',
  knack_late: 'feedback.fault.knack_late',
  knack_released: 'feedback.fault.knack_released',
};

const TIP_FEEDBACK: { readonly [F in FaultCode]: MessageKey } = {
  straining: 'feedback.tip.straining',
  incomplete_relaxation: 'feedback.tip.incomplete_relaxation',
  weak: 'feedback.tip.weak',
  short_hold: 'feedback.tip.short_hold',
  late_onset: 'feedback.tip.late_onset',
  slow_rise: 'feedback.tip.slow_rise',
  fading: 'feedback.tip.fading',
  knack_late: 'feedback.tip.knack_late',
  knack_released: 'feedback.tip.knack_released',
};

/** What to do about a fault, in one sentence (rep feedback and "next time" in summaries). */
export function faultFeedback(code: FaultCode, restBandCmH2O: number): Message {
  return { key: FAULT_FEEDBACK[code], params: { band: restBandCmH2O } };
}

function feedbackOf(list: readonly Criterion[], o: ScoreOptions): Message {
  // FAULT_CODES is in priority order: pushing down first (it can do harm), then letting go.
  const first = list.find((c) => c.fault);
  if (first) return faultFeedback(first.code, o.restBandCmH2O);
  if (o.role === 'extra') return { key: o.recatch ? 'feedback.recaught' : 'feedback.extra' };
  const weakest = list.reduce<Criterion | null>((a, c) => (a === null || c.quality < a.quality ? c : a), null);
  if (weakest === null || weakest.quality >= PRAISE_QUALITY) return { key: 'feedback.great' };
  return { key: TIP_FEEDBACK[weakest.code] };
}

/** Scores one finished rep (live use: the runner calls this as soon as the rep event arrives). */
export function scoreRep(rep: RepMeasures, o: ScoreOptions): ScoredRep {
  const list = criteria(rep, o);
  return {
    ...rep,
    score: scoreOf(list),
    faults: list.filter((c) => c.fault).map((c) => c.code),
    feedback: feedbackOf(list, o),
    cueIndex: o.cue?.cueIndex ?? null,
    role: o.role,
  };
}

/**
 * Squeeze cues with their relax cue and deadline. A relax cue missing from a recording falls
 * back to the next squeeze cue; the last squeeze cue's rest is `lastRestMs`.
 */
export function cueContexts(cues: readonly Cue[], lastRestMs: number): CueContext[] {
  const sorted = [...cues].sort((a, b) => a.tMs - b.tMs);
  const squeezes = sorted.filter((c) => c.kind === 'squeeze');
  return squeezes.map((s, k) => {
    const next = squeezes[k + 1]?.tMs ?? null;
    const relax = sorted.find((c) => c.kind === 'relax' && c.tMs > s.tMs && (next === null || c.tMs <= next));
    const relaxMs = relax?.tMs ?? next ?? s.tMs;
    const cough = sorted.find((c) => c.kind === 'cough' && c.tMs >= s.tMs && c.tMs <= relaxMs);
    return { cueIndex: k, squeezeMs: s.tMs, relaxMs, coughMs: cough?.tMs ?? null, deadlineMs: next ?? relaxMs + lastRestMs };
  });
}

/** The squeeze cue a rep with this onset answers: the last one before it (with EARLY_ONSET_MS slack), up to its deadline. */
export function cueIndexFor(contexts: readonly CueContext[], onsetMs: number): number | null {
  for (let k = contexts.length - 1; k >= 0; k--) {
    const c = contexts[k];
    if (onsetMs >= c.squeezeMs - EARLY_ONSET_MS) {
      const end = k + 1 < contexts.length ? contexts[k + 1].squeezeMs - EARLY_ONSET_MS : c.deadlineMs;
      return onsetMs < end ? k : null;
    }
  }
  return null;
}

/** Rest after the last squeeze cue of a recording: the usual relax → squeeze spacing, else the program's. */
function typicalRestMs(contexts: readonly CueContext[], fallbackMs: number): number {
  const rests = contexts
    .slice(0, -1)
    .map((c) => c.deadlineMs - c.relaxMs)
    .sort((a, b) => a - b);
  return rests.length > 0 ? rests[Math.floor(rests.length / 2)] : fallbackMs;
}

export interface CueMatch {
  readonly contexts: readonly CueContext[];
  /** For each rep (input order): its role and cue. */
  readonly reps: readonly { readonly role: RepRole; readonly cue: CueContext | null }[];
  /** Squeeze cues no rep answered. */
  readonly missed: readonly number[];
}

/** A rep belongs to the squeeze cue it follows; the first one is "cued", any further one "extra". */
export function matchRepsToCues(reps: readonly RepMeasures[], cues: readonly Cue[], fallbackRestMs: number): CueMatch {
  const provisional = cueContexts(cues, fallbackRestMs);
  const contexts = cueContexts(cues, typicalRestMs(provisional, fallbackRestMs));
  const order = reps.map((_, i) => i).sort((a, b) => reps[a].onsetMs - reps[b].onsetMs);
  const taken = new Set<number>();
  const out = new Array<{ role: RepRole; cue: CueContext | null }>(reps.length);
  for (const i of order) {
    const k = cueIndexFor(contexts, reps[i].onsetMs);
    if (k === null) out[i] = { role: 'free', cue: null };
    else {
      out[i] = { role: taken.has(k) ? 'extra' : 'cued', cue: contexts[k] };
      taken.add(k);
    }
  }
  return { contexts, reps: out, missed: contexts.map((c) => c.cueIndex).filter((k) => !taken.has(k)) };
}

/**
 * Scores a whole recording against a program's rules. Squeeze cue k is step k of the program's
 * default plan (the step only selects rules, which do not depend on the adjustable numbers).
 * Without an MVC, "weak" is judged against the best unstrained peak of the recording.
 */
export function scoreReps(
  reps: readonly RepMeasures[],
  cues: readonly Cue[],
  protocolId: string,
  mvcCmH2O: number | null,
  restBandCmH2O?: number,
): ScoredRep[] {
  if (!isProgramId(protocolId)) throw new RangeError(`Unknown protocol "${protocolId}"`);
  const program = getProgram(protocolId);
  const steps = planSteps(program, program.defaults);
  const match = matchRepsToCues(reps, cues, program.defaults.restMs);
  const mvc = mvcCmH2O ?? mvcFromReps(reps).mvcCmH2O;
  const band = restBandCmH2O ?? restingBandCmH2O(mvc);
  return reps.map((rep, i) => {
    const { role, cue } = match.reps[i];
    const step = steps[Math.min(cue?.cueIndex ?? 0, steps.length - 1)];
    return scoreRep(rep, { role, cue, rules: rulesForStep(program, step), mvcCmH2O: mvc, restBandCmH2O: band, recatch: program.id === 'endurance' });
  });
}
