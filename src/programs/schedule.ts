/**
 * The timetable of a running program, on stream time:
 *
 *   lead-in ─▶ squeeze(k) ─hold─▶ relax(k) ─rest─▶ squeeze(k+1) … ─▶ done
 *
 * In the Knack the hold has two parts: squeeze(k) ─coughAtMs─▶ cough(k) ─rest of the hold─▶ relax(k).
 *
 * Each segment's end is planned from the last one's planned end, so cues never drift. A pause
 * freezes the countdown: when it ends, every planned time moves on by the pause's length.
 */
import type { PlanStep } from './types';

export type Segment = 'leadIn' | 'squeeze' | 'cough' | 'relax' | 'done';

/** Squeezing (the cough of the Knack is said while the squeeze is held). */
export function isHolding(segment: Segment): boolean {
  return segment === 'squeeze' || segment === 'cough';
}

export type Transition =
  | { readonly to: 'squeeze'; readonly stepIdx: number; readonly atMs: number; readonly boundaryMs: number }
  | { readonly to: 'cough'; readonly stepIdx: number; readonly atMs: number }
  | { readonly to: 'relax'; readonly stepIdx: number; readonly atMs: number }
  | { readonly to: 'done'; readonly atMs: number };

export class Schedule {
  segment: Segment = 'leadIn';
  stepIdx = -1;
  /** Planned end of the current segment. */
  endMs = Number.NaN;

  constructor(
    private readonly stepCount: number,
    /** Hold and rest of step k (resolved when it begins: PERFECT repetitions depend on earlier reps). */
    private readonly stepAt: (k: number) => PlanStep,
  ) {}

  begin(tMs: number, leadInMs: number): void {
    this.endMs = tMs + leadInMs;
  }

  /** Every segment boundary passed by `nowMs`, in order. */
  advance(nowMs: number, onTransition: (t: Transition) => void): void {
    while (this.segment !== 'done' && nowMs >= this.endMs) {
      const boundary = this.endMs;
      const coughAt = this.segment === 'squeeze' ? this.stepAt(this.stepIdx).coughAtMs : undefined;
      if (coughAt !== undefined) {
        this.segment = 'cough';
        this.endMs = boundary + this.stepAt(this.stepIdx).holdMs - coughAt;
        onTransition({ to: 'cough', stepIdx: this.stepIdx, atMs: nowMs });
        continue;
      }
      if (isHolding(this.segment)) {
        this.segment = 'relax';
        this.endMs = boundary + this.stepAt(this.stepIdx).restMs;
        onTransition({ to: 'relax', stepIdx: this.stepIdx, atMs: nowMs });
        continue;
      }
      this.stepIdx++;
      if (this.stepIdx >= this.stepCount) {
        this.segment = 'done';
        onTransition({ to: 'done', atMs: nowMs });
        return;
      }
      this.segment = 'squeeze';
      // stepAt may resolve the step now; the transition handler reads the same resolution.
      onTransition({ to: 'squeeze', stepIdx: this.stepIdx, atMs: nowMs, boundaryMs: boundary });
      const step = this.stepAt(this.stepIdx);
      this.endMs = boundary + (step.coughAtMs ?? step.holdMs);
    }
  }

  /** A squeeze cut short by an outage: its rest starts now, in full. */
  relaxNow(nowMs: number): void {
    this.segment = 'relax';
    this.endMs = nowMs + this.stepAt(this.stepIdx).restMs;
  }

  shift(ms: number): void {
    this.endMs += ms;
  }

  secondsLeft(nowMs: number): number {
    return this.segment === 'done' ? 0 : Math.max(0, Math.ceil((this.endMs - nowMs) / 1000));
  }
}
