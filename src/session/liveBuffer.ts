import type { SampleBatch } from '../pipeline/types';

/**
 * The last few thousand samples, in preallocated typed arrays: what the live chart and the
 * readout draw from. Writing a sample allocates nothing.
 */
export class LiveBuffer {
  readonly capacity: number;
  private readonly t: Float64Array;
  private readonly p: Float64Array;
  private head = 0;
  private size = 0;
  /** Bumped on every write, so a frame loop can skip frames with nothing new. */
  version = 0;
  /** Bumped on every clear: whoever mirrors the samples starts again. */
  generation = 0;
  /** Told after each batch or clear, so a view can ask for a frame only when there is news. */
  private readonly listeners = new Set<() => void>();

  constructor(capacity = 4096) {
    this.capacity = capacity;
    this.t = new Float64Array(capacity);
    this.p = new Float64Array(capacity);
  }

  push(tMs: number, pressure: number): void {
    this.t[this.head] = tMs;
    this.p[this.head] = pressure;
    this.head = (this.head + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
    this.version++;
  }

  pushBatch(batch: SampleBatch): void {
    for (let i = 0; i < batch.t.length; i++) this.push(batch.t[i], batch.p[i]);
    this.listeners.forEach((fn) => fn());
  }

  /**
   * The samples stopped (the link was lost): a NaN pressure just after the last sample (a
   * microsecond: a mirror copying what came after that sample must get it too), so the readout
   * shows no number and the curve breaks there instead of bridging the gap.
   */
  markGap(): void {
    if (this.size === 0 || Number.isNaN(this.latestPressure())) return;
    this.push(this.latestTime() + 1e-3, Number.NaN);
    this.listeners.forEach((fn) => fn());
  }

  /** Calls `fn` after every batch written and every clear; returns how to stop. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  }

  get length(): number {
    return this.size;
  }

  latestTime(): number {
    return this.size === 0 ? Number.NaN : this.t[(this.head - 1 + this.capacity) % this.capacity];
  }

  latestPressure(): number {
    return this.size === 0 ? Number.NaN : this.p[(this.head - 1 + this.capacity) % this.capacity];
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.version++;
    this.generation++;
    this.listeners.forEach((fn) => fn());
  }

  /**
   * Copies the samples newer than `afterMs`, oldest first, into `t`/`p` (as many as fit: the
   * rest on the next call). Returns how many were copied. For a view that mirrors the stream.
   */
  copyAfter(afterMs: number, t: Float64Array, p: Float64Array): number {
    let newer = 0;
    while (newer < this.size && this.t[this.index(newer)] > afterMs) newer++;
    const n = Math.min(newer, t.length);
    for (let j = 0; j < n; j++) {
      const i = this.index(newer - 1 - j);
      t[j] = this.t[i];
      p[j] = this.p[i];
    }
    return n;
  }

  /** The lowest and highest pressure minus `offset` since `fromMs`, into out[0] and out[1] (±Infinity if none). */
  extentSince(fromMs: number, offset: number, out: Float64Array): void {
    out[0] = Number.POSITIVE_INFINITY;
    out[1] = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < this.size; k++) {
      const i = this.index(k);
      if (this.t[i] < fromMs) break;
      const v = this.p[i] - offset;
      if (v < out[0]) out[0] = v;
      if (v > out[1]) out[1] = v;
    }
  }

  /** Ring index of the k-th newest sample (0: the newest). */
  private index(k: number): number {
    return (this.head - 1 - k + 2 * this.capacity) % this.capacity;
  }

  /**
   * Copy the samples newer than `fromMs` into `xs`/`ys` (seconds, and pressure minus `offset`),
   * right-aligned; the slots before them repeat the oldest copied point, so a chart fed these
   * fixed-length arrays draws exactly the window. Returns how many real samples were copied.
   */
  copyWindow(fromMs: number, offset: number, xs: Float64Array, ys: Float64Array): number {
    const n = xs.length;
    let count = 0;
    for (let k = 0; k < this.size && count < n; k++) {
      const i = (this.head - 1 - k + 2 * this.capacity) % this.capacity;
      if (this.t[i] < fromMs) break;
      xs[n - 1 - count] = this.t[i] / 1000;
      ys[n - 1 - count] = this.p[i] - offset;
      count++;
    }
    const fillX = count > 0 ? xs[n - count] : fromMs / 1000;
    const fillY = count > 0 ? ys[n - count] : 0;
    for (let j = 0; j < n - count; j++) {
      xs[j] = fillX;
      ys[j] = fillY;
    }
    return count;
  }
}
