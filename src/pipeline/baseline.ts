/**
 * The resting level: where the pressure sits when the user is not squeezing. It drifts slowly
 * (probe air volume, temperature) and carries the breathing wave; it has no fixed absolute value
 * (a tared probe rests near 0, an absolute sensor near 1033 cmH2O).
 *
 * Tracked with exponential averages that the detector feeds only while the user rests, so the
 * level never follows a squeeze up. Two averages with different time constants give the drift
 * rate (for a linear drift an average lags by rate × time constant), so the level can be
 * extrapolated across a long hold.
 *
 * The first seconds (the warm-up) are learnt as rest with nothing to check them against, so a
 * warm-up that sees the pressure swing by more than breathing and noise do (a squeeze, or a
 * release when the stream started in the middle of a hold) is not trusted: it starts again from
 * the newest sample.
 */
/** Longer than this since the last rest sample means the level was frozen (or samples were lost), ms. */
const MAX_STEP_MS = 250;

export class RestTracker {
  /** Current resting level, cmH2O (NaN before the first sample). */
  level = Number.NaN;
  /** Slower average: with `level`, it gives the drift rate. */
  private slowLevel = Number.NaN;
  /** Variance of the smoothed pressure around the level at rest (breathing + noise), cmH2O². */
  private variance = 0;
  /**
   * Mean and variance at rest of the rise over the recent minimum (how much rest alone "rises"),
   * over the long window and over the quick one.
   */
  private riseMean = 0;
  private riseVariance = 0;
  private quickRiseMean = 0;
  private quickRiseVariance = 0;
  private restedMs = 0;
  private samples = 0;
  private lastT = Number.NaN;
  /** Lowest and highest sample of the warm-up so far. */
  private warmLow = Number.NaN;
  private warmHigh = Number.NaN;

  constructor(
    private readonly levelTauMs: number,
    noiseTauMs: number,
    private readonly warmupMs: number,
    /** A warm-up whose samples span more than this was not at rest, cmH2O. */
    private readonly maxWarmupSwingCmH2O: number,
  ) {
    this.levelRate = 1 / levelTauMs;
    this.slowRate = 1 / this.slowTauMs;
    this.noiseRate = 1 / noiseTauMs;
    this.driftRate = 1 / (this.slowTauMs - levelTauMs);
  }

  /** Enough rest seen to trust the level and noise. */
  get ready(): boolean {
    return this.restedMs >= this.warmupMs;
  }

  /** Spread of the resting pressure (breathing wave and noise), standard deviation, cmH2O. */
  get noise(): number {
    return this.noiseSd;
  }

  /**
   * A rise over the recent minimum that rest alone reaches only rarely: mean + k·SD of it at rest.
   * Its square root is taken here, on each call, not whenever the tracker learns: the detector
   * needs it only when the pressure stands above rest (see RepDetector.risesOverWindows), a few
   * times per rep, while the tracker learns at every window step of rest.
   */
  riseThreshold(sds: number): number {
    return this.riseMean + sds * Math.sqrt(this.riseVariance);
  }

  /** The same over the quick window. */
  quickRiseThreshold(sds: number): number {
    return this.quickRiseMean + sds * Math.sqrt(this.quickRiseVariance);
  }

  /** Drift of the resting level, cmH2O per ms (positive: rising). */
  get driftPerMs(): number {
    return this.drift;
  }

  // What the getters above return, brought up to date whenever what they follow from changes
  // (refresh): the detector reads them on every sample, and a getter that is more than a field
  // read may not be inlined, and then returns its number boxed (an allocation).
  private noiseSd = 0;
  private drift = 0;
  // The time constants' reciprocals: a sample multiplies by them (a division takes several times longer).
  private readonly levelRate: number;
  private readonly slowRate: number;
  private readonly noiseRate: number;
  private readonly driftRate: number;

  private refresh(): void {
    this.noiseSd = Math.sqrt(this.variance);
    this.drift = this.ready ? (this.level - this.slowLevel) * this.driftRate : 0;
  }

  /** Time of the last rest sample the level has seen. */
  get lastRestMs(): number {
    return this.lastT;
  }

  /** Resting level expected at tMs, extrapolating the drift from the last rest sample. */
  levelAt(tMs: number): number {
    return this.level + this.drift * (tMs - this.lastT);
  }

  /**
   * Whether `y` rises out of a warm-up that was rest for at least `minRestMs`: above everything
   * in it, by more than rest swings (a squeeze begun in the first seconds). `update` would throw
   * the warm-up away; the level learnt so far is the best rest there is.
   */
  risesOutOfWarmup(y: number, minRestMs: number): boolean {
    return !this.ready && this.restedMs >= minRestMs && y > this.warmHigh && y - this.warmLow > this.maxWarmupSwingCmH2O;
  }

  /**
   * The resting sample `update` learns from, set just before the call: the smoothed pressure, its
   * rise over the recent minimum (long and quick window), and its time (ms). In an array, because
   * on the per-sample path a number passed to a call the engine does not inline is boxed (an
   * allocation per sample); stored in a typed array it is not.
   */
  readonly input = new Float64Array(4);

  /** Feeds one resting sample: the one in `input`. */
  update(): void {
    const y = this.input[0];
    const rise = this.input[1];
    const quickRise = this.input[2];
    const tMs = this.input[3];
    let dt = Number.isNaN(this.lastT) ? 0 : tMs - this.lastT;
    if (dt > MAX_STEP_MS) {
      // Resuming after a squeeze (the level was frozen): carry it along the drift first.
      const carried = this.driftPerMs * dt;
      this.level += carried;
      this.slowLevel += carried;
      dt = MAX_STEP_MS;
    }
    this.lastT = tMs;
    // The warm-up's span matters only until the level is trusted (`rewarm` and `forget` start a
    // new warm-up at the first sample, which sets it afresh).
    const warming = !this.ready;
    if (warming && this.samples > 0 && Math.max(y, this.warmHigh) - Math.min(y, this.warmLow) > this.maxWarmupSwingCmH2O) this.forget();
    this.samples++;
    if (this.samples === 1) {
      this.level = y;
      this.slowLevel = y;
      this.warmLow = y;
      this.warmHigh = y;
      this.refresh();
      return;
    }
    if (warming) {
      this.warmLow = Math.min(this.warmLow, y);
      this.warmHigh = Math.max(this.warmHigh, y);
    }
    this.restedMs += dt;
    // At first a plain mean (weight 1/n), then exponential forgetting.
    const warm = 1 / this.samples;
    const dev = y - this.level;
    this.level += Math.max(dt * this.levelRate, warm) * dev;
    this.slowLevel += Math.max(dt * this.slowRate, warm) * (y - this.slowLevel);
    const noiseWeight = Math.max(dt * this.noiseRate, warm);
    this.variance += noiseWeight * (dev * dev - this.variance);
    const riseDev = rise - this.riseMean;
    this.riseMean += noiseWeight * riseDev;
    this.riseVariance += noiseWeight * (riseDev * riseDev - this.riseVariance);
    const quickDev = quickRise - this.quickRiseMean;
    this.quickRiseMean += noiseWeight * quickDev;
    this.quickRiseVariance += noiseWeight * (quickDev * quickDev - this.quickRiseVariance);
    this.refresh();
  }

  /** Starts again from a new level (after the pressure settled somewhere else for good). */
  restartAt(tMs: number, y: number): void {
    this.level = y;
    this.slowLevel = y;
    this.lastT = tMs;
    this.refresh();
  }

  /**
   * Restarts at a new level after the old one proved wrong, and learns level and spread again as
   * in a warm-up (a plain mean of what follows, the old values counting as one sample) while
   * staying ready: detection goes on (the thresholds have floors), and within a second or two
   * they stand on the real resting spread, not on one learnt on a hold (which is wider: fade,
   * tremor).
   */
  relearnAt(tMs: number, y: number): void {
    this.restartAt(tMs, y);
    this.samples = 1;
  }

  /**
   * Learns the level again as in a warm-up from the next sample on (after a link gap that left it
   * in doubt), keeping the spread learnt so far: it belongs to the sensor and the breathing, which
   * a gap does not change, and the warm-up soon replaces it.
   */
  rewarm(): void {
    this.samples = 0;
    this.restedMs = 0;
    this.refresh();
  }

  /**
   * Forgets the level, drift and spread: what the warm-up learnt was not rest. The next sample
   * starts a new warm-up (plain mean, then exponential forgetting).
   */
  private forget(): void {
    this.samples = 0;
    this.restedMs = 0;
    this.variance = 0;
    this.riseMean = 0;
    this.riseVariance = 0;
    this.quickRiseMean = 0;
    this.quickRiseVariance = 0;
    this.refresh();
  }

  private get slowTauMs(): number {
    return 3 * this.levelTauMs;
  }
}
