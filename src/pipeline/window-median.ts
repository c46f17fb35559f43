import { ringCapacity } from './ring.ts';
import { TimedWindow } from './timed-window.ts';

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
export class WindowMedian extends TimedWindow {
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
    super();
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

  /** Time of the newest value (NaN when empty). */
  get newestMs(): number {
    return this.size === 0 ? Number.NaN : this.times[(this.tail - 1) & this.mask];
  }

  pushInput(sample: Float64Array): void {
    const tMs = sample[0];
    const value = sample[1];
    // In locals: a store into a typed array makes the engine read fields again.
    const times = this.times;
    const mask = this.mask;
    const from = tMs - this.windowMs;
    let head = this.head;
    const tail = this.tail;
    while (tail > head && (times[head & mask] < from || tail - head > mask)) head++;
    this.values[tail & mask] = value;
    times[tail & mask] = tMs;
    this.head = head;
    this.tail = tail + 1;
  }

  /** Median of the window (NaN when empty). */
  get value(): number {
    const n = this.size;
    if (n === 0) return Number.NaN;
    this.sync();
    const m = n >> 1;
    return n % 2 === 1 ? this.sorted[m] : 0.5 * (this.sorted[m - 1] + this.sorted[m]);
  }

  /**
   * The median and the window's mid-time, left in `lastMedian` and `lastCentreMs`: on the
   * per-sample path a number returned from a call the engine does not inline is boxed (an
   * allocation); one stored in a field is not.
   */
  updateMedian(): void {
    this.lastMedian = this.value;
    this.lastCentreMs = this.centreMs;
  }

  lastMedian = Number.NaN;
  lastCentreMs = Number.NaN;

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
    let k = Math.max(this.syncedTail, this.head);
    if (overwritten || changes >= n) {
      n = 0;
      k = this.head;
    } else {
      // A value that left and one that came in (at a steady rate, one of each a sample): the one
      // replaces the other, and only the values between their places move.
      let j = this.syncedHead;
      for (; j < this.head && k < this.tail; j++, k++) this.replace(j, k, n);
      for (; j < this.head; j++) n = this.remove(j, n);
    }
    for (; k < this.tail; k++) n = this.insert(k, n);
    this.syncedHead = this.head;
    this.syncedTail = this.tail;
  }

  // The values are passed by their place in the ring (small integers): a number passed to a call
  // the engine does not inline is boxed, an allocation on the per-sample path.

  /** Puts the value at ring index `k` into sorted[0, n) after the values ≤ it; returns the new count. */
  private insert(k: number, n: number): number {
    const v = this.values[k & this.mask];
    const sorted = this.sorted;
    let a = 0;
    let b = n;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (sorted[m] <= v) a = m + 1;
      else b = m;
    }
    // A plain loop: for a few dozen values it beats copyWithin, a call into the runtime.
    for (let i = n; i > a; i--) sorted[i] = sorted[i - 1];
    sorted[a] = v;
    return n + 1;
  }

  /** Takes one copy of the value at ring index `j` out of sorted[0, n); returns the new count. */
  private remove(j: number, n: number): number {
    const sorted = this.sorted;
    for (let i = this.find(j, n); i < n - 1; i++) sorted[i] = sorted[i + 1];
    return n - 1;
  }

  /**
   * Takes one copy of the value at ring index `j` out of sorted[0, n) and puts the one at ring
   * index `k` in, keeping it sorted: only the values between their places move.
   */
  private replace(j: number, k: number, n: number): void {
    const old = this.values[j & this.mask];
    const v = this.values[k & this.mask];
    const sorted = this.sorted;
    let i = this.find(j, n);
    if (v >= old) {
      for (; i < n - 1 && sorted[i + 1] <= v; i++) sorted[i] = sorted[i + 1];
    } else {
      for (; i > 0 && sorted[i - 1] > v; i--) sorted[i] = sorted[i - 1];
    }
    sorted[i] = v;
  }

  /** Where one copy of the value at ring index `j` is in sorted[0, n). */
  private find(j: number, n: number): number {
    const v = this.values[j & this.mask];
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
    return a;
  }
}
