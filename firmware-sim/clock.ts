/** Clocks for the simulated device: real time (systemClock) or test time (ManualClock). */

/** Time and periodic ticks. Inject a ManualClock in tests; the default runs in real time. */
export interface DeviceClock {
  now(): number;
  /** Calls fn every ms milliseconds until the returned cancel function is called. */
  every(fn: () => void, ms: number): () => void;
}

/** performance.now and global timers, looked up at call time so that fake timers apply. */
export const systemClock: DeviceClock = {
  now: () => performance.now(),
  every: (fn, ms) => {
    const handle = setInterval(fn, ms);
    return () => clearInterval(handle);
  },
};

interface ManualTimer {
  due: number;
  readonly period: number;
  readonly fn: () => void;
}

/** Deterministic clock: time moves only in advance(), which fires due ticks in time order. */
export class ManualClock implements DeviceClock {
  private t: number;
  private readonly timers = new Set<ManualTimer>();

  constructor(startMs = 0) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  every(fn: () => void, ms: number): () => void {
    if (!(ms > 0)) throw new RangeError(`ManualClock.every needs a period > 0 ms, got ${ms}`);
    const timer: ManualTimer = { due: this.t + ms, period: ms, fn };
    this.timers.add(timer);
    return () => {
      this.timers.delete(timer);
    };
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance needs ms >= 0, got ${ms}`);
    const target = this.t + ms;
    for (let timer = this.nextDue(target); timer; timer = this.nextDue(target)) {
      this.t = timer.due;
      timer.due += timer.period;
      timer.fn();
    }
    this.t = target;
  }

  private nextDue(limit: number): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const timer of this.timers) {
      if (timer.due <= limit && (best === undefined || timer.due < best.due)) best = timer;
    }
    return best;
  }
}
