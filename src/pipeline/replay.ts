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
  const source = new Observable<SampleBatch>((subscriber) => {
    for (const batch of batches) {
      if (batch.t.length === 0) continue;
      scheduler.schedule(() => subscriber.next(batch), Math.max(0, batch.t[batch.t.length - 1]));
    }
    const endMs = batches.length > 0 ? lastTime(batches) : 0;
    scheduler.schedule(() => subscriber.complete(), Math.max(0, endMs));
  });
  const out: Stamped<T>[] = [];
  let failure: unknown = null;
  source.pipe(operator).subscribe({
    next: (value) => out.push({ value, atMs: scheduler.now() }),
    error: (err: unknown) => {
      failure = err;
    },
  });
  scheduler.flush();
  if (failure !== null) throw failure;
  return out;
}

function lastTime(batches: readonly SampleBatch[]): number {
  for (let i = batches.length - 1; i >= 0; i--) {
    const t = batches[i].t;
    if (t.length > 0) return t[t.length - 1];
  }
  return 0;
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
