import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Cue, RepEvent, RepMeasures, SampleBatch } from '../../src/pipeline/types';
import { getProgram } from '../../src/programs/catalog';
import { runProgram, type RunnerControl, type RunnerOutput, type RunnerView } from '../../src/programs/runner';
import type { MvcValue, ProgramCue, ProgramDef, ProgramParams } from '../../src/programs/types';
import { createStream } from '../../tools/bench-score';
import { measuredRep } from '../fixtures/reps';

const strength = getProgram('strength');
/** 3 reps of 4 s with 4 s rest: cues at 5, 9, 13, 17, 21, 25 s after a 5-s lead-in; done at 29 s. */
const params = { ...strength.defaults, reps: 3, holdMs: 4000, restMs: 4000 };

function rep(index: number, over: Partial<RepMeasures>): RepMeasures {
  return measuredRep({ index, referenceRiseCmH2O: 2, ...over });
}

/** Drives a runner in virtual stream time: 100-ms batches, rep events injected at given times. */
function harness(mvc: MvcValue | null = null, program: ProgramDef = strength, programParams: ProgramParams = params, fromStep = 0) {
  const samples$ = new Subject<SampleBatch>();
  const repEvents$ = new Subject<RepEvent>();
  const stop$ = new Subject<void>();
  const control$ = new Subject<RunnerControl>();
  const recorded: Cue[] = [];
  const outputs: { atMs: number; o: RunnerOutput }[] = [];
  let now = 0;
  let complete = false;
  runProgram({
    program,
    params: programParams,
    samples$,
    repEvents$,
    stop$,
    control$,
    mvc,
    fromStep,
    recordCue: (tMs, kind) => recorded.push({ tMs, kind }),
  }).subscribe({
    next: (o) => outputs.push({ atMs: now, o }),
    complete: () => {
      complete = true;
    },
  });
  const events = new Map<number, RepEvent[]>();
  return {
    recorded,
    outputs,
    stop$,
    control$,
    /** Jumps stream time ahead without samples in between (an outage). */
    skipTo(tMs: number) {
      now = tMs;
    },
    get complete() {
      return complete;
    },
    at(tMs: number, e: RepEvent) {
      events.set(tMs, [...(events.get(tMs) ?? []), e]);
    },
    runUntil(endMs: number) {
      for (; now <= endMs && !complete; now += 100) {
        samples$.next({ t: Float64Array.of(now), p: Float32Array.of(0), ref: null, lostBefore: 0 });
        for (const e of events.get(now) ?? []) repEvents$.next(e);
      }
    },
    cues: () => outputs.flatMap(({ o }) => (o.type === 'cue' ? [o.cue] : [])),
    of: <T extends RunnerOutput['type']>(type: T) => outputs.filter((x): x is { atMs: number; o: Extract<RunnerOutput, { type: T }> } => x.o.type === type),
  };
}

describe('program runner', () => {
  it('gives and records the cues on stream time, then ends', () => {
    const h = harness();
    h.runUntil(40_000);
    expect(h.cues().map((c: ProgramCue) => `${c.kind}@${c.tMs}`)).toEqual([
      'start@0',
      'squeeze@5000',
      'relax@9000',
      'squeeze@13000',
      'relax@17000',
      'squeeze@21000',
      'relax@25000',
      'end@29000',
    ]);
    expect(h.recorded).toEqual([
      { tMs: 5000, kind: 'squeeze' },
      { tMs: 9000, kind: 'relax' },
      { tMs: 13_000, kind: 'squeeze' },
      { tMs: 17_000, kind: 'relax' },
      { tMs: 21_000, kind: 'squeeze' },
      { tMs: 25_000, kind: 'relax' },
    ]);
    const squeeze = h.cues()[1];
    expect(squeeze).toMatchObject({ kind: 'squeeze', step: 0, holdMs: 4000, restMs: 4000, effort: 'max', assessment: false });
    expect(squeeze.kind === 'squeeze' && squeeze.judged).toEqual(['straining', 'incomplete_relaxation', 'weak', 'short_hold', 'late_onset', 'fading']);
    // No rep at all: every cue is missed, and the session ends a grace period after the last rest.
    expect(h.of('result').map(({ o }) => o.result.kind)).toEqual(['missed', 'missed', 'missed']);
    expect(h.complete).toBe(true);
  });

  it('counts the seconds down on the cue display', () => {
    const h = harness();
    h.runUntil(6000);
    const views = h.of('view').map(({ o }): RunnerView => o.view);
    expect(views[0]).toMatchObject({ segment: 'leadIn', secondsLeft: 5, step: -1 });
    expect(views.at(-1)).toMatchObject({ segment: 'squeeze', secondsLeft: 3, step: 0, repInSet: 0, repsInSet: 3, effort: 'max' });
  });

  it('scores each rep the moment its event arrives, and sums up the set and the session', () => {
    const h = harness();
    h.at(5500, { type: 'onset', index: 0, onsetMs: 5300, detectedAtMs: 5500 });
    h.at(9900, { type: 'rep', rep: rep(0, { onsetMs: 5300, durationMs: 4000, relaxedMs: 9800, peakCmH2O: 30 }) });
    // The second cue gets no squeeze; the third a short, weak one.
    h.at(21_600, { type: 'onset', index: 1, onsetMs: 21_400, detectedAtMs: 21_600 });
    h.at(23_600, { type: 'rep', rep: rep(1, { onsetMs: 21_400, durationMs: 1500, relaxedMs: 23_500, peakCmH2O: 10 }) });
    h.runUntil(40_000);

    const results = h.of('result');
    expect(results.map(({ atMs, o }) => [atMs, o.result.kind])).toEqual([
      [9900, 'rep'],
      // Missed once the next cue (21 s) came and 2 s of grace passed without an onset.
      [23_000, 'missed'],
      [23_600, 'rep'],
    ]);
    const first = results[0].o.result;
    const third = results[2].o.result;
    // The first rep has no MVC to be weak against; the third is judged against the first.
    expect(first.kind === 'rep' && first.rep.faults).toEqual([]);
    expect(third.kind === 'rep' && third.rep.faults).toEqual(['weak', 'short_hold']);
    expect(third.kind === 'rep' && third.rep.cueIndex).toBe(2);

    const [set] = h.of('set');
    expect(set.atMs).toBe(23_600);
    expect(set.o.summary).toMatchObject({ repsDone: 2, missed: 1 });
    const [{ o, atMs }] = h.of('summary');
    // Everything answered: the summary comes as soon as the last rest ends.
    expect(atMs).toBe(29_000);
    expect(o.summary).toMatchObject({ programId: 'strength', completed: true, mvc: { cmH2O: 30, source: 'estimate' }, measuredMvcCmH2O: null, perfect: null });
    expect(o.summary.session.fatigue).toBeCloseTo((30 - 10) / 30);
    expect(o.summary.session.faults).toMatchObject({ weak: 1, short_hold: 1, straining: 0 });
    expect(o.summary.session.focus).toBe('weak');
  });

  it('waits for a rep that has not relaxed yet instead of calling its cue missed', () => {
    const h = harness({ cmH2O: 32, source: 'test' });
    h.at(5500, { type: 'onset', index: 0, onsetMs: 5300, detectedAtMs: 5500 });
    // Not let go until after the next cue: the rep event only comes when the next squeeze rises.
    h.at(16_000, { type: 'rep', rep: rep(0, { onsetMs: 5300, relaxedMs: null, peakCmH2O: 31 }) });
    h.runUntil(16_000);
    const results = h.of('result');
    expect(results).toHaveLength(1);
    const r = results[0].o.result;
    expect(r.kind === 'rep' && r.rep.faults).toEqual(['incomplete_relaxation']);
  });

  it('Stop ends the session at once, with a summary; the squeeze it interrupted was cut short, not missed', () => {
    const h = harness();
    h.runUntil(7000);
    h.stop$.next();
    expect(h.complete).toBe(true);
    expect(h.cues().at(-1)).toEqual({ kind: 'end', tMs: 7000, completed: false });
    expect(h.of('result').map(({ o }) => o.result)).toEqual([{ kind: 'cut', set: 0, phase: 'main', cueIndex: 0, cueMs: 5000, rep: null, stopped: true }]);
    expect(h.of('summary')[0].o.summary).toMatchObject({ completed: false, session: { repsDone: 0, missed: 0, cut: 1 } });
  });

  it('Stop after a relax cue: a squeeze still being measured was cut short by it; one never begun was missed', () => {
    // The second squeeze (13–17 s) begun at 13.3 s and not yet ended when Stop comes at 17.5 s;
    // the first (5–9 s) had no squeeze at all.
    const h = harness();
    h.at(13_300, { type: 'onset', index: 0, onsetMs: 13_250, detectedAtMs: 13_300 });
    h.runUntil(9500);
    h.runUntil(17_500);
    h.stop$.next();
    expect(h.of('result').map(({ o }) => [o.result.kind, o.result.kind === 'cut' ? o.result.stopped : undefined])).toEqual([
      ['missed', undefined],
      ['cut', true],
    ]);
  });
});

describe('program runner: where the cue display says you are', () => {
  /** What the display shows during each squeeze: phase, squeeze within it, rep and set. */
  function squeezeViews(h: ReturnType<typeof harness>): string[] {
    const seen = new Map<number, string>();
    for (const { o } of h.of('view')) {
      const v = o.view;
      if (v.segment === 'squeeze' && !seen.has(v.step)) {
        seen.set(v.step, `${v.phase} ${v.repInPhase + 1}/${v.repsInPhase} rep ${v.repInSet + 1}/${v.repsInSet} set ${v.set + 1}/${v.sets}`);
      }
    }
    return [...seen.values()];
  }

  it('a set continued from its third rep gets ready for rep 3, then squeezes 3', () => {
    const h = harness(null, strength, params, 2);
    h.runUntil(2000);
    const getReady = h.of('view').map(({ o }) => o.view);
    expect(getReady.length).toBeGreaterThan(0);
    for (const v of getReady) expect([v.segment, v.repInSet + 1]).toEqual(['leadIn', 3]);
    h.runUntil(20_000);
    expect(squeezeViews(h)).toEqual(['main 3/3 rep 3/3 set 1/1']);
    // Its summary says where it began, so that what it had to do is known.
    h.runUntil(40_000);
    expect(h.of('summary')[0].o.summary.fromStep).toBe(2);
  });

  it('PERFECT: power and endurance once each, then 1–10 of the repetitions and 1–10 of the fast squeezes', () => {
    const perfect = getProgram('perfect');
    const h = harness(null, perfect, perfect.defaults);
    h.runUntil(300_000);
    expect(h.complete).toBe(true);
    const views = squeezeViews(h).map((v) => v.split(' rep ')[0]);
    expect(views).toEqual([
      'power 1/1',
      'endurance 1/1',
      ...Array.from({ length: 10 }, (_, i) => `repetitions ${i + 1}/10`),
      ...Array.from({ length: 10 }, (_, i) => `fast ${i + 1}/10`),
    ]);
    // The whole assessment is one "set" of 22 squeezes: the display must not count on it.
    expect(h.of('view').at(-1)?.o.view).toMatchObject({ steps: 22, sets: 1, repsInSet: 22, phase: 'fast', repInPhase: 9, repsInPhase: 10 });
  });

  it('a 2-set strength program counts reps 1–3 in each set, and the phase with them', () => {
    const h = harness(null, strength, { ...params, sets: 2, setRestMs: 10_000 });
    h.runUntil(120_000);
    expect(h.complete).toBe(true);
    const rep = (r: number, set: number) => `main ${r}/3 rep ${r}/3 set ${set}/2`;
    expect(squeezeViews(h)).toEqual([rep(1, 1), rep(2, 1), rep(3, 1), rep(1, 2), rep(2, 2), rep(3, 2)]);
  });
});

describe('program runner: outages', () => {
  it('a pause freezes the countdown; a squeeze under way is cut, and the program goes on from its rest', () => {
    const h = harness();
    // 2 s into the second squeeze (13–17 s): the sensor is lost for 6 s.
    h.runUntil(15_000);
    h.control$.next({ type: 'pause', reason: 'sensorLost' });
    const paused = h.of('view').at(-1)?.o.view;
    expect(paused).toMatchObject({ segment: 'squeeze', step: 1, paused: 'sensorLost', secondsLeft: 2 });
    expect(h.of('result').map(({ o }) => o.result)).toEqual([
      { kind: 'missed', set: 0, phase: 'main', cueIndex: 0, cueMs: 5000 },
      { kind: 'cut', set: 0, phase: 'main', cueIndex: 1, cueMs: 13_000, rep: null },
    ]);
    h.skipTo(21_000);
    h.control$.next({ type: 'resume', tMs: 21_000 });
    h.runUntil(40_000);
    // The rest after the cut squeeze comes in full from the resume, then the last squeeze.
    expect(h.cues().map((c) => `${c.kind}@${c.tMs}`)).toEqual([
      'start@0',
      'squeeze@5000',
      'relax@9000',
      'squeeze@13000',
      'relax@21000',
      'squeeze@25000',
      'relax@29000',
      'end@33000',
    ]);
    expect(h.of('result').map(({ o }) => o.result.kind)).toEqual(['missed', 'cut', 'missed']);
    expect(h.of('summary')[0].o.summary.session).toMatchObject({ repsDone: 0, missed: 2, cut: 1 });
  });

  it('a squeeze whose rise was announced when the sensor was lost, and then withdrawn, is cut, not missed', () => {
    const h = harness();
    // 0.6 s into the second squeeze (13–17 s) its rise is announced; the sensor is lost at 13.7 s,
    // and the rise, too short to tell from a cough, is withdrawn when the samples resume.
    h.at(13_600, { type: 'onset', index: 0, onsetMs: 13_300, detectedAtMs: 13_600 });
    h.runUntil(13_700);
    h.control$.next({ type: 'pause', reason: 'sensorLost' });
    // Waiting on the announced rise: no result for it yet.
    expect(h.of('result').some(({ o }) => o.result.kind === 'cut')).toBe(false);
    h.skipTo(20_000);
    h.at(20_000, { type: 'cancel', index: 0, tMs: 20_000 });
    h.control$.next({ type: 'resume', tMs: 20_000 });
    h.runUntil(40_000);
    expect(h.of('result').map(({ o }) => o.result.kind)).toEqual(['missed', 'cut', 'missed']);
    expect(h.of('summary')[0].o.summary.session).toMatchObject({ missed: 2, cut: 1 });
  });

  it('a rest interrupted by an outage goes on with the seconds it had left', () => {
    const h = harness();
    h.runUntil(11_000); // 2 s into the first rest (9–13 s)
    h.control$.next({ type: 'pause', reason: 'sensorLost' });
    h.skipTo(30_000);
    h.control$.next({ type: 'resume', tMs: 30_000 });
    h.runUntil(30_000);
    expect(h.of('view').at(-1)?.o.view).toMatchObject({ segment: 'relax', step: 0, secondsLeft: 2, paused: null });
    h.runUntil(60_000);
    expect(
      h
        .cues()
        .filter((c) => c.kind === 'squeeze')
        .map((c) => c.tMs),
    ).toEqual([5000, 32_000, 40_000]);
  });

  it('a timestamp far ahead is not time passing: the countdown stands still over it', () => {
    const h = harness();
    h.runUntil(6000);
    h.skipTo(3_606_000);
    h.runUntil(3_607_000);
    // One second after the jump the first squeeze (5–9 s) has 2 s left, not an hour gone.
    expect(h.of('view').at(-1)?.o.view).toMatchObject({ segment: 'squeeze', step: 0, secondsLeft: 2 });
    expect(h.of('result')).toEqual([]);
  });
});

describe('assessments through the detection pipeline (virtual time)', () => {
  it('the MVC test measures the best unstrained squeeze', () => {
    const stream = createStream(21, { mvcCmH2O: 40, freePractice: false });
    stream.idle(3000);
    const run = stream.run('mvc', getProgram('mvc').defaults);
    expect(run.summary?.session.repsDone).toBe(3);
    // The virtual user squeezes at 82–100 % of its true 40 cmH2O.
    expect(run.summary?.measuredMvcCmH2O).toBeGreaterThan(0.82 * 40);
    expect(run.summary?.measuredMvcCmH2O).toBeLessThan(1.1 * 40);
  });

  it('PERFECT: holds the endurance squeeze 10 s, repeats it 10 times and does 10 fast squeezes', () => {
    const stream = createStream(22, { mvcCmH2O: 35, freePractice: false });
    stream.idle(3000);
    const run = stream.run('perfect', getProgram('perfect').defaults);
    const perfect = run.summary?.perfect;
    expect(perfect?.powerCmH2O).toBeGreaterThan(0.8 * 35);
    // Its power squeeze is maximal: the next training is scored against it.
    expect(run.summary?.measuredMvcCmH2O).toBe(perfect?.powerCmH2O);
    // The virtual user holds what it is asked (95–105 %), so E is 9 or 10 s.
    expect(perfect?.enduranceS).toBeGreaterThanOrEqual(9);
    expect(perfect?.repetitions).toBe(10);
    expect(perfect?.fast).toBe(10);
    // The repetitions were asked to hold what the endurance squeeze held.
    const repetition = run.cues.find((c) => c.kind === 'squeeze' && c.step === 2);
    expect(repetition?.kind === 'squeeze' && repetition.holdMs).toBe((perfect?.enduranceS ?? 0) * 1000);
  });

  it('PERFECT: a squeeze done by bearing down counts for nothing in the profile', () => {
    // Steps: 0 power, 1 endurance, 2–11 repetitions, 12–21 fast. Strained: the endurance squeeze,
    // the fourth repetition and the second fast squeeze.
    const stream = createStream(23, { mvcCmH2O: 35, freePractice: false, mistakes: { 1: 'straining', 5: 'straining', 13: 'straining' } });
    stream.idle(3000);
    const run = stream.run('perfect', getProgram('perfect').defaults);
    const strained = run.results.flatMap((r) => (r.kind === 'rep' && r.rep.straining === true ? [r.rep.cueIndex] : []));
    expect(strained).toEqual([1, 5, 13]);
    const perfect = run.summary?.perfect;
    expect(perfect?.powerCmH2O).toBeGreaterThan(0.8 * 35);
    expect(perfect?.enduranceS).toBe(0);
    expect(perfect?.repetitions).toBe(3);
    expect(perfect?.fast).toBe(9);
    // The repetitions were still asked to hold what the endurance squeeze held.
    const repetition = run.cues.find((c) => c.kind === 'squeeze' && c.step === 2);
    expect(repetition?.kind === 'squeeze' && repetition.holdMs).toBeGreaterThanOrEqual(9000);
  });
});
