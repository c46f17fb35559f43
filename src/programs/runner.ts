/**
 * The program runner: a state machine driven by the sample stream (its clock is stream time,
 * the time of the newest sample, never the wall clock), so a session replays identically in
 * virtual time. It gives the cues, records them, matches the pipeline's rep events to them,
 * scores each rep the moment its event arrives, and sums up sets and the session. No React.
 *
 *   lead-in ─▶ squeeze(k) ─hold─▶ relax(k) ─rest─▶ squeeze(k+1) … ─▶ done ─results in─▶ summary
 */
import { NEVER, Observable, filter, map, merge } from 'rxjs';
import { countsTowardMvc } from '../pipeline/calibration';
import { restingBandCmH2O } from '../pipeline/measures';
import type { CueKind, RepEvent, RepMeasures, SampleBatch } from '../pipeline/types';
import { judgedFaults, planSteps, resolveStep, rulesForStep } from './plan';
import { cueIndexFor, scoreRep, type CueContext } from './scoring';
import { mvcFromTest, perfectEnduranceS, perfectProfile, summarize } from './summary';
import type { Effort, MvcValue, PhaseId, PlanStep, ProgramCue, ProgramDef, ProgramParams, RepResult, SessionSummary, BlockSummary } from './types';

/** Time to settle before the first squeeze (the pipeline also learns the resting level), ms. */
export const LEAD_IN_MS = 5000;
/** A squeeze cue with no onset by this long after its window closed was missed, ms. */
const MISSED_GRACE_MS = 2000;
/** After the last rest, wait at most this long for reps still under way, ms. */
const END_GRACE_MS = 4000;

export interface RunnerOptions {
  readonly program: ProgramDef;
  readonly params: ProgramParams;
  readonly samples$: Observable<SampleBatch>;
  readonly repEvents$: Observable<RepEvent>;
  /** Any emission stops the session early (it still ends with a summary). */
  readonly stop$?: Observable<unknown>;
  /** From an MVC test; null: estimated as the session goes (best squeeze so far that counts). */
  readonly mvc: MvcValue | null;
  readonly recordCue: (tMs: number, kind: CueKind) => void;
  readonly leadInMs?: number;
}

/** What a cue display needs, emitted when any of it changes (at most once a second while idle). */
export interface RunnerView {
  readonly segment: 'leadIn' | 'squeeze' | 'relax' | 'done';
  /** Current squeeze, 0-based (−1 in the lead-in). */
  readonly step: number;
  readonly steps: number;
  readonly set: number;
  readonly sets: number;
  readonly repInSet: number;
  readonly repsInSet: number;
  readonly phase: PhaseId;
  readonly effort: Effort;
  readonly secondsLeft: number;
  readonly mvc: MvcValue | null;
}

export type RunnerOutput =
  | { readonly type: 'cue'; readonly cue: ProgramCue }
  | { readonly type: 'view'; readonly view: RunnerView }
  | { readonly type: 'result'; readonly result: RepResult }
  | { readonly type: 'set'; readonly set: number; readonly summary: BlockSummary }
  | { readonly type: 'summary'; readonly summary: SessionSummary };

type Input = { readonly type: 'tick'; readonly tMs: number } | { readonly type: 'event'; readonly event: RepEvent } | { readonly type: 'stop' };

interface GivenCue {
  readonly index: number;
  readonly step: PlanStep;
  readonly squeezeMs: number;
  relaxMs: number | null;
  readonly plannedRelaxMs: number;
  readonly plannedNextMs: number;
  nextMs: number | null;
  answered: boolean;
  missed: boolean;
}

class ProgramMachine {
  private readonly steps: readonly PlanStep[];
  private readonly setCount: number;
  private readonly leadInMs: number;
  private segment: RunnerView['segment'] = 'leadIn';
  private stepIdx = -1;
  /** Planned end of the current segment; the next one is planned from it, so cues never drift. */
  private segEndMs = Number.NaN;
  private nowMs = Number.NaN;
  private readonly cues: GivenCue[] = [];
  /** Pipeline rep index → squeeze cue, for onsets whose rep has not ended yet. */
  private readonly pending = new Map<number, number>();
  private readonly results: RepResult[] = [];
  private readonly setsReported = new Set<number>();
  private estimate: number | null = null;
  private lastView = '';
  private out: RunnerOutput[] = [];
  finished = false;

  constructor(private readonly o: RunnerOptions) {
    this.steps = planSteps(o.program, o.params);
    this.setCount = Math.max(...this.steps.map((s) => s.set)) + 1;
    this.leadInMs = o.leadInMs ?? LEAD_IN_MS;
  }

  handle(input: Input): RunnerOutput[] {
    this.out = [];
    if (this.finished) return this.out;
    if (input.type === 'tick') this.tick(input.tMs);
    else if (input.type === 'event') this.onEvent(input.event);
    else this.finish(false);
    return this.out;
  }

  private get mvc(): MvcValue | null {
    return this.o.mvc ?? (this.estimate === null ? null : { cmH2O: this.estimate, source: 'estimate' });
  }

  private tick(t: number): void {
    if (Number.isNaN(this.nowMs)) {
      this.segEndMs = t + this.leadInMs;
      this.emit({ type: 'cue', cue: { kind: 'start', tMs: t, leadInMs: this.leadInMs } });
    }
    this.nowMs = Math.max(t, Number.isNaN(this.nowMs) ? t : this.nowMs);
    while (this.segment !== 'done' && this.nowMs >= this.segEndMs) this.advance();
    this.resolveMissed();
    if (this.segment === 'done' && (this.allResolved() || this.nowMs >= this.segEndMs + END_GRACE_MS)) this.finish(true);
    else this.emitView();
  }

  private advance(): void {
    const t = this.nowMs;
    const boundary = this.segEndMs;
    if (this.segment === 'squeeze') {
      const cue = this.cues[this.cues.length - 1];
      cue.relaxMs = t;
      this.o.recordCue(t, 'relax');
      this.segment = 'relax';
      this.segEndMs = boundary + cue.step.restMs;
      this.emit({ type: 'cue', cue: { kind: 'relax', tMs: t, step: cue.index, restMs: cue.step.restMs } });
      return;
    }
    this.stepIdx++;
    if (this.stepIdx >= this.steps.length) {
      this.segment = 'done';
      this.emit({ type: 'cue', cue: { kind: 'end', tMs: t, completed: true } });
      return;
    }
    const step = resolveStep(this.steps[this.stepIdx], perfectEnduranceS(this.results));
    const previous = this.cues[this.cues.length - 1];
    if (previous) previous.nextMs = t;
    this.cues.push({
      index: this.stepIdx,
      step,
      squeezeMs: t,
      relaxMs: null,
      plannedRelaxMs: boundary + step.holdMs,
      plannedNextMs: boundary + step.holdMs + step.restMs,
      nextMs: null,
      answered: false,
      missed: false,
    });
    this.o.recordCue(t, 'squeeze');
    this.segment = 'squeeze';
    this.segEndMs = boundary + step.holdMs;
    const rules = rulesForStep(this.o.program, step);
    this.emit({
      type: 'cue',
      cue: {
        kind: 'squeeze',
        tMs: t,
        step: this.stepIdx,
        holdMs: step.holdMs,
        restMs: step.restMs,
        effort: step.effort,
        flicks: step.flicks,
        judged: judgedFaults(rules),
        assessment: this.o.program.kind === 'assessment',
      },
    });
  }

  private contexts(): CueContext[] {
    return this.cues.map((c) => ({
      cueIndex: c.index,
      squeezeMs: c.squeezeMs,
      relaxMs: c.relaxMs ?? c.plannedRelaxMs,
      deadlineMs: c.nextMs ?? c.plannedNextMs,
    }));
  }

  private onEvent(e: RepEvent): void {
    if (e.type === 'onset') {
      const k = cueIndexFor(this.contexts(), e.onsetMs);
      if (k !== null) this.pending.set(e.index, k);
    } else if (e.type === 'cancel') {
      this.pending.delete(e.index);
    } else if (e.type === 'rep') {
      this.onRep(e.rep);
    }
  }

  private onRep(rep: RepMeasures): void {
    const contexts = this.contexts();
    const k = cueIndexFor(contexts, rep.onsetMs) ?? this.pending.get(rep.index) ?? null;
    this.pending.delete(rep.index);
    if (k === null) return;
    const cue = this.cues[k];
    const role = cue.answered || cue.missed ? 'extra' : 'cued';
    cue.answered = true;
    const mvcCmH2O = this.mvc?.cmH2O ?? null;
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
    this.push({ kind: 'rep', set: cue.step.set, phase: cue.step.phase, rep: scored });
  }

  /** A cue is missed once its window has closed (plus grace) with no onset pending for it. */
  private resolveMissed(): void {
    const waiting = new Set(this.pending.values());
    for (let k = 0; k < this.cues.length; k++) {
      const c = this.cues[k];
      if (c.answered || c.missed || waiting.has(k)) continue;
      const closes = c.nextMs ?? (this.segment === 'done' ? c.plannedNextMs : Number.NaN);
      if (this.nowMs >= closes + MISSED_GRACE_MS) this.markMissed(c);
    }
  }

  private markMissed(c: GivenCue): void {
    c.missed = true;
    this.push({ kind: 'missed', set: c.step.set, phase: c.step.phase, cueIndex: c.index, cueMs: c.squeezeMs });
  }

  private allResolved(): boolean {
    return this.cues.every((c) => c.answered || c.missed);
  }

  private push(result: RepResult): void {
    this.results.push(result);
    this.emit({ type: 'result', result });
    this.reportFinishedSets(false);
  }

  /** A set is reported once all its squeezes were given and each was answered or missed. */
  private reportFinishedSets(force: boolean): void {
    for (let set = 0; set < this.setCount; set++) {
      if (this.setsReported.has(set)) continue;
      const planned = this.steps.filter((s) => s.set === set).length;
      const given = this.cues.filter((c) => c.step.set === set);
      if (given.length === 0 || (!force && (given.length < planned || !given.every((c) => c.answered || c.missed)))) continue;
      this.setsReported.add(set);
      this.emit({ type: 'set', set, summary: summarize(this.resultsOfSet(set), this.mvc?.cmH2O ?? null) });
    }
  }

  private resultsOfSet(set: number): RepResult[] {
    return this.results.filter((r) => r.set === set);
  }

  private finish(completed: boolean): void {
    if (!completed) this.emit({ type: 'cue', cue: { kind: 'end', tMs: Number.isNaN(this.nowMs) ? 0 : this.nowMs, completed: false } });
    // Squeezes still under way (or never relaxed) when the session ends count as missed.
    for (const c of this.cues) if (!c.answered && !c.missed) this.markMissed(c);
    this.reportFinishedSets(true);
    this.segment = 'done';
    const mvc = this.mvc;
    const sets = [...this.setsReported].sort((a, b) => a - b).map((s) => summarize(this.resultsOfSet(s), mvc?.cmH2O ?? null));
    this.emit({
      type: 'summary',
      summary: {
        programId: this.o.program.id,
        completed,
        sets,
        session: summarize(this.results, mvc?.cmH2O ?? null),
        mvc,
        measuredMvcCmH2O: this.o.program.id === 'mvc' ? mvcFromTest(this.results) : null,
        perfect: this.o.program.id === 'perfect' ? perfectProfile(this.results) : null,
      },
    });
    this.finished = true;
  }

  private emitView(): void {
    const step = this.steps[Math.max(0, this.stepIdx)];
    const current = this.cues[this.cues.length - 1]?.step ?? step;
    const view: RunnerView = {
      segment: this.segment,
      step: this.stepIdx,
      steps: this.steps.length,
      set: current.set,
      sets: this.setCount,
      repInSet: current.repInSet,
      repsInSet: this.steps.filter((s) => s.set === current.set).length,
      phase: current.phase,
      effort: current.effort,
      secondsLeft: this.segment === 'done' ? 0 : Math.max(0, Math.ceil((this.segEndMs - this.nowMs) / 1000)),
      mvc: this.mvc,
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
