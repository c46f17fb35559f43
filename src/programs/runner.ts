/**
 * The program runner: a state machine driven by the sample stream (its clock is stream time,
 * the time of the newest sample, never the wall clock), so a session replays identically in
 * virtual time. It gives the cues (schedule.ts), matches the pipeline's rep events to them
 * (matching.ts), scores each rep the moment its event arrives, and sums up sets and the session
 * (summary.ts). No React.
 *
 * When the samples stop (a link drop, a silent device), the session pauses it: the countdown
 * stops and nothing is judged on the gap. A squeeze under way is cut (kept, measured up to the
 * gap); when samples flow again the program goes on from the same step.
 */
import { NEVER, Observable, filter, map, merge } from 'rxjs';
import { countsTowardMvc } from '../pipeline/calibration';
import { restingBandCmH2O } from '../pipeline/measures';
import type { CueKind, RepEvent, RepMeasures, SampleBatch } from '../pipeline/types';
import { CueBook, type GivenCue } from './matching';
import { judgedFaults, planSteps, resolveStep, rulesForStep, stepPositions, type StepPosition } from './plan';
import { Schedule, isHolding, type Segment, type Transition } from './schedule';
import { scoreRep } from './scoring';
import { mvcFromTest, perfectEnduranceS, perfectProfile, summarize } from './summary';
import type { BlockSummary, Effort, MvcValue, PhaseId, PlanStep, ProgramCue, ProgramDef, ProgramParams, RepResult, SessionSummary } from './types';

/** Time to settle before the first squeeze (the pipeline also learns the resting level), ms. */
export const LEAD_IN_MS = 5000;
/** After the last rest, wait at most this long for reps still under way, ms. */
const END_GRACE_MS = 4000;
/**
 * Stream time that jumps further than this between two batches is an outage the session did not
 * report (or a bad timestamp): the countdown stands still over it, never runs through it, ms.
 */
const MAX_TICK_STEP_MS = 2000;

/** Why a program stands still. */
export type PauseReason = 'sensorLost' | 'user';

export interface RunnerOptions {
  readonly program: ProgramDef;
  readonly params: ProgramParams;
  readonly samples$: Observable<SampleBatch>;
  readonly repEvents$: Observable<RepEvent>;
  /** Any emission stops the session early (it still ends with a summary). */
  readonly stop$?: Observable<unknown>;
  /** Pauses and resumes, at stream times. */
  readonly control$?: Observable<RunnerControl>;
  /** From an MVC test; null: estimated as the session goes (best squeeze so far that counts). */
  readonly mvc: MvcValue | null;
  readonly recordCue: (tMs: number, kind: CueKind) => void;
  readonly leadInMs?: number;
  /** Continue an interrupted session: skip the steps already done (their results are not redone). */
  readonly fromStep?: number;
}

export type RunnerControl = { readonly type: 'pause'; readonly reason: PauseReason } | { readonly type: 'resume'; readonly tMs: number };

/** What a cue display needs, emitted when any of it changes (at most once a second while idle). */
export interface RunnerView {
  readonly segment: Segment;
  /** Current squeeze, 0-based (−1 in the lead-in). */
  readonly step: number;
  readonly steps: number;
  readonly set: number;
  readonly sets: number;
  readonly repInSet: number;
  readonly repsInSet: number;
  readonly phase: PhaseId;
  /** The squeeze within its phase, 0-based (PERFECT: 1 of 10 repetitions; training: as repInSet). */
  readonly repInPhase: number;
  readonly repsInPhase: number;
  readonly effort: Effort;
  readonly secondsLeft: number;
  readonly mvc: MvcValue | null;
  /** Why the program stands still; null while it runs. */
  readonly paused: PauseReason | null;
}

export type RunnerOutput =
  | { readonly type: 'cue'; readonly cue: ProgramCue }
  | { readonly type: 'view'; readonly view: RunnerView }
  | { readonly type: 'result'; readonly result: RepResult }
  | { readonly type: 'set'; readonly set: number; readonly summary: BlockSummary }
  | { readonly type: 'summary'; readonly summary: SessionSummary };

type Input = { readonly type: 'tick'; readonly tMs: number } | { readonly type: 'event'; readonly event: RepEvent } | RunnerControl | { readonly type: 'stop' };

export class ProgramMachine {
  private readonly steps: readonly PlanStep[];
  private readonly positions: readonly StepPosition[];
  private readonly setCount: number;
  private readonly leadInMs: number;
  private readonly schedule: Schedule;
  private readonly book = new CueBook();
  private nowMs = Number.NaN;
  private readonly results: RepResult[] = [];
  private readonly setsReported = new Set<number>();
  private estimate: number | null = null;
  private paused: { atMs: number; reason: PauseReason } | null = null;
  private lastView = '';
  private out: RunnerOutput[] = [];
  finished = false;

  constructor(private readonly o: Omit<RunnerOptions, 'samples$' | 'repEvents$' | 'stop$' | 'control$'>) {
    this.steps = planSteps(o.program, o.params);
    this.positions = stepPositions(this.steps);
    this.setCount = Math.max(...this.steps.map((s) => s.set)) + 1;
    this.leadInMs = o.leadInMs ?? LEAD_IN_MS;
    this.schedule = new Schedule(this.steps.length, (k) => this.book.cues.find((c) => c.index === k)?.step ?? this.steps[k]);
    // Continuing: the steps already done are behind us; their sets are not reported again.
    if (o.fromStep !== undefined && o.fromStep > 0) {
      this.schedule.stepIdx = Math.min(o.fromStep, this.steps.length) - 1;
      for (let s = 0; s < this.steps[Math.min(o.fromStep, this.steps.length - 1)].set; s++) this.setsReported.add(s);
    }
  }

  handle(input: Input): RunnerOutput[] {
    this.out = [];
    if (this.finished) return this.out;
    switch (input.type) {
      case 'tick':
        this.tick(input.tMs);
        break;
      case 'event':
        this.onEvent(input.event);
        break;
      case 'pause':
        this.pause(input.reason);
        break;
      case 'resume':
        this.resume(input.tMs);
        break;
      case 'stop':
        this.finish(false);
        break;
    }
    return this.out;
  }

  private get mvc(): MvcValue | null {
    return this.o.mvc ?? (this.estimate === null ? null : { cmH2O: this.estimate, source: 'estimate' });
  }

  private tick(t: number): void {
    if (Number.isNaN(this.nowMs)) {
      this.nowMs = t;
      this.schedule.begin(t, this.leadInMs);
      this.emit({ type: 'cue', cue: { kind: 'start', tMs: t, leadInMs: this.leadInMs } });
    }
    // Paused, or time going backwards: the countdown stands still.
    if (this.paused !== null || t <= this.nowMs) return;
    if (t - this.nowMs > MAX_TICK_STEP_MS) this.shift(this.nowMs, t - this.nowMs);
    this.nowMs = t;
    this.schedule.advance(t, (tr) => this.onTransition(tr));
    this.resolveOverdue();
    const done = this.schedule.segment === 'done';
    if (done && (this.book.allResolved() || this.nowMs >= this.schedule.endMs + END_GRACE_MS)) this.finish(true);
    else this.emitView();
  }

  private onTransition(tr: Transition): void {
    if (tr.to === 'relax') {
      const cue = this.book.cues[this.book.cues.length - 1];
      this.relax(cue, tr.atMs);
      return;
    }
    if (tr.to === 'cough') {
      const cue = this.book.cues[this.book.cues.length - 1];
      cue.coughMs = tr.atMs;
      this.o.recordCue(tr.atMs, 'cough');
      this.emit({ type: 'cue', cue: { kind: 'cough', tMs: tr.atMs, step: cue.index } });
      return;
    }
    if (tr.to === 'done') {
      this.emit({ type: 'cue', cue: { kind: 'end', tMs: tr.atMs, completed: true } });
      return;
    }
    const step = resolveStep(this.steps[tr.stepIdx], perfectEnduranceS(this.results));
    this.book.give({
      index: tr.stepIdx,
      step,
      squeezeMs: tr.atMs,
      relaxMs: null,
      coughMs: null,
      plannedRelaxMs: tr.boundaryMs + step.holdMs,
      plannedNextMs: tr.boundaryMs + step.holdMs + step.restMs,
      nextMs: null,
      resolved: false,
      answered: false,
      lostDuring: false,
    });
    this.o.recordCue(tr.atMs, 'squeeze');
    const rules = rulesForStep(this.o.program, step);
    this.emit({
      type: 'cue',
      cue: {
        kind: 'squeeze',
        tMs: tr.atMs,
        step: tr.stepIdx,
        holdMs: step.holdMs,
        restMs: step.restMs,
        effort: step.effort,
        flicks: step.flicks,
        judged: judgedFaults(rules),
        assessment: this.o.program.kind === 'assessment',
        ...(step.coughAtMs === undefined ? {} : { coughAtMs: step.coughAtMs }),
      },
    });
  }

  private relax(cue: GivenCue, tMs: number): void {
    cue.relaxMs = tMs;
    cue.plannedNextMs = Math.max(cue.plannedNextMs, tMs + (cue.plannedNextMs - cue.plannedRelaxMs));
    this.o.recordCue(tMs, 'relax');
    this.emit({ type: 'cue', cue: { kind: 'relax', tMs, step: cue.index, restMs: cue.step.restMs } });
  }

  private pause(reason: PauseReason): void {
    if (this.paused !== null || Number.isNaN(this.nowMs)) return;
    this.paused = { atMs: this.nowMs, reason };
    // A squeeze under way at the drop that no rep answered (or will: no onset is pending) is cut;
    // one with an onset pending is cut too if that onset comes to nothing (markMissed).
    const cue = this.book.last;
    if (reason === 'sensorLost' && isHolding(this.schedule.segment) && cue && !cue.resolved) {
      cue.lostDuring = true;
      if (!this.book.isWaiting(cue)) this.markCut(cue);
    }
    this.emitView();
  }

  private resume(tMs: number): void {
    const paused = this.paused;
    if (paused === null) return;
    this.paused = null;
    const t = Math.max(tMs, this.nowMs);
    this.shift(paused.atMs, t - paused.atMs);
    this.nowMs = t;
    // A hold cannot be picked up half-way: after an outage in a squeeze, its rest comes first.
    if (paused.reason === 'sensorLost' && isHolding(this.schedule.segment)) {
      const cue = this.book.last;
      this.schedule.relaxNow(t);
      if (cue) this.relax(cue, t);
    }
    this.emitView();
  }

  /** The countdown stood still from `atMs` for `ms`: every planned time moves on by that much. */
  private shift(atMs: number, ms: number): void {
    if (ms <= 0) return;
    this.schedule.shift(ms);
    this.book.shift(atMs, ms);
  }

  private onEvent(e: RepEvent): void {
    if (e.type === 'onset') this.book.onset(e.index, e.onsetMs);
    else if (e.type === 'cancel') this.book.cancel(e.index);
    else if (e.type === 'rep') this.onRep(e.rep);
  }

  private onRep(rep: RepMeasures): void {
    const k = this.book.cueForRep(rep.index, rep.onsetMs);
    if (k === null) return;
    const cue = this.book.cues[k];
    if (rep.cut) {
      // Measured up to the gap: kept and shown, never judged on what the sensor did not see.
      if (!cue.resolved) this.resolve(cue, { kind: 'cut', set: cue.step.set, phase: cue.step.phase, cueIndex: cue.index, cueMs: cue.squeezeMs, rep });
      return;
    }
    // While paused nothing is judged (a user pause: the squeezes are not part of the set).
    if (this.paused !== null) return;
    const role = cue.resolved ? 'extra' : 'cued';
    cue.answered = true;
    const mvcCmH2O = this.mvc?.cmH2O ?? null;
    const contexts = this.book.contexts();
    const scored = scoreRep(rep, {
      role,
      cue: contexts[k],
      rules: rulesForStep(this.o.program, cue.step),
      mvcCmH2O,
      restBandCmH2O: restingBandCmH2O(mvcCmH2O),
      recatch: this.o.program.id === 'endurance',
    });
    // The estimate follows the reps that count (a strained peak is abdominal pressure, a flick is not strength).
    if (this.o.mvc === null && countsTowardMvc(rep)) this.estimate = Math.max(this.estimate ?? 0, rep.peakCmH2O);
    this.resolve(cue, { kind: 'rep', set: cue.step.set, phase: cue.step.phase, rep: scored });
  }

  /** A cue is missed once its window has closed (plus grace) with no onset pending for it. */
  private resolveOverdue(): void {
    for (const c of this.book.overdue(this.nowMs, this.schedule.segment === 'done')) this.markMissed(c);
  }

  private markMissed(c: GivenCue): void {
    if (c.lostDuring) this.markCut(c);
    else this.resolve(c, { kind: 'missed', set: c.step.set, phase: c.step.phase, cueIndex: c.index, cueMs: c.squeezeMs });
  }

  /** The sensor was lost during the squeeze and no rep came of it: not the user's miss. */
  private markCut(c: GivenCue): void {
    this.resolve(c, this.cutResult(c));
  }

  private cutResult(c: GivenCue): RepResult & { kind: 'cut' } {
    return { kind: 'cut', set: c.step.set, phase: c.step.phase, cueIndex: c.index, cueMs: c.squeezeMs, rep: null };
  }

  private resolve(cue: GivenCue, result: RepResult): void {
    cue.resolved = true;
    this.results.push(result);
    this.emit({ type: 'result', result });
    this.reportFinishedSets(false);
  }

  /** A set is reported once all its squeezes were given and each has its result. */
  private reportFinishedSets(force: boolean): void {
    for (let set = 0; set < this.setCount; set++) {
      if (this.setsReported.has(set)) continue;
      const planned = this.steps.filter((s) => s.set === set).length;
      const given = this.book.cues.filter((c) => c.step.set === set);
      if (given.length === 0 || (!force && (given.length < planned || !given.every((c) => c.resolved)))) continue;
      this.setsReported.add(set);
      this.emit({ type: 'set', set, summary: summarize(this.resultsOfSet(set), this.mvc?.cmH2O ?? null) });
    }
  }

  private resultsOfSet(set: number): RepResult[] {
    return this.results.filter((r) => r.set === set);
  }

  private finish(completed: boolean): void {
    const t = Number.isNaN(this.nowMs) ? 0 : this.nowMs;
    if (!completed) this.emit({ type: 'cue', cue: { kind: 'end', tMs: t, completed: false } });
    // Squeezes still under way (or never relaxed) when the set ends count as missed; when the user
    // stopped it, one whose relax cue had not come or whose rep had begun was cut short by Stop.
    for (const c of this.book.cues) {
      if (c.resolved) continue;
      if (!completed && (c.relaxMs === null || this.book.isWaiting(c))) this.resolve(c, { ...this.cutResult(c), stopped: true });
      else this.markMissed(c);
    }
    this.reportFinishedSets(true);
    this.schedule.segment = 'done';
    const mvc = this.mvc;
    const sets = [...this.setsReported]
      .filter((s) => this.resultsOfSet(s).length > 0)
      .sort((a, b) => a - b)
      .map((s) => summarize(this.resultsOfSet(s), mvc?.cmH2O ?? null));
    const perfect = this.o.program.id === 'perfect' ? perfectProfile(this.results) : null;
    this.emit({
      type: 'summary',
      summary: {
        programId: this.o.program.id,
        params: this.o.params,
        ...(this.o.fromStep ? { fromStep: this.o.fromStep } : {}),
        completed,
        sets,
        session: summarize(this.results, mvc?.cmH2O ?? null),
        mvc,
        // PERFECT's power squeeze is a maximal squeeze too: training is scored against it, as
        // against the strength test's best.
        measuredMvcCmH2O: this.o.program.id === 'mvc' ? mvcFromTest(this.results) : (perfect?.powerCmH2O ?? null),
        perfect,
      },
    });
    this.finished = true;
  }

  private emitView(): void {
    const stepIdx = this.schedule.stepIdx;
    const last = this.book.last;
    // Before the first cue (also of a set continued from a later step) it shows the step to come.
    const idx = last?.index ?? Math.max(0, Math.min(stepIdx + 1, this.steps.length - 1));
    const current = last?.step ?? this.steps[idx];
    const pos = this.positions[idx];
    const view: RunnerView = {
      segment: this.schedule.segment,
      step: stepIdx,
      steps: this.steps.length,
      set: current.set,
      sets: this.setCount,
      repInSet: current.repInSet,
      repsInSet: pos.repsInSet,
      phase: current.phase,
      repInPhase: pos.repInPhase,
      repsInPhase: pos.repsInPhase,
      effort: current.effort,
      secondsLeft: this.schedule.secondsLeft(this.nowMs),
      mvc: this.mvc,
      paused: this.paused?.reason ?? null,
    };
    const key = JSON.stringify(view);
    if (key === this.lastView) return;
    this.lastView = key;
    this.emit({ type: 'view', view });
  }

  private emit(o: RunnerOutput): void {
    this.out.push(o);
  }
}

/**
 * Runs one session. Cold: nothing happens until subscribed; unsubscribing abandons the session
 * without a summary, `stop$` ends it with one. Completes after the summary.
 */
export function runProgram(o: RunnerOptions): Observable<RunnerOutput> {
  return new Observable<RunnerOutput>((subscriber) => {
    const machine = new ProgramMachine(o);
    const inputs = merge(
      o.samples$.pipe(
        filter((b) => b.t.length > 0),
        map((b): Input => ({ type: 'tick', tMs: b.t[b.t.length - 1] })),
      ),
      o.repEvents$.pipe(map((event): Input => ({ type: 'event', event }))),
      o.control$ ?? NEVER,
      (o.stop$ ?? NEVER).pipe(map((): Input => ({ type: 'stop' }))),
    );
    return inputs.subscribe({
      next: (input) => {
        for (const out of machine.handle(input)) subscriber.next(out);
        if (machine.finished) subscriber.complete();
      },
      error: (err: unknown) => subscriber.error(err),
    });
  });
}
