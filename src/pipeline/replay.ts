/**
 * Replaying a recording through the live pipeline in virtual time. Each batch is delivered at
 * the stream time of its last sample, as a live device would deliver it, on an RxJS
 * VirtualTimeScheduler; every output is stamped with the virtual time it was emitted at. The
 * operators are synchronous, so an output can only depend on batches already delivered: there
 * is no look-ahead a live app would not have.
 */
import { Observable, VirtualTimeScheduler, type OperatorFunction } from 'rxjs';
import type { SampleBatch } from './types.ts';

export interface Stamped<T> {
  readonly value: T;
  /** Virtual stream time at which the pipeline emitted it, ms. */
  readonly atMs: number;
}

export function replayInVirtualTime<T>(batches: readonly SampleBatch[], operator: OperatorFunction<SampleBatch, T>): Stamped<T>[] {
  const scheduler = new VirtualTimeScheduler();
  const timed = batches.filter((b) => b.t.length > 0);
  const arrival = (i: number) => Math.max(0, timed[i].t[timed[i].t.length - 1]);
  const source = new Observable<SampleBatch>((subscriber) => {
    // Each delivery schedules the next one, so the scheduler's queue stays short.
    const deliver = (i = 0): void => {
      if (subscriber.closed) return;
      if (i >= timed.length) {
        subscriber.complete();
        return;
      }
      subscriber.next(timed[i]);
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

/** Cuts flat sample arrays into batches of at most `perBatch` samples (views, no copies). */
export function toBatches(t: Float64Array, p: Float32Array, ref: Float32Array | null, perBatch = 8): SampleBatch[] {
  const batches: SampleBatch[] = [];
  for (let i = 0; i < t.length; i += perBatch) {
    const j = Math.min(t.length, i + perBatch);
    batches.push({ t: t.subarray(i, j), p: p.subarray(i, j), ref: ref === null ? null : ref.subarray(i, j), lostBefore: 0 });
  }
  return batches;
}
