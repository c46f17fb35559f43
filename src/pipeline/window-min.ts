import { ringCapacity } from './ring.ts';
import { TimedWindow } from './timed-window.ts';

/**
 * Minimum of a signal over the last `windowMs`, in O(1) amortised per sample and without
 * allocating (a monotonic queue in preallocated arrays). The detector uses it as "the level the
 * pressure rose from": robust to drift, breathing and a level left raised by the last squeeze.
 *
 * Also the minimum over a shorter window ending now (`quickWindowMs`), from the same queue: the
 * queue's values rise from its oldest entry to its newest, each the lowest of everything after
 * it, so the lowest of the last `quickWindowMs` is its first entry that recent. One queue for both
 * windows is half the work of two.
 */
export class WindowMin extends TimedWindow {
  private readonly values: Float64Array;
  private readonly times: Float64Array;
  private readonly mask: number;
  private head = 0;
  private tail = 0;
  /** First entry of the queue within the quick window. */
  private quickHead = 0;

  constructor(
    private readonly windowMs: number,
    capacityPow2: number,
    private readonly quickWindowMs = windowMs,
  ) {
    super();
    const capacity = ringCapacity(capacityPow2);
    this.mask = capacity - 1;
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  pushInput(sample: Float64Array): void {
    const tMs = sample[0];
    const value = sample[1];
    // In locals: a store into a typed array makes the engine read fields again.
    const values = this.values;
    const times = this.times;
    const mask = this.mask;
    let head = this.head;
    let tail = this.tail;
    while (tail > head && values[(tail - 1) & mask] >= value) tail--;
    // A full queue (more samples in the window than the capacity) drops its oldest entry.
    if (tail - head > mask) head++;
    values[tail & mask] = value;
    times[tail & mask] = tMs;
    tail++;
    const from = tMs - this.windowMs;
    while (times[head & mask] < from) head++;
    // The quick window's first entry: where it was, unless it left the queue (the newest stays).
    let quick = Math.min(Math.max(this.quickHead, head), tail - 1);
    const quickFrom = tMs - this.quickWindowMs;
    while (times[quick & mask] < quickFrom) quick++;
    this.head = head;
    this.tail = tail;
    this.quickHead = quick;
    this.value = values[head & mask];
    this.quickValue = values[quick & mask];
  }

  /**
   * Minimum over the window (NaN before the first sample). Kept in a field (read it, never write
   * it): the detector reads it on every sample, and a number returned from a getter the engine
   * does not inline is boxed.
   */
  value = Number.NaN;
  /** Minimum over the quick window, the same way. */
  quickValue = Number.NaN;

  clear(): void {
    this.head = 0;
    this.tail = 0;
    this.quickHead = 0;
    this.value = Number.NaN;
    this.quickValue = Number.NaN;
  }
}
