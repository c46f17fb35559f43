import { ringCapacity } from './ring.ts';

/**
 * Median of a signal over the last `windowMs`, without allocating: the window's values are kept
 * sorted in a preallocated array, a new value put in and the oldest taken out at places found
 * by binary search (O(log window) to find, one block move each). A median ignores a spike
 * shorter than half its window (a cough on top of a hold) and the 4–8 Hz tremor, which makes it
 * the right smoother for the peak of a squeeze.
 */
export class WindowMedian {
  private readonly sorted: Float64Array;
  /** Values and times in arrival order (a ring), to know which value leaves the window. */
  private readonly values: Float64Array;
  private readonly times: Float64Array;
  private readonly mask: number;
  private head = 0;
  private tail = 0;

  constructor(
    private readonly windowMs: number,
    maxSamplesPow2: number,
  ) {
    const capacity = ringCapacity(maxSamplesPow2);
    this.mask = capacity - 1;
    this.sorted = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  get size(): number {
    return this.tail - this.head;
  }

  /** Mid-time of the window: where its median belongs on the time axis. */
  get centreMs(): number {
    return this.size === 0 ? Number.NaN : 0.5 * (this.times[(this.tail - 1) & this.mask] + this.times[this.head & this.mask]);
  }

  push(tMs: number, value: number): void {
    while (this.size > 0 && (this.times[this.head & this.mask] < tMs - this.windowMs || this.size > this.mask)) this.removeOldest();
    const n = this.size;
    this.values[this.tail & this.mask] = value;
    this.times[this.tail & this.mask] = tMs;
    this.tail++;
    // After the last value ≤ it, so equal values keep arrival order (any order would do).
    const i = this.upperBound(value, n);
    this.sorted.copyWithin(i + 1, i, n);
    this.sorted[i] = value;
  }

  /** Median of the window (NaN when empty). */
  get value(): number {
    const n = this.size;
    if (n === 0) return Number.NaN;
    const m = n >> 1;
    return n % 2 === 1 ? this.sorted[m] : 0.5 * (this.sorted[m - 1] + this.sorted[m]);
  }

  clear(): void {
    this.head = 0;
    this.tail = 0;
  }

  private removeOldest(): void {
    const v = this.values[this.head & this.mask];
    const n = this.size;
    // Any copy of the value will do: they are equal. (A NaN, which the detector never pushes,
    // sorts nowhere: the linear scan finds it.)
    let i = this.lowerBound(v, n);
    if (!(this.sorted[i] === v)) for (i = 0; i < n - 1 && !Object.is(this.sorted[i], v); i++);
    this.sorted.copyWithin(i, i + 1, n);
    this.head++;
  }

  /** First index in sorted[0, n) whose value is ≥ v. */
  private lowerBound(v: number, n: number): number {
    let a = 0;
    let b = n;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (this.sorted[m] < v) a = m + 1;
      else b = m;
    }
    return a;
  }

  /** First index in sorted[0, n) whose value is > v. */
  private upperBound(v: number, n: number): number {
    let a = 0;
    let b = n;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (this.sorted[m] <= v) a = m + 1;
      else b = m;
    }
    return a;
  }
}
