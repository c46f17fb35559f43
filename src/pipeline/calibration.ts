/**
 * The user's maximal voluntary contraction (MVC), from a short guided test (the MVC program:
 * usually three maximal squeezes, relaxing between them) or, until there is one, from the
 * squeezes so far. One rule everywhere: the best peak rise above rest among the squeezes that
 * count. A squeeze does not count when the reference channel shows bearing down (straining
 * raises the reading without being a squeeze), or when it was not held (a maximal squeeze held
 * under a second is a flick, not a measure of strength). Coughs never become reps, so they never
 * reach this step. The resting level is calibrated live, by the detector's rest tracker.
 *
 * Scores are relative to the user's own MVC because probes read differently (see
 * shared/reference/protocols.md).
 */
import type { RepMeasures } from './types.ts';

export type AttemptVerdict = 'counted' | 'straining' | 'not-held';

export interface MvcAttempt {
  readonly index: number;
  readonly peakCmH2O: number;
  readonly verdict: AttemptVerdict;
}

export interface MvcCalibration {
  /** Best counted peak rise above rest, cmH2O; null when no attempt counted. */
  readonly mvcCmH2O: number | null;
  readonly attempts: readonly MvcAttempt[];
}

/** A maximal squeeze must stay above half its peak at least this long to count, ms. */
export const MIN_MVC_HOLD_MS = 1000;

function verdictOf(rep: RepMeasures): AttemptVerdict {
  return rep.straining === true ? 'straining' : rep.durationMs < MIN_MVC_HOLD_MS ? 'not-held' : 'counted';
}

/** Whether a squeeze is a fair measure of strength. */
export function countsTowardMvc(rep: RepMeasures): boolean {
  return verdictOf(rep) === 'counted';
}

export function mvcFromReps(reps: readonly RepMeasures[]): MvcCalibration {
  const attempts = reps.map((rep): MvcAttempt => ({ index: rep.index, peakCmH2O: rep.peakCmH2O, verdict: verdictOf(rep) }));
  const counted = attempts.filter((a) => a.verdict === 'counted').map((a) => a.peakCmH2O);
  return { mvcCmH2O: counted.length > 0 ? Math.max(...counted) : null, attempts };
}
