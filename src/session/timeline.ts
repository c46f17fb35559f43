/**
 * Keeps stream time honest. A device's timestamps may jump (a reset, a corrupt packet, a clock
 * that wrapped): one packet stamped an hour ahead must not end a set, and one stamped in the past
 * must not stop it. Stream time may run ahead of the wall clock only by a little jitter; a
 * timestamp outside that is re-based to continue from the last good one plus the time that
 * really passed. Rewrites the batch in place: no allocation per sample.
 */
import type { SampleBatch } from '../pipeline/types';

/** Stream time may run this far ahead of the time that really passed (packet bursts), ms. */
const AHEAD_TOLERANCE_MS = 1000;
/** Timestamps this far behind the last one are a jump back, not jitter, ms. */
const BEHIND_TOLERANCE_MS = 50;

export class StreamTimeline {
  private offsetMs = 0;
  private lastMs = Number.NaN;
  private lastArrivalMs = Number.NaN;
  /** How many times a timestamp had to be re-based. */
  jumps = 0;

  /** Admits a batch that arrived at `arrivalMs` (wall clock, ms); its times are corrected in place. */
  admit(batch: SampleBatch, arrivalMs: number): void {
    const t = batch.t;
    const elapsed = Number.isNaN(this.lastArrivalMs) ? 0 : Math.max(0, arrivalMs - this.lastArrivalMs);
    const latest = this.lastMs + elapsed + AHEAD_TOLERANCE_MS;
    for (let i = 0; i < t.length; i++) {
      let x = t[i] + this.offsetMs;
      if (!Number.isFinite(x)) x = Number.NaN;
      if (!Number.isNaN(this.lastMs) && (Number.isNaN(x) || x > latest || x < this.lastMs - BEHIND_TOLERANCE_MS)) {
        // Continue from the last good time plus what really passed (at least a tick).
        const target = this.lastMs + Math.max(elapsed, 1);
        this.offsetMs = Number.isFinite(t[i]) ? target - t[i] : this.offsetMs;
        x = target;
        this.jumps++;
      }
      if (Number.isNaN(this.lastMs) && Number.isNaN(x)) x = 0;
      t[i] = x;
      this.lastMs = Number.isNaN(this.lastMs) ? x : Math.max(this.lastMs, x);
    }
    this.lastArrivalMs = arrivalMs;
  }
}
