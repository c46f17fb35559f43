/**
 * Three situations the detection bench did not cover at first: a stream that starts while the
 * user is squeezing (or she squeezes during the warm-up), slow rises, and bouts of coughs. Each
 * check runs over the seeds of SEEDS (breathing phase, noise) so that it holds for the method,
 * not one recording: what must hold for every recording is asserted per seed, errors in ms or %
 * on their p90 over the seeds, against the bench's p90 for that kind of squeeze. The virtual
 * user is fed to the detector sample by sample, as a device streams.
 */
import { describe, expect, it } from 'vitest';
import { VirtualUser, squeezeEndMs, squeezeTruth, type RampShape, type RestProfile } from '../../firmware-sim/model.ts';
import { RepDetector } from '../../src/pipeline/detector.ts';
import type { RepEvent, RepMeasures } from '../../src/pipeline/types.ts';
import { SEEDS, percentile, seeds } from '../fixtures/simulate.ts';

// p90 tolerances from `npm run bench:detect -- --set dev --by-kind`, the kind rows:
/** Onset |error|, ms: kinds normal (78), speed (73), slow-rise (558). */
const ONSET_P90_NORMAL_MS = 78;
const ONSET_P90_SPEED_MS = 73;
const ONSET_P90_SLOW_RISE_MS = 558;
/** Onset |error|, ms, kind normal, with readings rounded to whole cmH2O (`-- --set dev --quantum 1 --by-kind`). */
const ONSET_P90_NORMAL_WHOLE_CMH2O_MS = 82;
/** Rise time |error|, ms: kind slow-rise. */
const RISE_TIME_P90_SLOW_RISE_MS = 263;
/** Latency (announced onset minus true onset), ms: kind normal (178); weak: 297 here, 307 on the held-out seeds (`-- --set heldout --by-kind`). */
const LATENCY_P90_NORMAL_MS = 178;
const LATENCY_P90_WEAK_HELD_OUT_MS = 307;
// The all-squeezes table of the same command:
/** Peak error, % of the true peak. */
const PEAK_P90_PCT = 9.1;
/** Duration (FWHM) |error|, ms. */
const DURATION_P90_MS = 130;
/** The bench's target for recall (its table's target column): found / true squeezes. */
const RECALL = 0.98;
/** Onsets announced then cancelled away from any cough, per minute ("anything else"). */
const STRAY_ONSETS_PER_MIN = 0.08;

const p90 = (xs: readonly number[]) => percentile(xs, 0.9);
const pct = (found: number, truth: number) => (100 * Math.abs(found - truth)) / truth;

const RATE_HZ = 50;

interface Run {
  readonly events: RepEvent[];
  readonly reps: RepMeasures[];
  /** The resting level the detector held at each sample time. */
  readonly restAt: (tMs: number) => number;
}

interface Sensor {
  /** Sample rate, Hz (RATE_HZ unless said). */
  readonly rateHz?: number;
  /** What the sensor reports for the main channel at time t (the virtual user's pressure unless said). */
  readonly reading?: (tMs: number, main: number) => number;
}

/** Streams a virtual user into the detector one sample at a time, from 0 to durationMs. */
function feed(user: VirtualUser, durationMs: number, { rateHz = RATE_HZ, reading = (_t, main) => main }: Sensor = {}): Run {
  const d = new RepDetector();
  const out = { main: 0, ref: 0 };
  const events: RepEvent[] = [];
  const keep = (e: RepEvent) => events.push(e);
  const dt = 1000 / rateHz;
  const rest = new Float64Array(Math.floor(durationMs / dt) + 1);
  for (let k = 0; k < rest.length; k++) {
    user.sampleAt(k * dt, out);
    d.push(k * dt, reading(k * dt, out.main), Number.NaN);
    d.drainEvents(keep);
    rest[k] = d.restLevel;
  }
  d.finish();
  d.drainEvents(keep);
  return {
    events,
    reps: events.flatMap((e) => (e.type === 'rep' ? [e.rep] : [])),
    restAt: (tMs) => rest[Math.round(tMs / dt)],
  };
}

describe('squeezing while the stream starts, or during the warm-up', () => {
  // No wander, so the true resting level is known: level + drift (1 cmH2O/min).
  const REST: Partial<RestProfile> = { levelCmH2O: 1033, driftCmH2OPerMin: 1, wanderCmH2O: 0, breathAmpCmH2O: 0.8, breathHz: 0.25, noiseCmH2O: 0.3 };
  const trueRest = (tMs: number) => 1033 + tMs / 60000;

  // Started 3 s before the stream (the app connects mid-hold), at its very start, or 1.5 s in.
  const situations = [-3000, 0, 1500].map((firstMs) => ({
    firstMs,
    runs: SEEDS.map((seed) => {
      const user = new VirtualUser(seed, REST);
      const first = user.squeeze({ startMs: firstMs, peakCmH2O: 30, riseMs: 400, holdMs: 6000, releaseMs: 600 });
      const letGoMs = squeezeEndMs(first);
      const next = squeezeTruth(user.squeeze({ startMs: letGoMs + 8000, peakCmH2O: 25, holdMs: 4000 }), user.rest.abdominalCoupling);
      const run = feed(user, letGoMs + 20000);
      return { letGoMs, next, run, found: run.reps.filter((r) => Math.abs(r.onsetMs - next.onsetMs) < 500) };
    }),
  }));

  for (const { firstMs, runs } of situations) {
    describe(`a 30 cmH2O squeeze starting at ${firstMs} ms, then another 8 s after its release`, () => {
      it('finds the next squeeze, once', () => {
        for (const { found } of runs) expect(found).toHaveLength(1);
      });

      it('takes the low level after the release as rest within 3 s, and says so at once', () => {
        for (const { letGoMs, run } of runs) {
          // Never learns the hold for good: 3 s after the release the level is the real one.
          expect(Math.abs(run.restAt(letGoMs + 3000) - trueRest(letGoMs + 3000))).toBeLessThanOrEqual(1.5);
          const told = run.events.find((e) => e.type === 'baseline' && e.tMs > letGoMs);
          expect(told?.type === 'baseline' && told.tMs - letGoMs).toBeLessThanOrEqual(2000);
          expect(told?.type === 'baseline' && Math.abs(told.baselineCmH2O - trueRest(told.tMs))).toBeLessThanOrEqual(1.5);
        }
      });

      it('makes no rep out of the wrong level in between (the first squeeze may be reported or not)', () => {
        for (const { letGoMs, next, run } of runs) expect(run.reps.filter((r) => r.onsetMs > letGoMs && r.onsetMs < next.onsetMs - 500)).toHaveLength(0);
      });
    });
  }

  it('finds the next squeeze as the bench finds normal squeezes: onset, latency and peak within their p90', () => {
    // Pooled over the three situations (72 recordings): about 1 in 30 has an onset 80–215 ms
    // off, which in 24 recordings alone now and then lifts the p90 past the bound.
    const next = situations.flatMap(({ runs }) => runs.map(({ next, found }) => ({ truth: next, rep: found[0] })));
    expect(p90(next.map(({ truth, rep }) => Math.abs(rep.onsetMs - truth.onsetMs)))).toBeLessThanOrEqual(ONSET_P90_NORMAL_MS);
    expect(p90(next.map(({ truth, rep }) => rep.detectedAtMs - truth.onsetMs))).toBeLessThanOrEqual(LATENCY_P90_NORMAL_MS);
    expect(p90(next.map(({ truth, rep }) => pct(rep.peakCmH2O, truth.peakCmH2O)))).toBeLessThanOrEqual(PEAK_P90_PCT);
  });

  it('a squeeze begun after 1.2–2 s of rest is reported, measured against the rest before it', () => {
    const onsetErr: number[] = [];
    const peakErr: number[] = [];
    SEEDS.forEach((seed, i) => {
      const user = new VirtualUser(seed, REST);
      const s = user.squeeze({ startMs: 1200 + 150 * (i % 6), peakCmH2O: 25, holdMs: 4000 });
      const truth = squeezeTruth(s, user.rest.abdominalCoupling);
      const { reps } = feed(user, 14000);
      expect(reps).toHaveLength(1);
      onsetErr.push(Math.abs(reps[0].onsetMs - truth.onsetMs));
      peakErr.push(pct(reps[0].peakCmH2O, truth.peakCmH2O));
    });
    expect(p90(onsetErr)).toBeLessThanOrEqual(ONSET_P90_NORMAL_MS);
    expect(p90(peakErr)).toBeLessThanOrEqual(PEAK_P90_PCT);
  });

  it('a cough 1.5 s in is not a rep, and the squeeze after it is found', () => {
    const onsetErr = SEEDS.map((seed) => {
      const user = new VirtualUser(seed, REST);
      user.cough({ atMs: 1500, amplitudeCmH2O: 40, widthMs: 350 });
      const s = user.squeeze({ startMs: 8000, peakCmH2O: 25, holdMs: 4000 });
      const truth = squeezeTruth(s, user.rest.abdominalCoupling);
      const { reps } = feed(user, 18000);
      expect(reps).toHaveLength(1);
      return Math.abs(reps[0].onsetMs - truth.onsetMs);
    });
    expect(p90(onsetErr)).toBeLessThanOrEqual(ONSET_P90_NORMAL_MS);
  });

  it('a warm-up at rest (breathing 1.5 cmH2O, noise 0.6) is trusted: a squeeze at 3.5 s is found', () => {
    const onsetErr = SEEDS.map((seed) => {
      const user = new VirtualUser(seed, { ...REST, breathAmpCmH2O: 1.5, noiseCmH2O: 0.6 });
      const s = user.squeeze({ startMs: 3500, peakCmH2O: 20, holdMs: 3000 });
      const truth = squeezeTruth(s, user.rest.abdominalCoupling);
      const { reps } = feed(user, 12000);
      expect(reps).toHaveLength(1);
      return Math.abs(reps[0].onsetMs - truth.onsetMs);
    });
    expect(p90(onsetErr)).toBeLessThanOrEqual(ONSET_P90_NORMAL_MS);
  });
});

describe('slow rises', () => {
  const REST: Partial<RestProfile> = { levelCmH2O: 1033, driftCmH2OPerMin: 4, wanderCmH2O: 0.2, breathAmpCmH2O: 0.8, breathHz: 0.25, noiseCmH2O: 0.3 };

  /** Onset and rise time |error|, ms, of one squeeze rising with `shape` over `riseMs`, on each seed. */
  function errors(riseShape: RampShape, riseMs: number): { onsetMs: number[]; riseTimeMs: number[] } {
    const onsetMs: number[] = [];
    const riseTimeMs: number[] = [];
    for (const seed of SEEDS) {
      const user = new VirtualUser(seed, REST);
      const s = user.squeeze({ startMs: 8000, peakCmH2O: 30, riseMs, riseShape, holdMs: 4000, releaseMs: 600 });
      const truth = squeezeTruth(s, user.rest.abdominalCoupling);
      const { reps } = feed(user, 20000);
      expect(reps).toHaveLength(1);
      onsetMs.push(Math.abs(reps[0].onsetMs - truth.onsetMs));
      riseTimeMs.push(Math.abs(reps[0].riseTimeMs - truth.riseTimeMs));
    }
    return { onsetMs, riseTimeMs };
  }

  // The bench's slow rises (10–90 % over 1.0–1.5 s, every shape) have p90s of 558 ms (onset) and
  // 263 ms (rise time): these cases do better (over seeds 1–240, p90 of the onset error: cosine
  // 119 ms, linear 31, logistic 337; of the rise time error: 57, 64, 87 ms). The bounds stay the
  // bench's, so that they mean the same here and there. What they catch: before the walk back
  // started from the last resting point, slow rises had onsets 0.7–1.2 s late and rise times
  // cut by half.
  it('a cosine rise over 1.5 s (10–90 % in 0.89 s): onset and rise time within the bench p90 of slow rises', () => {
    const e = errors('cosine', 1500);
    expect(p90(e.onsetMs)).toBeLessThanOrEqual(ONSET_P90_SLOW_RISE_MS);
    expect(p90(e.riseTimeMs)).toBeLessThanOrEqual(RISE_TIME_P90_SLOW_RISE_MS);
  });

  it('a linear rise over 1.5 s: onset and rise time within the bench p90 of slow rises (the rise time was measured from a late onset: −50 %, 600 ms)', () => {
    const e = errors('linear', 1500);
    expect(p90(e.onsetMs)).toBeLessThanOrEqual(ONSET_P90_SLOW_RISE_MS);
    expect(p90(e.riseTimeMs)).toBeLessThanOrEqual(RISE_TIME_P90_SLOW_RISE_MS);
  });

  it('a logistic rise over 2 s, whose first 200 ms climb 1 % of the peak (inside breathing): onset and rise time within the bench p90 of slow rises', () => {
    const e = errors('sigmoid', 2000);
    expect(p90(e.onsetMs)).toBeLessThanOrEqual(ONSET_P90_SLOW_RISE_MS);
    expect(p90(e.riseTimeMs)).toBeLessThanOrEqual(RISE_TIME_P90_SLOW_RISE_MS);
  });

  it('a fast rise (cosine over 300 ms) keeps its onset within the bench p90 of quick squeezes', () => {
    expect(p90(errors('cosine', 300).onsetMs)).toBeLessThanOrEqual(ONSET_P90_SPEED_MS);
  });
});

describe('bouts of coughs', () => {
  it('two coughs 250 ms apart (above half for under 0.5 s) are withdrawn, and the next squeeze is rep 0', () => {
    for (const seed of SEEDS) {
      const user = new VirtualUser(seed, { levelCmH2O: 0, breathAmpCmH2O: 0.6, noiseCmH2O: 0.2, wanderCmH2O: 0.2 });
      for (const atMs of [8000, 8250]) user.cough({ atMs, amplitudeCmH2O: 40, widthMs: 400 });
      user.squeeze({ startMs: 14000, peakCmH2O: 25, holdMs: 3000 });
      const { events, reps } = feed(user, 22000);
      expect(reps).toHaveLength(1);
      expect(reps[0].index).toBe(0);
      expect(reps[0].onsetMs).toBeGreaterThan(13500);
      // Every onset announced for the bout was withdrawn.
      const boutOnsets = events.filter((e) => e.type === 'onset' && e.onsetMs < 12000).length;
      expect(boutOnsets).toBeGreaterThan(0);
      expect(events.filter((e) => e.type === 'cancel' && e.tMs < 12000)).toHaveLength(boutOnsets);
    }
  });

  it('2–3 coughs that fuse (400–450 ms wide, 250–300 ms apart, above half for up to 0.75 s) are withdrawn: 320 bouts', () => {
    let bouts = 0;
    let reps = 0;
    for (const seed of seeds(40)) {
      for (const count of [2, 3]) {
        for (const gapMs of [250, 300]) {
          for (const widthMs of [400, 450]) {
            const user = new VirtualUser(seed, { levelCmH2O: 0, breathAmpCmH2O: 0.6, noiseCmH2O: 0.2 });
            for (let k = 0; k < count; k++) user.cough({ atMs: 8000 + k * gapMs, amplitudeCmH2O: 30 + 10 * (seed % 3), widthMs });
            bouts++;
            reps += feed(user, 14000).reps.length;
          }
        }
      }
    }
    expect(bouts).toBe(320);
    expect(reps).toBe(0);
  });

  it('a quick squeeze (held under 1 s) with a cough on top keeps its one peak and stays a rep', () => {
    // A smaller cough early in the hold, a bigger one later (a bigger one within the first
    // 0.5 s still cancels the squeeze: it then looks like the cough's own tail).
    for (const [atMs, amplitudeCmH2O] of [
      [6450, 20],
      [6650, 40],
    ]) {
      for (const seed of SEEDS) {
        const user = new VirtualUser(seed, { levelCmH2O: 0, breathAmpCmH2O: 0.6, noiseCmH2O: 0.2 });
        user.squeeze({ startMs: 6000, peakCmH2O: 25, riseMs: 200, holdMs: 800, releaseMs: 250, fade: 0 });
        user.cough({ atMs, amplitudeCmH2O, widthMs: 300 });
        expect(feed(user, 12000).reps).toHaveLength(1);
      }
    }
  });

  it('a weak quick squeeze (6–7 cmH2O, held under 1 s) sampled at 20 Hz in noise keeps its one peak and stays a rep (98 % of them at least)', () => {
    let found = 0;
    const over = seeds(60);
    for (const seed of over) {
      const user = new VirtualUser(seed, { levelCmH2O: 0, breathAmpCmH2O: 0.4, noiseCmH2O: 0.6, wanderCmH2O: 0.2 });
      user.squeeze({ startMs: 6000, peakCmH2O: 6, riseMs: 200, holdMs: 700, releaseMs: 250, fade: 0 });
      user.squeeze({ startMs: 12000, peakCmH2O: 7, riseMs: 200, holdMs: 800, releaseMs: 250, fade: 0.1 });
      const { reps } = feed(user, 18000, { rateHz: 20 });
      expect(reps.length).toBeLessThanOrEqual(2);
      found += reps.length;
    }
    // 5 of 2400 were missed over seeds 1–1200 (none of seeds 1–60, which the test used to run
    // on): the bound is the bench's target for recall, 0.98 (`npm run bench:detect`).
    expect(found).toBeGreaterThanOrEqual(RECALL * 2 * over.length);
  });

  it('a quick squeeze held about 1 s is still a rep, its duration within the bench p90', () => {
    const durationErr = SEEDS.map((seed) => {
      const user = new VirtualUser(seed, { levelCmH2O: 0, breathAmpCmH2O: 0.6, noiseCmH2O: 0.2, wanderCmH2O: 0.2 });
      const s = user.squeeze({ startMs: 6000, peakCmH2O: 25, riseMs: 200, holdMs: 700, releaseMs: 250, fade: 0 });
      const truth = squeezeTruth(s, user.rest.abdominalCoupling);
      const { reps } = feed(user, 12000);
      expect(reps).toHaveLength(1);
      return Math.abs(reps[0].durationMs - truth.durationMs);
    });
    expect(p90(durationErr)).toBeLessThanOrEqual(DURATION_P90_MS);
  });
});

describe('weak squeezes in deep breathing', () => {
  // Breathing ±1.5 cmH2O at 0.25 Hz: a 7 cmH2O squeeze is under five times its swing.
  const REST: Partial<RestProfile> = { levelCmH2O: 1033, driftCmH2OPerMin: 1, wanderCmH2O: 0.2, breathAmpCmH2O: 1.5, breathHz: 0.25, noiseCmH2O: 0.3 };
  // Starts spread over a breath (4 s), so some begin on the out-breath.
  const STARTS = [10000, 10700, 11400, 12100, 12800, 13500];

  it('a 7 cmH2O squeeze rising over 600 ms is announced within the bench p90 of weak squeezes, wherever it falls in the breath', () => {
    const latencies: number[] = [];
    for (const seed of SEEDS) {
      for (const startMs of STARTS) {
        const user = new VirtualUser(seed, REST);
        const s = user.squeeze({ startMs, peakCmH2O: 7, riseMs: 600, riseShape: 'cosine', holdMs: 3000, releaseMs: 600 });
        const truth = squeezeTruth(s, user.rest.abdominalCoupling);
        const { reps } = feed(user, startMs + 10000);
        expect(reps).toHaveLength(1);
        latencies.push(reps[0].detectedAtMs - truth.onsetMs);
      }
    }
    // This case sits right at the bench's p90 for weak squeezes: its own p90 is 300 ms over seeds
    // 1–240 (280–300 from one 24 seeds to the next, at most 340), so the bound is the held-out one.
    expect(p90(latencies)).toBeLessThanOrEqual(LATENCY_P90_WEAK_HELD_OUT_MS);
  });

  it('three minutes of that breathing alone make no rep, and announce an onset no more often than the bench sees stray ones', () => {
    let onsets = 0;
    for (const seed of SEEDS) {
      const { events, reps } = feed(new VirtualUser(seed, REST), 180000);
      expect(reps).toHaveLength(0);
      onsets += events.filter((e) => e.type === 'onset').length;
    }
    // 3 onsets in 720 minutes over seeds 1–240; one a breath would be 45 a seed.
    expect(onsets).toBeLessThanOrEqual(STRAY_ONSETS_PER_MIN * 3 * SEEDS.length);
  });
});

describe('a squeeze soon after one that let go only nearly to rest', () => {
  it('is measured from its own rise, not from the moment the last one counted as relaxed', () => {
    const onsetErr: number[] = [];
    // About 1 in 50 has an onset 80–125 ms off (seeds 1–480): 48 seeds keep the p90 steady.
    for (const seed of seeds(48)) {
      // The first one settles 1.8 cmH2O above rest (inside the resting band, above the noise) …
      const user = new VirtualUser(seed, { levelCmH2O: 1033, driftCmH2OPerMin: 0, wanderCmH2O: 0, breathAmpCmH2O: 0.3, breathHz: 0.25, noiseCmH2O: 0.15 });
      const first = user.squeeze({ startMs: 8000, peakCmH2O: 30, holdMs: 4000, releaseMs: 600, residualCmH2O: 1.8, residualTauMs: 60000 });
      // … and the next begins 1.3 s after it.
      const next = user.squeeze({ startMs: squeezeEndMs(first) + 1300, peakCmH2O: 30, holdMs: 4000 });
      const truth = squeezeTruth(next, user.rest.abdominalCoupling);
      const { reps } = feed(user, truth.releaseMs + 8000);
      expect(reps).toHaveLength(2);
      expect(reps[0].relaxedMs).not.toBeNull();
      onsetErr.push(Math.abs(reps[1].onsetMs - truth.onsetMs));
    }
    // Walked back onto the last rep's release tail, the onset was 1.2 s early.
    expect(p90(onsetErr)).toBeLessThanOrEqual(ONSET_P90_NORMAL_MS);
  });
});

describe('a sensor that reports whole cmH2O', () => {
  it('finds every squeeze from its rise, not from the breath before it (one step up is not a departure)', () => {
    const errors: number[] = [];
    for (const seed of seeds(30)) {
      // Breathing of ±0.5 cmH2O: on whole cmH2O it is a step up and down now and then.
      const user = new VirtualUser(seed, { levelCmH2O: 10, driftCmH2OPerMin: 0.5, wanderCmH2O: 0.2, breathAmpCmH2O: 0.5, breathHz: 0.25, noiseCmH2O: 0.05 });
      const truths = [8000, 20000, 32000].map((startMs) => squeezeTruth(user.squeeze({ startMs, peakCmH2O: 25, holdMs: 5000 }), user.rest.abdominalCoupling));
      const { reps } = feed(user, 45000, { rateHz: 80, reading: (_t, main) => Math.round(main) });
      expect(reps).toHaveLength(3);
      truths.forEach((truth, k) => errors.push(Math.abs(reps[k].onsetMs - truth.onsetMs)));
    }
    // Taking a one-step breath for the start of the rise put onsets up to 0.6 s early. The bound:
    // normal squeezes' onset p90 with readings rounded so, `npm run bench:detect -- --set dev
    // --quantum 1 --by-kind`.
    expect(p90(errors)).toBeLessThanOrEqual(ONSET_P90_NORMAL_WHOLE_CMH2O_MS);
  });
});

describe('the level moves for good (the probe shifts, the user stands up)', () => {
  it('a step of 8 cmH2O that stays is withdrawn within 2 min, and later squeezes are measured from the new level', () => {
    const onsetErr: number[] = [];
    const peakErr: number[] = [];
    // Three minutes each: 20 seeds.
    for (const seed of SEEDS.slice(0, 20)) {
      const user = new VirtualUser(seed, { levelCmH2O: 0, breathAmpCmH2O: 0.6, noiseCmH2O: 0.2, wanderCmH2O: 0.2 });
      const truths = [150000, 165000].map((startMs) => squeezeTruth(user.squeeze({ startMs, peakCmH2O: 25, holdMs: 4000 }), user.rest.abdominalCoupling));
      const step = (t: number) => 8 * Math.min(1, Math.max(0, (t - 10000) / 300));
      const { events, reps } = feed(user, 180000, { reading: (t, main) => main + step(t) });
      const stepOnset = events.find((e) => e.type === 'onset' && e.onsetMs < 11000);
      expect(stepOnset).toBeDefined();
      const withdrawn = events.find((e) => e.type === 'cancel' && stepOnset?.type === 'onset' && e.index === stepOnset.index);
      expect(withdrawn?.type === 'cancel' && withdrawn.tMs).toBeLessThanOrEqual(10000 + 125000);
      expect(reps).toHaveLength(2);
      reps.forEach((rep, k) => {
        onsetErr.push(Math.abs(rep.onsetMs - truths[k].onsetMs));
        peakErr.push(pct(rep.peakCmH2O, truths[k].peakCmH2O));
        expect(rep.relaxedMs).not.toBeNull();
      });
    }
    // Measured from the old level, the peaks would read 8 cmH2O (30 %) high.
    expect(p90(onsetErr)).toBeLessThanOrEqual(ONSET_P90_NORMAL_MS);
    expect(p90(peakErr)).toBeLessThanOrEqual(PEAK_P90_PCT);
  });
});
