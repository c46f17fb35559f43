import { ringCapacity } from './ring.ts';

/**
 * Median of a signal over the last `windowMs`, without allocating. A median ignores a spike
 * shorter than half its window (a cough on top of a hold) and the 4–8 Hz tremor, which makes it
 * the right smoother for the peak of a squeeze.
 *
 * Values wait in arrival order (a ring); a sorted copy of the window is brought up to date only
 * when the median is read: values that left are taken out and new ones put in at places found by
 * binary search (the values between shift by one), or, after more changes than the window holds,
 * the copy is built again. The detector reads the median while a squeeze is under way, so at rest,
 * most of a session, a sample costs O(1), and during a squeeze O(window) moves of one number.
 */
export class WindowMedian {
  private readonly sorted: Float64Array;
  /** Values and times in arrival order (a ring), to know which value leaves the window. */
  private readonly values: Float64Array;
  private readonly times: Float64Array;
  private readonly mask: number;
  private head = 0;
  private tail = 0;
  /** The ring span [syncedHead, syncedTail) the sorted copy holds. */
  private syncedHead = 0;
  private syncedTail = 0;

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
    while (this.tail > this.head && (this.times[this.head & this.mask] < tMs - this.windowMs || this.tail - this.head > this.mask)) this.head++;
    this.values[this.tail & this.mask] = value;
    this.times[this.tail & this.mask] = tMs;
    this.tail++;
  }

  /** Median of the window (NaN when empty). */
  get value(): number {
    const n = this.size;
    if (n === 0) return Number.NaN;
    this.sync();
    const m = n >> 1;
    return n % 2 === 1 ? this.sorted[m] : 0.5 * (this.sorted[m - 1] + this.sorted[m]);
  }

  clear(): void {
    this.head = 0;
    this.tail = 0;
    this.syncedHead = 0;
    this.syncedTail = 0;
  }

  /** Brings the sorted copy up to the window now. */
  private sync(): void {
    const changes = this.head - this.syncedHead + (this.tail - this.syncedTail);
    if (changes === 0) return;
    // Values that left the window may be overwritten in the ring by now: start afresh.
    const overwritten = this.tail - this.syncedHead > this.mask + 1;
    let n = this.syncedTail - this.syncedHead;
    if (overwritten || changes >= n) {
      n = 0;
      this.syncedTail = this.head;
    } else {
      for (let k = this.syncedHead; k < this.head; k++) n = this.remove(this.values[k & this.mask], n);
    }
    for (let k = Math.max(this.syncedTail, this.head); k < this.tail; k++) n = this.insert(this.values[k & this.mask], n);
    this.syncedHead = this.head;
    this.syncedTail = this.tail;
  }

  /** Puts `v` into sorted[0, n) after the values ≤ it; returns the new count. */
  private insert(v: number, n: number): number {
    const sorted = this.sorted;
    let a = 0;
    let b = n;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (sorted[m] <= v) a = m + 1;
      else b = m;
    }
    // A plain loop: for a few dozen values it beats copyWithin, a call into the runtime.
    for (let k = n; k > a; k--) sorted[k] = sorted[k - 1];
    sorted[a] = v;
    return n + 1;
  }

  /** Takes one copy of `v` out of sorted[0, n); returns the new count. */
  private remove(v: number, n: number): number {
    const sorted = this.sorted;
    let a = 0;
    let b = n;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (sorted[m] < v) a = m + 1;
      else b = m;
    }
    // (A NaN, which the detector never pushes, sorts nowhere: the scan finds it.)
    if (!(sorted[a] === v)) for (a = 0; a < n - 1 && !Object.is(sorted[a], v); a++);
    for (let k = a; k < n - 1; k++) sorted[k] = sorted[k + 1];
    return n - 1;
  }
}
