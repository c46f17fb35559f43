/**
 * The latest samples of a stream, in preallocated typed arrays, so that the detector can look
 * back (walk back to the start of a rise, find a crossing, average a window) without allocating.
 *
 * Samples are addressed by their absolute index in the stream (0, 1, 2, …); an index is
 * readable while it is among the last `capacity` samples. Running (prefix) sums make the mean
 * of any window O(1) once its ends are known; they are rebased every few laps (see rebaseSums).
 */
/**
 * What was lost before a sample: nothing; a few packets (SHORT_GAP: the pressure on both sides
 * belongs to one movement, so an edge may be walked back across it); or the link (LINK_GAP: the
 * stream starts again, nothing is read across it).
 */
export const NO_GAP = 0;
export const SHORT_GAP = 1;
export const LINK_GAP = 2;
export type GapKind = typeof NO_GAP | typeof SHORT_GAP | typeof LINK_GAP;

/** Laps of the ring between rebases of its running sums (a rebase visits every slot). */
const REBASE_LAPS = 4;

export class SampleRing {
  readonly capacity: number;
  private readonly mask: number;
  private readonly rebaseMask: number;
  private readonly times: Float64Array;
  private readonly main: Float64Array;
  private readonly ref: Float64Array;
  /** What was lost just before each sample (GapKind): smoothing windows never span a gap. */
  private readonly gapFlags: Uint8Array;
  /** Sums of everything before each sample (main − origin, and its square). */
  private readonly sumBefore: Float64Array;
  private readonly sumSqBefore: Float64Array;
  private sum = 0;
  private sumSq = 0;
  /** First value seen: sums are kept relative to it so an absolute sensor (~1033 cmH2O) keeps its precision. */
  private origin = Number.NaN;
  private refSeen = false;
  /** The mean updateMean last computed. */
  lastMean = Number.NaN;
  /** Samples pushed so far: the next sample's absolute index. */
  count = 0;

  constructor(capacityPow2: number) {
    const capacity = ringCapacity(capacityPow2);
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.rebaseMask = REBASE_LAPS * capacity - 1;
    this.times = new Float64Array(capacity);
    this.main = new Float64Array(capacity);
    // NaN until a reference reading is seen: only then are they stored (see pushInput).
    this.ref = new Float64Array(capacity).fill(Number.NaN);
    this.gapFlags = new Uint8Array(capacity);
    this.sumBefore = new Float64Array(capacity);
    this.sumSqBefore = new Float64Array(capacity);
    this.centredValue = new Float64Array(capacity);
    this.centredIndex = new Float64Array(capacity).fill(-1);
    this.medianScratch = new Float64Array(capacity);
  }

  /** Appends one sample; `ref` is NaN when there is no reference reading. */
  push(tMs: number, main: number, ref: number, gapBefore: GapKind): void {
    const sample = this.scratch;
    sample[0] = tMs;
    sample[1] = main;
    sample[2] = ref;
    this.pushInput(sample, gapBefore);
  }

  private readonly scratch = new Float64Array(3);

  /**
   * Appends the sample in `sample`: time, main, reference (NaN when none). The detector's
   * per-sample path: a number passed to a call the engine does not inline is boxed (an
   * allocation), one read from a typed array is not.
   */
  pushInput(sample: Float64Array, gapBefore: GapKind): void {
    const main = sample[1];
    const ref = sample[2];
    if (Number.isNaN(this.origin)) this.origin = main;
    const count = this.count;
    if (count > 0 && (count & this.rebaseMask) === 0) this.rebaseSums();
    if (!Number.isNaN(ref)) this.refSeen = true;
    const slot = count & this.mask;
    this.times[slot] = sample[0];
    this.main[slot] = main;
    // Without a reference channel every slot already holds NaN.
    if (this.refSeen) this.ref[slot] = ref;
    this.gapFlags[slot] = gapBefore;
    // In locals: a store into a typed array makes the engine read fields again.
    const sum = this.sum;
    const sumSq = this.sumSq;
    this.sumBefore[slot] = sum;
    this.sumSqBefore[slot] = sumSq;
    const x = main - this.origin;
    this.sum = sum + x;
    this.sumSq = sumSq + x * x;
    this.count = count + 1;
  }

  /** Oldest absolute index still held. */
  get oldest(): number {
    return Math.max(0, this.count - this.capacity);
  }

  get newest(): number {
    return this.count - 1;
  }

  /** Whether any reference reading has been seen. */
  get hasReference(): boolean {
    return this.refSeen;
  }

  t(i: number): number {
    return this.times[i & this.mask];
  }

  p(i: number): number {
    return this.main[i & this.mask];
  }

  /** Reference reading of sample i (NaN when it had none). */
  r(i: number): number {
    return this.ref[i & this.mask];
  }

  /** Whether samples were lost (or time jumped) just before sample i: a gap of either kind. */
  gapBefore(i: number): boolean {
    return this.gapFlags[i & this.mask] !== NO_GAP;
  }

  /** Whether the link was down just before sample i (a gap of LINK_GAP). */
  linkGapBefore(i: number): boolean {
    return this.gapFlags[i & this.mask] === LINK_GAP;
  }

  /** Mean of the main channel over indices [i0, i1] (inclusive, both held). */
  mean(i0: number, i1: number): number {
    return this.windowSum(this.sumBefore, this.sum, i0, i1) / (i1 - i0 + 1) + this.origin;
  }

  /**
   * The same mean, left in `lastMean`: on the per-sample path a number returned from a call the
   * engine does not inline is boxed (an allocation); one stored in a field is not.
   */
  updateMean(i0: number, i1: number): void {
    this.lastMean = this.windowSum(this.sumBefore, this.sum, i0, i1) / (i1 - i0 + 1) + this.origin;
  }

  /**
   * Median of the main channel over [i0, i1] (both held), left in `lastMedian`: a spike (a cough,
   * a laugh) hardly moves it. In place in a scratch array, nothing allocated; O(n) on average.
   */
  updateMedian(i0: number, i1: number): void {
    const n = i1 - i0 + 1;
    const xs = this.medianScratch;
    for (let k = 0; k < n; k++) xs[k] = this.main[(i0 + k) & this.mask];
    const hi = select(xs, n, n >> 1);
    this.lastMedian = n % 2 === 1 ? hi : 0.5 * (hi + maxBelow(xs, n >> 1));
  }

  /** The value updateMedian last computed. */
  lastMedian = Number.NaN;
  private readonly medianScratch: Float64Array;

  /** Mean and standard deviation of (main − level) over [i0, i1]. */
  spread(i0: number, i1: number): { mean: number; sd: number } {
    const n = i1 - i0 + 1;
    const s = this.windowSum(this.sumBefore, this.sum, i0, i1) / n;
    const s2 = this.windowSum(this.sumSqBefore, this.sumSq, i0, i1) / n;
    return { mean: s + this.origin, sd: Math.sqrt(Math.max(0, s2 - s * s)) };
  }

  /** Smallest held index with t ≥ tMs (count if none), searching within [lo, hi]. */
  indexAtOrAfter(tMs: number, lo = this.oldest, hi = this.newest): number {
    let a = Math.max(lo, this.oldest);
    let b = hi + 1;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (this.t(m) < tMs) a = m + 1;
      else b = m;
    }
    return a;
  }

  /**
   * First index of the run of samples without a link gap that contains i, not before lo. A few
   * lost packets (SHORT_GAP) do not end a run: the pressure on both sides is one signal.
   */
  runStart(i: number, lo: number): number {
    let j = i;
    while (j > lo && !this.linkGapBefore(j)) j--;
    return Math.max(j, lo);
  }

  /**
   * Mean of the main channel over the samples within ±halfMs of sample i (at least its direct
   * neighbours), never across a gap and never past the newest sample: centred smoothing that
   * needs no look-ahead beyond what has arrived.
   */
  centred(i: number, halfMs: number): number {
    this.updateCentred(i, halfMs);
    return this.lastCentred;
  }

  /**
   * The same, left in `lastCentred`: the walks that call it once a rep run over hundreds of
   * samples, and a number returned from a call the engine does not inline is boxed.
   *
   * A rep's walks (the passes of a line fit, the crossings, the rising half) visit the same
   * samples many times, so a window that can no longer change (it ends before the newest sample
   * and starts after the oldest) is kept, for the first `halfMs` asked for.
   */
  updateCentred(i: number, halfMs: number): void {
    const mask = this.mask;
    const slot = i & mask;
    if (this.centredIndex[slot] === i && halfMs === this.centredHalfMs) {
      this.lastCentred = this.centredValue[slot];
      return;
    }
    const times = this.times;
    const gaps = this.gapFlags;
    const t0 = times[slot];
    const lo = this.oldest;
    const hi = this.newest;
    let a = i;
    while (a > lo && gaps[a & mask] === NO_GAP && (t0 - times[(a - 1) & mask] <= halfMs || a === i)) a--;
    let b = i;
    while (b < hi && gaps[(b + 1) & mask] === NO_GAP && (times[(b + 1) & mask] - t0 <= halfMs || b === i)) b++;
    const before = this.sumBefore;
    const end = b + 1 === this.count ? this.sum : before[(b + 1) & mask];
    const value = (end - before[a & mask]) / (b - a + 1) + this.origin;
    this.lastCentred = value;
    if (b < hi && a > lo) {
      if (Number.isNaN(this.centredHalfMs)) this.centredHalfMs = halfMs;
      if (halfMs === this.centredHalfMs) {
        this.centredIndex[slot] = i;
        this.centredValue[slot] = value;
      }
    }
  }

  /** The value updateCentred last computed. */
  lastCentred = Number.NaN;
  /** Final centred means by slot, and the absolute index each belongs to (−1: none). */
  private readonly centredValue: Float64Array;
  private readonly centredIndex: Float64Array;
  private centredHalfMs = Number.NaN;

  /**
   * Every REBASE_LAPS laps of the ring (O(1) a sample): the sums restart from the oldest sample
   * held, so over hours they stay as small as a few laps' and keep their precision.
   */
  private rebaseSums(): void {
    const base = this.sumBefore[this.count & this.mask];
    const baseSq = this.sumSqBefore[this.count & this.mask];
    for (let k = 0; k < this.capacity; k++) {
      this.sumBefore[k] -= base;
      this.sumSqBefore[k] -= baseSq;
    }
    this.sum -= base;
    this.sumSq -= baseSq;
  }

  private windowSum(before: Float64Array, total: number, i0: number, i1: number): number {
    const end = i1 + 1 === this.count ? total : before[(i1 + 1) & this.mask];
    return end - before[i0 & this.mask];
  }
}

/** The k-th smallest of xs[0..n) (Hoare's selection), leaving the k smallest before it. */
function select(xs: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const x = xs[i];
        xs[i] = xs[j];
        xs[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return xs[k];
}

/** The largest of xs[0..k). */
function maxBelow(xs: Float64Array, k: number): number {
  let m = xs[0];
  for (let i = 1; i < k; i++) if (xs[i] > m) m = xs[i];
  return m;
}

/**
 * Size of a preallocated ring holding at least `samples` (and 16): a power of two, so an index
 * wraps with a mask instead of a division.
 */
export function ringCapacity(samples: number): number {
  return 1 << Math.ceil(Math.log2(Math.max(16, samples)));
}
