/**
 * A program and its parameters, unrolled into the sequence of squeezes a session asks for. The
 * sequence depends only on the program and parameters, so a recording's cues can be mapped back
 * to their steps (squeeze cue k is step k) for scoring after the fact.
 */
import type { FaultCode, FaultRules, PlanStep, ProgramDef, ProgramParams } from './types';
import { FAULT_CODES } from './types';

/** PERFECT (Laycock & Jerwood 2001): power, a 10-s endurance hold, repetitions of it, 10 fast squeezes. */
const PERFECT_REST_MS = 10_000;
const PERFECT_MAX = 10;

function perfectSteps(): PlanStep[] {
  const one = (phase: PlanStep['phase'], repInSet: number, holdMs: number, restMs: number, extra: Partial<PlanStep> = {}): PlanStep => ({
    phase,
    set: 0,
    repInSet,
    holdMs,
    restMs,
    effort: 'max',
    flicks: 0,
    ...extra,
  });
  const steps = [one('power', 0, 3000, PERFECT_REST_MS), one('endurance', 0, 10_000, PERFECT_REST_MS)];
  for (let i = 0; i < PERFECT_MAX; i++) {
    // Hold (and equal rest) come from the endurance phase when this step begins: resolveStep.
    steps.push(one('repetitions', i, 10_000, PERFECT_REST_MS, { holdFromPhase: 'endurance' }));
  }
  for (let i = 0; i < PERFECT_MAX; i++) steps.push(one('fast', i, 1000, 1000, { effort: 'fast' }));
  return steps;
}

/** Shortest hold a repetition is asked for, whatever the endurance hold was, s. */
const MIN_MEASURED_HOLD_S = 2;

/**
 * A step whose hold comes from an earlier phase (PERFECT "Repetitions"): hold the seconds that
 * phase measured, with equal rest; the last one keeps the longer rest before the next phase.
 */
export function resolveStep(step: PlanStep, measuredHoldS: number): PlanStep {
  if (step.holdFromPhase === undefined) return step;
  const holdMs = Math.max(MIN_MEASURED_HOLD_S, measuredHoldS) * 1000;
  return { ...step, holdMs, restMs: step.repInSet === PERFECT_MAX - 1 ? step.restMs : holdMs };
}

export function planSteps(program: ProgramDef, params: ProgramParams): PlanStep[] {
  if (program.id === 'perfect') return perfectSteps();
  // Quick squeezes at the end of the hold take about a second each; the hold cue covers them.
  const holdMs = params.holdMs + params.flicks * 1000;
  const steps: PlanStep[] = [];
  for (let set = 0; set < params.sets; set++) {
    for (let rep = 0; rep < params.reps; rep++) {
      const lastOfSet = rep === params.reps - 1 && set < params.sets - 1;
      steps.push({
        phase: 'main',
        set,
        repInSet: rep,
        holdMs,
        restMs: lastOfSet ? Math.max(params.setRestMs, params.restMs) : params.restMs,
        effort: program.effort,
        flicks: params.flicks,
        ...(program.coughAfterMs === undefined ? {} : { coughAtMs: program.coughAfterMs }),
      });
    }
  }
  return steps;
}

/** Where a step stands, for the cue display: its rep within the set, and within its phase. */
export interface StepPosition {
  readonly repsInSet: number;
  /** 0-based, among the steps of the same set and phase. */
  readonly repInPhase: number;
  readonly repsInPhase: number;
}

/** Counted once per plan, so the display's numbers cost nothing while the program runs. */
export function stepPositions(steps: readonly PlanStep[]): StepPosition[] {
  const same = (a: PlanStep, b: PlanStep) => a.set === b.set && a.phase === b.phase;
  return steps.map((step, i) => ({
    repsInSet: steps.filter((s) => s.set === step.set).length,
    repInPhase: steps.slice(0, i).filter((s) => same(s, step)).length,
    repsInPhase: steps.filter((s) => same(s, step)).length,
  }));
}

/**
 * The rules a step is judged on. With quick squeezes at the end of the hold, the last second of
 * the hold dips on purpose, so the fade measure would flag every rep: fading is not judged.
 */
export function rulesForStep(program: ProgramDef, step: Pick<PlanStep, 'flicks'>): FaultRules {
  if (step.flicks === 0) return program.rules;
  const { fading: _dropped, ...rest } = program.rules;
  return rest;
}

export function judgedFaults(rules: FaultRules): FaultCode[] {
  return FAULT_CODES.filter((code) => rules[code] !== undefined);
}
