/**
 * A labelled recording for the detection bench: what a device would stream (batches with
 * jittered timestamps, lost samples, gaps) plus the noise-free truth of every squeeze in it.
 */
import type { SampleBatch } from '../../src/pipeline/types.ts';

/**
 * `slow-rise`: 10–90 % of the rise takes 1.0–1.5 s. `at-start`: under way when the stream
 * started (the app connected mid-hold) or begun during its first 2 s; it may be reported or
 * dropped (nothing before it says where rest is), so it counts neither as found nor as missed,
 * but every squeeze after it must be found.
 */
export type SqueezeKind = 'normal' | 'weak' | 'speed' | 'endurance' | 'back-to-back' | 'straining' | 'slow-rise' | 'at-start';

/** Whether a squeeze may be dropped without counting as missed (see `at-start`). */
export function isOptional(kind: SqueezeKind): boolean {
  return kind === 'at-start';
}

export interface TrueRep {
  readonly kind: SqueezeKind;
  readonly onsetMs: number;
  readonly peakMs: number;
  readonly peakCmH2O: number;
  readonly durationMs: number;
  readonly releaseMs: number;
  readonly riseTimeMs: number;
  readonly holdFade: number;
  readonly straining: boolean;
  /** End of the active part (rise, hold, release): a detection must start before it. */
  readonly endMs: number;
}

export interface LabelledRecording {
  readonly name: string;
  readonly batches: SampleBatch[];
  readonly truth: TrueRep[];
  readonly hasReference: boolean;
  readonly rateHz: number;
  readonly durationMs: number;
  /** Times of the coughs and laugh spikes in it (none may become a rep), ms. */
  readonly artefactMs: readonly number[];
  /** Where the link was down, [from, to) ms, when the bench checks measures against it. */
  readonly linkGaps?: readonly (readonly [number, number])[];
}

/** What a device stream looks like beyond the signal: rate, timestamp jitter, losses. */
export interface StreamProfile {
  readonly rateHz: number;
  /** Standard deviation of the timestamp jitter, as a fraction of the sample interval. */
  readonly jitter: number;
  /** Samples per Bluetooth packet (batch). */
  readonly perPacket: number;
  /** Probability that a packet is lost. */
  readonly packetLoss: number;
  /** Longer outages: [startMs, lengthMs]. */
  readonly gaps: readonly (readonly [number, number])[];
  /** Whether gaps are reported (lostBefore) or only visible as a time jump. */
  readonly reportsLoss: boolean;
}

/**
 * Samples a signal as a device would stream it. `sample(tMs, out)` gives the noisy channels at
 * device time tMs (called with increasing times). Stream timestamps carry jitter but stay
 * monotonic, as the contract requires.
 */
export function streamSamples(
  durationMs: number,
  stream: StreamProfile,
  rng: () => number,
  gauss: () => number,
  sample: (tMs: number, out: { main: number; ref: number }) => void,
  hasReference: boolean,
): SampleBatch[] {
  const dt = 1000 / stream.rateHz;
  const out = { main: 0, ref: Number.NaN };
  const batches: SampleBatch[] = [];
  let t: number[] = [];
  let p: number[] = [];
  let r: number[] = [];
  let lost = 0;
  let lastStamp = -Infinity;
  const flush = () => {
    if (t.length === 0) return;
    batches.push({
      t: Float64Array.from(t),
      p: Float32Array.from(p),
      ref: hasReference ? Float32Array.from(r) : null,
      lostBefore: lost,
    });
    lost = 0;
    t = [];
    p = [];
    r = [];
  };
  let packetLost = false;
  for (let k = 0; ; k++) {
    const tDev = k * dt;
    if (tDev > durationMs) break;
    sample(tDev, out);
    if (k % stream.perPacket === 0) {
      flush();
      packetLost = rng() < stream.packetLoss;
    }
    const inGap = stream.gaps.some(([g0, len]) => tDev >= g0 && tDev < g0 + len);
    if (packetLost || inGap) {
      if (stream.reportsLoss) lost++;
      continue;
    }
    const stamp = Math.max(lastStamp + 0.01, tDev + stream.jitter * dt * gauss());
    lastStamp = stamp;
    t.push(stamp);
    p.push(out.main);
    r.push(out.ref);
  }
  flush();
  return batches;
}

/** Random helpers bound to one seeded generator. */
export function dice(rng: () => number) {
  return {
    uniform: (a: number, b: number) => a + (b - a) * rng(),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)],
    chance: (p: number) => rng() < p,
  };
}
