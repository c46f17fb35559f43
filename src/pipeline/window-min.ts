import { ringCapacity } from './ring.ts';

/**
 * Minimum of a signal over the last `windowMs`, in O(1) amortised per sample and without
 * allocating (a monotonic queue in preallocated arrays). The detector uses it as "the level the
 * pressure rose from": robust to drift, breathing and a level left raised by the last squeeze.
 */
export class WindowMin {
  private readonly values: Float64Array;
  private readonly times: Float64Array;
  private readonly mask: number;
  private head = 0;
  private tail = 0;

  constructor(
    private readonly windowMs: number,
    capacityPow2: number,
  ) {
    const capacity = ringCapacity(capacityPow2);
    this.mask = capacity - 1;
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  push(tMs: number, value: number): void {
    while (this.tail > this.head && this.values[(this.tail - 1) & this.mask] >= value) this.tail--;
    // A full queue (more samples in the window than the capacity) drops its oldest entry.
    if (this.tail - this.head > this.mask) this.head++;
    this.values[this.tail & this.mask] = value;
    this.times[this.tail & this.mask] = tMs;
    this.tail++;
    while (this.times[this.head & this.mask] < tMs - this.windowMs) this.head++;
  }

  /** Minimum over the window (NaN before the first sample). */
  get value(): number {
    return this.tail > this.head ? this.values[this.head & this.mask] : Number.NaN;
  }

  clear(): void {
    this.head = 0;
    this.tail = 0;
  }
}
