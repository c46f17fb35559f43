/**
 * Replaying a recording through the live pipeline in virtual time. Each batch is delivered at
 * the stream time of its last sample, as a live device would deliver it, on an RxJS
 * VirtualTimeScheduler; every output is stamped with the virtual time it was emitted at. The
 * operators are synchronous, so an output can only depend on batches already delivered: there
 * is no look-ahead a live app would not have.
 */
import { Observable, VirtualTimeScheduler, type OperatorFunction } from 'rxjs';
import type { LinkGap, SampleBatch } from './types.ts';

export interface Stamped<T> {
  readonly value: T;
  /** Virtual stream time at which the pipeline emitted it, ms. */
  readonly atMs: number;
}

/**
 * Where the link was down during a recording, and who to tell: each gap is told (its end unknown,
 * as live) right after the last batch before it, at that batch's time, before the next arrives.
 */
export interface ReplayGaps {
  readonly gaps: readonly LinkGap[];
  readonly tell: (gap: LinkGap) => void;
}

export function replayInVirtualTime<T>(batches: readonly SampleBatch[], operator: OperatorFunction<SampleBatch, T>, linkGaps?: ReplayGaps): Stamped<T>[] {
  const scheduler = new VirtualTimeScheduler();
  const timed = batches.filter((b) => b.t.length > 0);
  const arrival = (i: number) => Math.max(0, timed[i].t[timed[i].t.length - 1]);
  const gaps = [...(linkGaps?.gaps ?? [])].sort((a, b) => a.fromMs - b.fromMs);
  let told = 0;
  const tellGapsBefore = (tMs: number) => {
    for (; told < gaps.length && gaps[told].fromMs < tMs; told++) linkGaps?.tell({ fromMs: gaps[told].fromMs, toMs: null });
  };
  const source = new Observable<SampleBatch>((subscriber) => {
    // Each delivery schedules the next one, so the scheduler's queue stays short.
    const deliver = (i = 0): void => {
      if (subscriber.closed) return;
      if (i >= timed.length) {
        subscriber.complete();
        return;
      }
      subscriber.next(timed[i]);
      tellGapsBefore(i + 1 < timed.length ? timed[i + 1].t[0] : Number.POSITIVE_INFINITY);
      const next = i + 1 < timed.length ? arrival(i + 1) : scheduler.now();
      scheduler.schedule(() => deliver(i + 1), Math.max(0, next - scheduler.now()));
    };
    scheduler.schedule(() => deliver(0), timed.length > 0 ? arrival(0) : 0);
  });
  const out: Stamped<T>[] = [];
  const failures: unknown[] = [];
  source.pipe(operator).subscribe({
    next: (value) => out.push({ value, atMs: scheduler.now() }),
    error: (err: unknown) => failures.push(err),
  });
  scheduler.flush();
  if (failures.length > 0) throw failures[0];
  return out;
}

/**
 * Cuts flat sample arrays into batches of at most `perBatch` samples (views, no copies). No batch
 * spans a link gap: the last sample before one ends a batch, as when a live link drops.
 */
export function toBatches(t: Float64Array, p: Float32Array, ref: Float32Array | null, perBatch = 8, gaps: readonly LinkGap[] = []): SampleBatch[] {
  const batches: SampleBatch[] = [];
  // First sample after each gap, in order.
  const breaks = gaps
    .map((g) => t.findIndex((x) => x > g.fromMs))
    .filter((k) => k > 0)
    .sort((a, b) => a - b);
  let b = 0;
  for (let i = 0; i < t.length;) {
    while (b < breaks.length && breaks[b] <= i) b++;
    const j = Math.min(t.length, i + perBatch, b < breaks.length ? breaks[b] : t.length);
    batches.push({ t: t.subarray(i, j), p: p.subarray(i, j), ref: ref === null ? null : ref.subarray(i, j), lostBefore: 0 });
    i = j;
  }
  return batches;
}
