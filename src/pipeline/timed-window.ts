/**
 * A running window over (time, value) samples. Callers push numbers; the detector's per-sample
 * path hands the sample over in a typed array (`pushInput`), because a number passed to a call
 * the engine does not inline is boxed (an allocation per sample) and one read from a typed array
 * is not.
 */
export abstract class TimedWindow {
  private readonly scratch = new Float64Array(2);

  push(tMs: number, value: number): void {
    const sample = this.scratch;
    sample[0] = tMs;
    sample[1] = value;
    this.pushInput(sample);
  }

  /** Pushes the sample in `sample`: time (ms), value. */
  abstract pushInput(sample: Float64Array): void;
}
