/**
 * Set and session summaries, the MVC test result and the PERFECT profile: pure functions of the
 * rep results.
 */
import type { Message } from '../i18n/messages';
import { mvcFromReps } from '../pipeline/calibration';
import { restingBandCmH2O } from '../pipeline/measures';
import { faultFeedback } from './scoring';
import {
  FAULT_CODES,
  type BlockSummary,
  type FaultCode,
  type MvcValue,
  type PerfectProfile,
  type RepResult,
  type ScoredRep,
  type SessionSummary,
} from './types';

const mean = (xs: readonly number[]): number | null => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function summarize(results: readonly RepResult[], mvcCmH2O: number | null): BlockSummary {
  const reps = results.flatMap((r) => (r.kind === 'rep' ? [r.rep] : []));
  const cued = reps.filter((r) => r.role === 'cued');
  // Strength figures leave strained reps out: their peak is abdominal pressure, not the squeeze.
  const unstrained = cued.filter((r) => r.straining !== true);
  const pct = (cmH2O: number) => (mvcCmH2O !== null && mvcCmH2O > 0 ? (100 * cmH2O) / mvcCmH2O : null);
  const peaks = unstrained.map((r) => r.peakCmH2O);
  const best = peaks.length > 0 ? Math.max(...peaks) : null;
  const faults = Object.fromEntries(FAULT_CODES.map((f) => [f, 0])) as Record<FaultCode, number>;
  for (const r of reps) for (const f of r.faults) faults[f]++;
  const first = unstrained[0];
  const last = unstrained[unstrained.length - 1];
  const averagePeak = mean(peaks);
  return {
    repsDone: cued.length,
    missed: results.filter((r) => r.kind === 'missed').length,
    cut: results.filter((r) => r.kind === 'cut').length,
    averageScore: mean(reps.map((r) => r.score)),
    bestPeakCmH2O: best,
    bestPeakPctMvc: best === null ? null : pct(best),
    averagePeakPctMvc: averagePeak === null ? null : pct(averagePeak),
    totalHoldMs: reps.reduce((a, r) => a + Math.max(0, r.durationMs), 0),
    fatigue: unstrained.length >= 2 && first.peakCmH2O > 0 ? (first.peakCmH2O - last.peakCmH2O) / first.peakCmH2O : null,
    faults,
    focus: focusOf(faults),
  };
}

/**
 * Bearing down whenever it happened (the source documents: never push down), else the most
 * frequent fault; ties go to the higher priority (FAULT_CODES order).
 */
function focusOf(faults: Readonly<Record<FaultCode, number>>): FaultCode | null {
  if (faults.straining > 0) return 'straining';
  let best: FaultCode | null = null;
  for (const f of FAULT_CODES) if (faults[f] > 0 && (best === null || faults[f] > faults[best])) best = f;
  return best;
}

/** "Next time: …": the focus fault's advice, else a reminder to squeeze at every cue, else praise. */
/** Whether anything in the block was judged: with every squeeze cut short there are no faults to report and no advice to give. */
export function anyJudged(s: BlockSummary): boolean {
  return s.repsDone > 0 || s.missed > 0;
}

export function focusAdvice(s: BlockSummary, mvcCmH2O: number | null): Message {
  const text: Message =
    s.focus !== null ? faultFeedback(s.focus, restingBandCmH2O(mvcCmH2O)) : { key: s.missed > 0 ? 'summary.focusMissed' : 'summary.focusNone' };
  return { key: 'summary.focus', params: { text } };
}

/**
 * A drop from the first to the last squeeze smaller than this is not worth a line: peaks of the
 * same person differ by a few cmH2O from squeeze to squeeze anyway.
 */
const FATIGUE_SHOWN = 0.05;

/**
 * The lines of a set's or the session's summary (faults and focus come separately). Peaks in %
 * of a maximum only against a strength test; without one, the average against the best squeeze
 * of the same block. An assessment measures rather than trains: no score, no fatigue (its first
 * and last squeezes are asked to be different).
 */
export function blockLines(s: BlockSummary, mvc: MvcValue | null, assessment: boolean, holds = true): Message[] {
  const lines: Message[] = [{ key: 'summary.reps', params: { done: s.repsDone, missed: s.missed } }];
  if (!assessment) {
    if (s.averageScore !== null) lines.push({ key: 'summary.avgScore', params: { score: s.averageScore } });
    const strength = strengthLine(s, mvc);
    if (strength !== null) lines.push(strength);
  }
  // A drill of timing (the Knack: squeeze, cough, relax) asks for no hold to last or to keep its strength.
  if (!holds) return lines;
  lines.push({ key: 'summary.hold', params: { seconds: s.totalHoldMs / 1000 } });
  if (!assessment && s.fatigue !== null) {
    lines.push(s.fatigue >= FATIGUE_SHOWN ? { key: 'summary.fatigue', params: { pct: 100 * s.fatigue } } : { key: 'summary.noFatigue' });
  }
  return lines;
}

function strengthLine(s: BlockSummary, mvc: MvcValue | null): Message | null {
  const best = s.bestPeakPctMvc;
  const avg = s.averagePeakPctMvc;
  if (best !== null && avg !== null && mvc?.source === 'test') return { key: 'summary.peakPct', params: { best, avg } };
  // Both are against the same running estimate, so their ratio is the average against the best.
  if (best !== null && avg !== null && best > 0 && s.repsDone >= 2) return { key: 'summary.peakOfBest', params: { avg: (100 * avg) / best } };
  return s.bestPeakCmH2O === null ? null : { key: 'summary.peakCm', params: { best: s.bestPeakCmH2O } };
}

/** How the session ended, then what an assessment measured. */
export function summaryHeadline(summary: SessionSummary): Message[] {
  const lines: Message[] = [{ key: summary.completed ? 'cue.finished' : 'summary.stopped' }];
  if (summary.programId === 'mvc') {
    const value = summary.measuredMvcCmH2O;
    lines.push(value !== null ? { key: 'summary.mvcResult', params: { value } } : { key: 'summary.mvcNone' });
  }
  const p = summary.perfect;
  if (p !== null) lines.push({ key: 'summary.perfect', params: { power: p.powerCmH2O ?? '–', e: p.enduranceS, r: p.repetitions, f: p.fast } });
  return lines;
}

/** What a training session was scored against; null for an assessment or while nothing is known. */
export function scaleNote(summary: SessionSummary): Message | null {
  if (summary.programId === 'mvc' || summary.perfect !== null || summary.mvc === null) return null;
  return { key: summary.mvc.source === 'test' ? 'summary.mvc.test' : 'summary.mvc.estimate', params: { value: summary.mvc.cmH2O } };
}

/** MVC test: the best squeeze that counts (held, not strained; pipeline/calibration.ts). */
export function mvcFromTest(results: readonly RepResult[]): number | null {
  return mvcFromReps(results.flatMap((r) => (r.kind === 'rep' ? [r.rep] : []))).mvcCmH2O;
}

const PERFECT_MAX = 10;
/** A repetition counts when it holds this much of the endurance hold … */
const REPETITION_HOLD_FRACTION = 0.75;
/** … and it, like a fast squeeze, reaches this much of the power squeeze. */
const PERFECT_PEAK_FRACTION = 0.5;

function cuedIn(results: readonly RepResult[], phase: RepResult['phase']): ScoredRep[] {
  return results.flatMap((r) => (r.kind === 'rep' && r.phase === phase && r.rep.role === 'cued' ? [r.rep] : []));
}

/** Endurance phase hold, whole seconds, 0–10 (the PERFECT "E"). */
export function perfectEnduranceS(results: readonly RepResult[]): number {
  const e = cuedIn(results, 'endurance')[0];
  return e ? Math.min(PERFECT_MAX, Math.floor(e.durationMs / 1000)) : 0;
}

/**
 * PERFECT from pressure: P = power peak; E = seconds the endurance squeeze was held above half
 * its peak; R = repetitions of that hold, counted until the first that fails; F = fast squeezes
 * that reached half the power. A squeeze done by bearing down (straining) counts for nothing:
 * its pressure is the abdomen's, not the pelvic floor's (no P, E 0, R stops there, no F).
 */
export function perfectProfile(results: readonly RepResult[]): PerfectProfile {
  const strained = (r: ScoredRep | undefined) => r?.straining === true;
  const powerRep = cuedIn(results, 'power')[0];
  const power = powerRep && !strained(powerRep) ? powerRep.peakCmH2O : null;
  // The repetitions were asked to hold as long as the endurance squeeze did, strained or not.
  const heldS = perfectEnduranceS(results);
  const enduranceS = strained(cuedIn(results, 'endurance')[0]) ? 0 : heldS;
  const minPeak = power === null ? 0 : PERFECT_PEAK_FRACTION * power;
  const reps = cuedIn(results, 'repetitions');
  let repetitions = 0;
  for (const r of reps) {
    if (strained(r) || r.durationMs < REPETITION_HOLD_FRACTION * heldS * 1000 || r.peakCmH2O < minPeak) break;
    repetitions++;
  }
  const fast = cuedIn(results, 'fast').filter((r) => !strained(r) && r.peakCmH2O >= minPeak).length;
  return { powerCmH2O: power, enduranceS, repetitions: Math.min(PERFECT_MAX, repetitions), fast: Math.min(PERFECT_MAX, fast) };
}

/**
 * What each result is called in a list of results: "Rep 3" (or "Squeeze 3" in an assessment);
 * in a program of phases (PERFECT), numbered within its phase, as its cue was ("Repetitions 5",
 * "Fast 3"): every cue has one result, so a phase's first in the list is its first cue. A
 * squeeze that followed no cue is an extra squeeze.
 */
export function resultNames(results: readonly RepResult[], assessment: boolean): Message[] {
  const firstOfPhase = new Map<RepResult['phase'], number>();
  const cueOf = (r: RepResult) => (r.kind === 'rep' ? (r.rep.role === 'cued' ? r.rep.cueIndex : null) : r.cueIndex);
  for (const r of results) {
    const cue = cueOf(r);
    if (cue !== null && cue < (firstOfPhase.get(r.phase) ?? Infinity)) firstOfPhase.set(r.phase, cue);
  }
  return results.map((r): Message => {
    const cue = cueOf(r);
    if (cue === null) return { key: 'results.extra' };
    if (r.phase === 'main') return { key: assessment ? 'results.squeeze' : 'results.rep', params: { n: cue + 1 } };
    return { key: 'results.phaseSqueeze', params: { phase: { key: `phase.${r.phase}` }, n: cue - (firstOfPhase.get(r.phase) ?? cue) + 1 } };
  });
}
