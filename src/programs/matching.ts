/**
 * Which squeeze cue a live rep answers: the cues given so far, the onsets still waiting for
 * their rep, and the cues whose window closed unanswered (missed) or was cut by a sensor outage.
 * Times are stream times.
 */
import { cueIndexFor, type CueContext } from './scoring';
import type { PlanStep } from './types';

/** A squeeze cue with no onset by this long after its window closed was missed, ms. */
export const MISSED_GRACE_MS = 2000;

export interface GivenCue {
  readonly index: number;
  readonly step: PlanStep;
  readonly squeezeMs: number;
  relaxMs: number | null;
  /** The Knack's cough cue, once given. */
  coughMs: number | null;
  plannedRelaxMs: number;
  plannedNextMs: number;
  nextMs: number | null;
  /** Answered by a rep, missed, or cut by an outage: either way it has its result. */
  resolved: boolean;
  answered: boolean;
  /** The sensor was lost while its squeeze was under way: with no rep for it, it was cut, not missed. */
  lostDuring: boolean;
}

export class CueBook {
  readonly cues: GivenCue[] = [];
  /** Pipeline rep index → squeeze cue, for onsets whose rep has not ended yet. */
  private readonly pending = new Map<number, number>();

  get last(): GivenCue | undefined {
    return this.cues[this.cues.length - 1];
  }

  give(cue: GivenCue): void {
    const previous = this.last;
    if (previous) previous.nextMs = cue.squeezeMs;
    this.cues.push(cue);
  }

  contexts(): CueContext[] {
    return this.cues.map((c) => ({
      cueIndex: c.index,
      squeezeMs: c.squeezeMs,
      relaxMs: c.relaxMs ?? c.plannedRelaxMs,
      coughMs: c.coughMs,
      deadlineMs: c.nextMs ?? c.plannedNextMs,
    }));
  }

  onset(repIndex: number, onsetMs: number): void {
    const k = cueIndexFor(this.contexts(), onsetMs);
    if (k !== null) this.pending.set(repIndex, k);
  }

  cancel(repIndex: number): void {
    this.pending.delete(repIndex);
  }

  /** The cue a finished rep answers (by its onset, else by the onset announced for it). */
  cueForRep(repIndex: number, onsetMs: number): number | null {
    const k = cueIndexFor(this.contexts(), onsetMs) ?? this.pending.get(repIndex) ?? null;
    this.pending.delete(repIndex);
    return k;
  }

  /** An onset was announced for this cue and its rep has not ended yet. */
  isWaiting(cue: GivenCue): boolean {
    const k = this.cues.indexOf(cue);
    for (const v of this.pending.values()) if (v === k) return true;
    return false;
  }

  /** Cues whose window has closed (plus grace) with no onset pending for them. */
  *overdue(nowMs: number, scheduleDone: boolean): Generator<GivenCue> {
    for (let k = 0; k < this.cues.length; k++) {
      const c = this.cues[k];
      if (c.resolved || this.isWaiting(c)) continue;
      const closes = c.nextMs ?? (scheduleDone ? c.plannedNextMs : Number.NaN);
      if (nowMs >= closes + MISSED_GRACE_MS) yield c;
    }
  }

  /** A pause of `ms` at `atMs`: windows still open then close that much later. */
  shift(atMs: number, ms: number): void {
    for (const c of this.cues) {
      if (c.relaxMs === null && c.plannedRelaxMs >= atMs) c.plannedRelaxMs += ms;
      if (c.nextMs === null && c.plannedNextMs >= atMs) c.plannedNextMs += ms;
    }
  }

  allResolved(): boolean {
    return this.cues.every((c) => c.resolved);
  }
}
