import { describe, expect, it } from 'vitest';
import { MISTAKES, coachOptionsFromSearch, createCoachedUser, feasibleMistakes, type CoachedUser, type Mistake } from '../../firmware-sim/coach';
import { squeezeEndMs, squeezeShape, squeezeTruth, type Squeeze } from '../../firmware-sim/model';
import { DEFAULT_RULES, getProgram } from '../../src/programs/catalog';
import { judgedFaults, planSteps, rulesForStep } from '../../src/programs/plan';
import { FAULT_CODES, type FaultCode, type ProgramCue, type ProgramId } from '../../src/programs/types';
import { createStream, judgeRun } from '../../tools/bench-score';

type SqueezeCue = Extract<ProgramCue, { kind: 'squeeze' }>;

/** Walks a program's cues through a coached user in device time, without a pipeline. */
function follow(coach: CoachedUser, id: ProgramId, reps: number): SqueezeCue[] {
  const program = getProgram(id);
  const steps = planSteps(program, { ...program.defaults, sets: 1, reps }).slice(0, reps);
  const out = { main: 0, ref: 0 };
  let t = 0;
  // The app's own cue type, passed unchanged as the app does: tsc fails here if ProgramCue
  // stops being assignable to the coach's CoachCue.
  const tell = (cue: ProgramCue) => coach.onCue(cue);
  const advanceTo = (end: number) => {
    for (; t < end; t += 20) coach.sampleAt(t, out);
  };
  advanceTo(2000);
  tell({ kind: 'start', tMs: t, leadInMs: 3000 });
  advanceTo(t + 3000);
  const cues: SqueezeCue[] = [];
  steps.forEach((step, k) => {
    const cue: SqueezeCue = {
      kind: 'squeeze',
      tMs: t,
      step: k,
      holdMs: step.holdMs,
      restMs: step.restMs,
      effort: step.effort,
      flicks: step.flicks,
      judged: judgedFaults(rulesForStep(program, step)),
      assessment: program.kind === 'assessment',
      ...(step.coughAtMs === undefined ? {} : { coughAtMs: step.coughAtMs }),
    };
    cues.push(cue);
    tell(cue);
    if (step.coughAtMs !== undefined) {
      advanceTo(cue.tMs + step.coughAtMs);
      tell({ kind: 'cough', tMs: t, step: k });
    }
    advanceTo(cue.tMs + step.holdMs);
    tell({ kind: 'relax', tMs: t, step: k, restMs: step.restMs });
    advanceTo(cue.tMs + step.holdMs + step.restMs);
  });
  tell({ kind: 'end', tMs: t, completed: true });
  return cues;
}

/** First time after `fromMs` the noise-free pelvic pressure is within `band` of rest. */
function relaxedAt(squeezes: readonly Squeeze[], fromMs: number, band: number): number {
  for (let t = fromMs; t < fromMs + 60_000; t += 5) {
    if (squeezes.reduce((a, s) => a + squeezeShape(s, t), 0) <= band) return t;
  }
  return Number.POSITIVE_INFINITY;
}

/** The rules of docs/scoring.md applied to what the virtual user truly did (no sensor, no noise). */
function trueFaults(coach: CoachedUser, cues: readonly SqueezeCue[]): FaultCode[][] {
  const { abdominalCoupling } = coach.user.rest;
  const band = Math.max(2, 0.1 * coach.mvcCmH2O);
  // Long sessions let the model forget old squeezes; the truth keeps each rep's own.
  const all = [...new Set([...coach.user.squeezes, ...coach.truth().map((tr) => tr.squeeze)])];
  return coach.truth().map((truth, k) => {
    const cue = cues[k];
    const s = truth.squeeze;
    const tr = squeezeTruth(s, abdominalCoupling);
    const relaxCue = cue.tMs + cue.holdMs;
    const next = relaxCue + cue.restMs;
    const values: Record<FaultCode, number> = {
      weak: tr.peakCmH2O / coach.mvcCmH2O,
      short_hold: tr.durationMs / cue.holdMs,
      slow_rise: tr.riseTimeMs,
      late_onset: tr.onsetMs - cue.tMs,
      incomplete_relaxation: (relaxedAt(all, squeezeEndMs(s) - s.releaseMs, band) - relaxCue) / cue.restMs,
      straining: s.strainCmH2O / tr.peakCmH2O,
      fading: tr.holdFade,
      knack_late: cue.coughAtMs === undefined ? Number.NaN : cue.tMs + cue.coughAtMs - tr.onsetMs,
      knack_released: cue.coughAtMs === undefined ? Number.NaN : squeezeEndMs(s) - s.releaseMs - (cue.tMs + cue.coughAtMs),
    };
    expect(next).toBeGreaterThan(relaxCue);
    return cue.judged.filter((f) => {
      const spec = f === 'weak' && cue.effort === 'moderate' ? getProgram('endurance').rules.weak : DEFAULT_RULES[f];
      if (!spec) return false;
      const v = values[f];
      return spec.ideal > spec.threshold ? v < spec.threshold : f === 'straining' ? v >= spec.threshold : v > spec.threshold;
    });
  });
}

describe('the coach and the app', () => {
  // The coach keeps its own list so that firmware-sim/ needs nothing from src/; this keeps the
  // two from drifting. Same order too: a random mistake is picked by index.
  it('the coach can make exactly the mistakes the app scores, listed in the same order', () => {
    expect([...MISTAKES]).toEqual([...FAULT_CODES]);
  });
});

describe('coached virtual user', () => {
  const cases: [ProgramId, Mistake][] = [
    ['strength', 'weak'],
    ['strength', 'short_hold'],
    ['strength', 'late_onset'],
    ['strength', 'incomplete_relaxation'],
    ['strength', 'straining'],
    ['strength', 'fading'],
    ['speed', 'slow_rise'],
    ['speed', 'weak'],
    ['speed', 'short_hold'],
    ['speed', 'incomplete_relaxation'],
    ['find', 'short_hold'],
    ['find', 'incomplete_relaxation'],
    ['relax', 'incomplete_relaxation'],
    ['endurance', 'weak'],
    ['nff', 'late_onset'],
    ['knack', 'knack_late'],
    ['knack', 'knack_released'],
    ['knack', 'incomplete_relaxation'],
  ];

  it.each(cases)('%s, mistake %s: breaks exactly that rule on that rep, and no rule elsewhere', (id, mistake) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const coach = createCoachedUser(seed, { mistakes: { 1: mistake }, freePractice: false });
      const cues = follow(coach, id, id === 'endurance' ? 2 : 3);
      expect(coach.truth().map((tr) => tr.mistake)).toEqual([null, mistake, ...cues.slice(2).map(() => null)]);
      const faults = trueFaults(coach, cues);
      expect(faults, `seed ${seed}`).toEqual([[], [mistake], ...cues.slice(2).map(() => [])]);
    }
  });

  it('reacts to a squeeze cue within 200–600 ms', () => {
    const coach = createCoachedUser(9, { freePractice: false });
    follow(coach, 'strength', 10);
    for (const tr of coach.truth()) {
      expect(tr.onsetMs - tr.cueMs).toBeGreaterThanOrEqual(200);
      expect(tr.onsetMs - tr.cueMs).toBeLessThanOrEqual(600);
    }
  });

  it('makes random mistakes at about the configured rate, only feasible ones, never in a test', () => {
    const coach = createCoachedUser(11, { mistakeRate: 0.5, freePractice: false });
    const cues = follow(coach, 'speed', 200);
    const mistakes = coach.truth().filter((tr) => tr.mistake !== null);
    expect(mistakes.length).toBeGreaterThan(80);
    expect(mistakes.length).toBeLessThan(120);
    // Speed rests 2 s: no room for a late start that still lets go in time.
    for (const tr of mistakes) expect(feasibleMistakes(cues[tr.step], true)).toContain(tr.mistake);
    expect(mistakes.some((tr) => tr.mistake === 'late_onset')).toBe(false);
    const tester = createCoachedUser(11, { mistakeRate: 1, freePractice: false });
    follow(tester, 'mvc', 3);
    expect(tester.truth().every((tr) => tr.mistake === null)).toBe(true);
  });

  it('cannot bear down detectably without a reference channel', () => {
    const cue: SqueezeCue = {
      kind: 'squeeze',
      tMs: 0,
      step: 0,
      holdMs: 6000,
      restMs: 6000,
      effort: 'max',
      flicks: 0,
      judged: ['straining', 'weak'],
      assessment: false,
    };
    expect(feasibleMistakes(cue, false)).toEqual(['weak']);
    expect(feasibleMistakes(cue, true)).toEqual(['straining', 'weak']);
  });

  it('practises by itself when no program runs, and stops when one starts', () => {
    const coach = createCoachedUser(3);
    const out = { main: 0, ref: 0 };
    for (let t = 0; t < 30_000; t += 20) coach.sampleAt(t, out);
    const before = coach.user.squeezes.length;
    expect(before).toBeGreaterThan(0);
    const start: ProgramCue = { kind: 'start', tMs: 30_000, leadInMs: 5000 };
    coach.onCue(start);
    for (let t = 30_000; t < 60_000; t += 20) coach.sampleAt(t, out);
    expect(coach.user.squeezes.every((s) => s.startMs < 30_000)).toBe(true);
  });

  it('reads forced mistakes from the page address', () => {
    expect(coachOptionsFromSearch('?seed=7&mistakes=1:short_hold,2:straining,3:bogus,x:weak&mistakeRate=0.25')).toEqual({
      mistakes: { 1: 'short_hold', 2: 'straining' },
      mistakeRate: 0.25,
    });
    // Forced mistakes alone: no random ones on top, so a test knows exactly which reps are wrong.
    expect(coachOptionsFromSearch('?mistakes=1:weak')).toEqual({ mistakes: { 1: 'weak' }, mistakeRate: 0 });
  });

  it('in the app, gets about one training rep in five wrong unless told otherwise', () => {
    expect(coachOptionsFromSearch('')).toEqual({ mistakes: {}, mistakeRate: 0.2 });
    expect(coachOptionsFromSearch('?mistakeRate=0')).toEqual({ mistakes: {}, mistakeRate: 0 });
  });
});

describe('coach + detection pipeline + runner (virtual time)', () => {
  it('a short strength set: the app names exactly the mistakes the user made', () => {
    const stream = createStream(7, { mistakes: { 1: 'short_hold', 2: 'straining', 4: 'incomplete_relaxation' }, freePractice: false, mvcCmH2O: 35 });
    stream.idle(3000);
    const run = stream.run('strength', { ...getProgram('strength').defaults, reps: 6, holdMs: 4000, restMs: 4000 });
    const judged = judgeRun(run);
    expect(judged.reps.map((r) => r.predicted)).toEqual([[], ['short_hold'], ['straining'], [], ['incomplete_relaxation'], []]);
    expect(judged.extras).toBe(0);
    expect(run.summary?.session.repsDone).toBe(6);
  });

  it('each rep is scored within 0.5 s of ending (back in the resting band)', () => {
    const stream = createStream(8, { freePractice: false });
    stream.idle(3000);
    const run = stream.run('speed', { ...getProgram('speed').defaults, reps: 5 });
    expect(run.results).toHaveLength(5);
    run.results.forEach((r, i) => {
      if (r.kind !== 'rep' || r.rep.relaxedMs === null) throw new Error(`rep ${i} not relaxed`);
      expect(run.resultAtMs[i] - r.rep.relaxedMs).toBeLessThanOrEqual(500);
      expect(run.resultAtMs[i]).toBeGreaterThanOrEqual(r.rep.relaxedMs);
    });
  });
});
