import type { SampleBatch } from '../pipeline/types';

/**
 * The rate a device really delivers, samples per second over the last `windowMs` of stream
 * time. No vendor publishes one, and a polled device delivers what its radio allows.
 */
export class RateMeter {
  private readonly entries: { t: number; n: number }[] = [];

  constructor(private readonly windowMs = 2000) {}

  add(batch: SampleBatch): void {
    const n = batch.t.length;
    if (n === 0) return;
    this.entries.push({ t: batch.t[n - 1], n });
    const newest = batch.t[n - 1];
    while (this.entries.length > 2 && this.entries[0].t < newest - this.windowMs) this.entries.shift();
  }

  /** Forget the past, e.g. after a gap, which is no part of the device's rate. */
  reset(): void {
    this.entries.length = 0;
  }

  /** Samples per second, or null until two batches are in. */
  rateHz(): number | null {
    if (this.entries.length < 2) return null;
    const first = this.entries[0];
    const last = this.entries[this.entries.length - 1];
    if (last.t <= first.t) return null;
    let samples = 0;
    for (let i = 1; i < this.entries.length; i++) samples += this.entries[i].n;
    return (samples * 1000) / (last.t - first.t);
  }
}
