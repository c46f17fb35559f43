/**
 * What homes add (issue #13; figures: `npm run bench:detect -- --set home`): a change of
 * position, an endurance hold that dips and is caught again, a squeeze begun under a cough, a
 * link drop during a rise. Each case over many virtual users.
 */
import { describe, expect, it } from 'vitest';
import { RepDetector } from '../../src/pipeline/detector.ts';
import type { RepMeasures, SampleBatch } from '../../src/pipeline/types.ts';
import { squeezeTruth, type RestProfile, type VirtualUser } from '../../firmware-sim/model.ts';
import { SEEDS, detect, percentile, repsIn, stream, userWith } from '../fixtures/simulate.ts';

/** `npm run bench:detect -- --set home:position`: latency p90 over the family. */
const LATENCY_P90_MS = 300;
const p90 = (xs: readonly number[]) => percentile(xs, 0.9);
/** User k of the 24: a tared probe for even k, an absolute one for odd k. */
const userK = (seed: number, k: number, rest: Partial<RestProfile>) => userWith(seed, { levelCmH2O: k % 2 === 0 ? 2 : 1030, ...rest });
/** User k's stream: 20–100 Hz, arrival jitter a tenth of the interval. */
const streamK = (user: VirtualUser, k: number, durationMs: number) => stream(user, { durationMs, rateHz: 20 + 10 * (k % 9), jitter: 0.1 });
/** Peak error, % of the true peak. */
const peakErrPct = (found: { peakCmH2O: number }, truth: { peakCmH2O: number }) => (100 * Math.abs(found.peakCmH2O - truth.peakCmH2O)) / truth.peakCmH2O;
const cancels = (events: ReturnType<typeof detect>) => events.filter((e) => e.type === 'cancel').length;

/**
 * Each run (a squeeze begun at `startMs`) gives one rep, announced no earlier than 100 ms before
 * the squeeze began. The time it carries is that of the last announcement of its index, and an
 * earlier one was withdrawn with a cancel first. Returns the onset errors, ms.
 */
function expectOneRepAnnouncedFromItsOnset(runs: readonly { startMs: number; events: ReturnType<typeof detect> }[]): number[] {
  const onsetErr: number[] = [];
  for (const { startMs, events } of runs) {
    const reps = repsIn(events);
    expect(reps).toHaveLength(1);
    const [rep] = reps;
    expect(rep.detectedAtMs).toBeGreaterThanOrEqual(startMs - 100);
    onsetErr.push(Math.abs(rep.onsetMs - startMs));
    const ofRep = events.filter((e) => (e.type === 'onset' || e.type === 'cancel') && e.index === rep.index);
    const last = ofRep.at(-1);
    expect(last?.type === 'onset' ? last.detectedAtMs : null).toBe(rep.detectedAtMs);
    for (let i = 1; i < ofRep.length; i++) if (ofRep[i].type === 'onset') expect(ofRep[i - 1].type).toBe('cancel');
  }
  return onsetErr;
}

describe('a change of position (the resting level moves and stays)', () => {
  const runs = SEEDS.map((seed, k) => {
    const user = userWith(seed, { levelCmH2O: 0, breathAmpCmH2O: 0.8 });
    user.squeeze({ startMs: 5000, peakCmH2O: 25, holdMs: 4000 });
    // Up or down by 4–8 cmH2O, with a jolt on every other user.
    const step = (k % 2 === 0 ? 1 : -1) * (4 + (k % 5));
    if (k % 3 !== 0) user.cough({ atMs: 14_900, amplitudeCmH2O: 12, widthMs: 300 });
    user.shift({ atMs: 15_000, cmH2O: step, rampMs: 300 });
    const second = user.squeeze({ startMs: 21_000, peakCmH2O: 20, holdMs: 4000 });
    return { step, second, events: detect(stream(user, { durationMs: 36_000 })) };
  });

  it('is no rep: the squeezes before and after it are the two reps', () => {
    for (const { events } of runs) expect(repsIn(events)).toHaveLength(2);
  });

  it('the squeeze after it is measured from the new resting level, announced at its own onset', () => {
    const reps = runs.map(({ events }) => repsIn(events)[1]);
    expect(p90(runs.map(({ second }, k) => Math.abs(reps[k].onsetMs - second.startMs)))).toBeLessThanOrEqual(150);
    const latency = runs.map(({ second }, k) => reps[k].detectedAtMs - second.startMs);
    expect(Math.min(...latency)).toBeGreaterThanOrEqual(-100);
    // Announced as a rise over what looked like a hold (the moved level), or once its running
    // median climbed over it (later, rarer).
    expect(p90(latency)).toBeLessThanOrEqual(LATENCY_P90_MS);
    for (const [k, { events }] of runs.entries()) {
      // The onset the rep carries was announced for it, and is the last announcement of its index.
      const announced = events.filter((e) => e.type === 'onset' && e.index === reps[k].index).at(-1);
      expect(announced?.type === 'onset' ? announced.detectedAtMs : null).toBe(reps[k].detectedAtMs);
    }
    expect(p90(reps.map((r) => (100 * Math.abs(r.peakCmH2O - 20)) / 20))).toBeLessThanOrEqual(12);
  });
});

describe('an endurance hold that fades, dips and is caught again', () => {
  const runs = SEEDS.map((seed, k) => {
    const user = userWith(seed, { levelCmH2O: 1030, breathAmpCmH2O: 0.6 });
    const hold = user.squeeze({ startMs: 5000, peakCmH2O: 20, holdMs: 30_000, fade: 0.3 });
    user.dip({ atMs: 17_000, fraction: 0.45 + 0.01 * (k % 10), durationMs: 1500 });
    user.dip({ atMs: 27_000, fraction: 0.5, durationMs: 2000 });
    return { user, hold, reps: repsIn(detect(stream(user, { durationMs: 50_000 }))) };
  });

  it('is one rep, with its hold time', () => {
    for (const { reps } of runs) expect(reps).toHaveLength(1);
    const err = runs.map(({ user, reps }) => Math.abs(reps[0].durationMs - user.truth()[0].durationMs));
    expect(p90(err)).toBeLessThanOrEqual(500);
  });
});

describe('a squeeze begun under a cough (the Knack done late)', () => {
  const runs = SEEDS.map((seed, k) => {
    const user = userWith(seed, { levelCmH2O: 5, breathAmpCmH2O: 0.8 });
    const s = user.squeeze({ startMs: 8000 + 20 * (k % 8), peakCmH2O: 12 + k, holdMs: 2500 });
    user.cough({ atMs: 8100, amplitudeCmH2O: 30 + k, widthMs: 350 });
    return { s, reps: repsIn(detect(stream(user, { durationMs: 20_000 }))) };
  });

  it('is found, its onset near the start of the squeeze', () => {
    for (const { reps } of runs) expect(reps).toHaveLength(1);
    expect(p90(runs.map(({ s, reps }) => Math.abs(reps[0].onsetMs - s.startMs)))).toBeLessThanOrEqual(250);
  });

  it('a cough alone at rest is still withdrawn', () => {
    for (const seed of SEEDS) {
      const user = userWith(seed, { levelCmH2O: 5 });
      user.cough({ atMs: 8000, amplitudeCmH2O: 40, widthMs: 450 });
      const events = detect(stream(user, { durationMs: 16_000 }));
      expect(repsIn(events)).toHaveLength(0);
      expect(cancels(events)).toBeLessThanOrEqual(1);
    }
  });
});

describe('a squeeze begun in the fall of a cough (a laugh, the Knack done late)', () => {
  // The cough (larger than the squeeze) is announced as a rise; the squeeze begins in its fall
  // (from `from` to `from` + 10 % of its width) and comes into view out of the trough the fall
  // leaves. 24 users, 20–100 Hz.
  const runsFrom = (from: number) =>
    SEEDS.map((seed, k) => {
      const user = userWith(seed, { levelCmH2O: 3, breathAmpCmH2O: 0.6 });
      const widthMs = 250 + 10 * (k % 8);
      user.cough({ atMs: 8000, amplitudeCmH2O: 30 + k, widthMs });
      const startMs = 8000 + (from + 0.02 * (k % 6)) * widthMs;
      user.squeeze({ startMs, peakCmH2O: 20 + k, riseMs: 300 + 10 * (k % 5), holdMs: 3000 });
      return { startMs, events: detect(stream(user, { durationMs: 20_000, rateHz: 20 + 10 * (k % 9) })) };
    });

  it("is announced no earlier than its onset, not at the cough's", () => {
    const runs = runsFrom(0.6);
    // The case happens: the cough is announced before the squeeze begins, for every user.
    for (const { startMs, events } of runs) expect(events.some((e) => e.type === 'onset' && e.detectedAtMs < startMs)).toBe(true);
    // Without the squeeze's own rise, the cough's announcement was kept: 0.09–0.2 s early.
    const onsetErr = expectOneRepAnnouncedFromItsOnset(runs);
    // Its onset is its own rise, not the cough's start (0.17–0.25 s before it).
    expect(p90(onsetErr)).toBeLessThanOrEqual(60);
  });

  it("begun just past the cough's peak, its trough still high, it keeps none of the cough's announcement", () => {
    // The trough the squeeze rises out of stands above half the squeeze: its own rise is looked
    // for half-way up from there, not at half its height, which the cough's rise crossed first.
    for (const { startMs, events } of runsFrom(0.4)) {
      const reps = repsIn(events);
      expect(reps).toHaveLength(1);
      expect(reps[0].detectedAtMs).toBeGreaterThan(startMs);
    }
  });

  it('begun late in the fall or as it ends, it is still found, and from its own onset', () => {
    for (const from of [0.75, 0.9]) {
      const runs = runsFrom(from);
      // Climbing out of the trough when the cough has passed, it stands above the running median,
      // which still holds the fall: without waiting for the median, 5 (begun at 75–85 %) and 13
      // (90–100 %) of the 24 squeezes were withdrawn with the cough, and 6 more found 0.5–1.9 s late.
      const onsetErr = expectOneRepAnnouncedFromItsOnset(runs);
      expect(p90(onsetErr)).toBeLessThanOrEqual(60);
    }
  });
});

describe('a link drop during the rise', () => {
  it('the squeeze is still found, cut, with nothing measured across the gap', () => {
    for (const seed of SEEDS) {
      const user = userWith(seed, { levelCmH2O: 0 });
      const s = user.squeeze({ startMs: 8000, peakCmH2O: 25, riseMs: 600, holdMs: 5000 });
      const gap = [s.startMs + 300, s.startMs + 2300] as const;
      const reps = repsIn(detect(stream(user, { durationMs: 25_000, lost: [gap] })));
      expect(reps, `seed ${seed}`).toHaveLength(1);
      expect(reps[0].cut).toBe(true);
      expect(reps[0].releaseMs).toBeLessThanOrEqual(gap[0]);
      expect(Math.abs(reps[0].onsetMs - s.startMs)).toBeLessThanOrEqual(150);
    }
  });
});

describe('a burst of lost packets (0.3–0.8 s, too short to be a link drop) at the start of a squeeze', () => {
  // Where the gap falls: ending 100–400 ms before the squeeze, over its start, or from 50–150 ms
  // into its rise. The pressure on both sides of it is one signal: the level before the gap is
  // the level the squeeze rose from, and a rise first seen after the gap began in it.
  const at = (k: number, startMs: number): readonly [number, number] => {
    const length = 300 + 20 * (k % 26);
    const where = k % 3;
    if (where === 0) return [startMs - length - (100 + 12 * k), startMs - (100 + 12 * k)];
    if (where === 1) return [startMs - (50 + 8 * k), startMs - (50 + 8 * k) + length];
    return [startMs + 50 + 4 * k, startMs + 50 + 4 * k + length];
  };
  const runs = SEEDS.flatMap((seed, k) =>
    [0, 1, 2].map((shift) => {
      const user = userK(seed, k, { noiseCmH2O: 0.1 + 0.01 * (k % 10) });
      const kk = 3 * k + shift;
      const s = user.squeeze({ startMs: 9000, peakCmH2O: 18 + (kk % 7) * 4, riseMs: 300 + 25 * (kk % 17), holdMs: 4000 });
      const events = detect(stream(user, { durationMs: 22_000, rateHz: 20 + 10 * (kk % 9), jitter: 0.1, lost: [at(kk, s.startMs)] }));
      return { startMs: s.startMs, events };
    }),
  );

  it('the squeeze is one rep, announced no earlier than its onset, its onset near its start', () => {
    const onsetErr = expectOneRepAnnouncedFromItsOnset(runs);
    expect(p90(onsetErr)).toBeLessThanOrEqual(150);
  });

  /**
   * User k's one squeeze of 30 cmH2O rising over `riseMs`, with the packets in `lost(startMs)`
   * lost, at 20–100 Hz: the reps found, the true rise time, the sample interval.
   */
  function squeezeWithBurst(seed: number, k: number, riseMs: number, lost: (startMs: number) => readonly [number, number]) {
    const user = userK(seed, k, {});
    const s = user.squeeze({ startMs: 9000, peakCmH2O: 30, riseMs, holdMs: 4000 });
    const rateHz = 20 + 10 * (k % 9);
    const reps = repsIn(detect(stream(user, { durationMs: 22_000, rateHz, jitter: 0.1, lost: [lost(s.startMs)] })));
    expect(reps, `seed ${seed}`).toHaveLength(1);
    return { rep: reps[0], trueRiseMs: user.truth()[0].riseTimeMs, intervalMs: 1000 / rateHz };
  }

  it('when its whole rise fell in the burst, its rise time is not known (not 0 ms), only that it lies within the burst', () => {
    for (const [k, seed] of SEEDS.entries()) {
      const { rep, trueRiseMs, intervalMs } = squeezeWithBurst(seed, k, 300, (startMs) => [startMs - 100, startMs + 500]);
      expect(rep.riseTimeMs, `seed ${seed}`).toBeNaN();
      // From no time at all to the burst and the sample intervals either side of it.
      expect(rep.riseTimeMinMs, `seed ${seed}`).toBe(0);
      expect(rep.riseTimeMaxMs, `seed ${seed}`).toBeGreaterThanOrEqual(trueRiseMs);
      expect(rep.riseTimeMaxMs, `seed ${seed}`).toBeLessThanOrEqual(600 + 2 * intervalMs * 1.1);
    }
  });

  it('when only its 90 % crossing fell in the burst, its rise time lies within the range given, which ends at the burst', () => {
    const widths: number[] = [];
    for (const [k, seed] of SEEDS.entries()) {
      const riseMs = 500 + 20 * k;
      const { rep, trueRiseMs } = squeezeWithBurst(seed, k, riseMs, (startMs) => [startMs + 0.6 * riseMs, startMs + 0.6 * riseMs + 400]);
      expect(rep.riseTimeMs, `seed ${seed}`).toBeNaN();
      // Within the measuring error of a rise time seen whole (tens of ms on these users).
      expect(rep.riseTimeMinMs!, `seed ${seed}`).toBeLessThanOrEqual(trueRiseMs + 50);
      expect(rep.riseTimeMaxMs!, `seed ${seed}`).toBeGreaterThanOrEqual(trueRiseMs - 50);
      widths.push(rep.riseTimeMaxMs! - rep.riseTimeMinMs!);
    }
    // No wider than the burst and a sample interval on either side.
    expect(Math.max(...widths)).toBeLessThanOrEqual(400 + 2 * 50 * 1.1);
  });

  it('when the burst fell between its 10 and 90 % crossings, its rise time is known', () => {
    const errors: number[] = [];
    for (const [k, seed] of SEEDS.entries()) {
      const riseMs = 900 + 20 * k;
      const { rep, trueRiseMs } = squeezeWithBurst(seed, k, riseMs, (startMs) => [startMs + 0.3 * riseMs, startMs + 0.3 * riseMs + 250]);
      errors.push(Math.abs(rep.riseTimeMs - trueRiseMs));
      expect(rep.riseTimeMinMs).toBe(rep.riseTimeMaxMs);
    }
    // NaN (the walk back from half-way stopping at the burst) fails this.
    expect(p90(errors)).toBeLessThanOrEqual(60);
  });
});

describe('a breath, or a step of a coarse sensor, just before a squeeze', () => {
  // The pressure rises by about 1 cmH2O (enough to be announced as a rise, far less than a rep)
  // and stays there until the squeeze begins 0.4–1.2 s later; it settles back after the squeeze.
  // Continuous readings at 20–50 Hz, and a sensor reporting steps of 0.5 cmH2O at 12–20 Hz.
  const quantised = (batches: SampleBatch[], step: number): SampleBatch[] => batches.map((b) => ({ ...b, p: b.p.map((x) => Math.round(x / step) * step) }));
  const cases = [
    { name: 'a breath (continuous readings)', riseCmH2O: 1, step: 0 },
    { name: 'a step of a sensor with 0.5 cmH2O resolution', riseCmH2O: 1.3, step: 0.5 },
  ];
  for (const { name, riseCmH2O, step } of cases) {
    const runs = SEEDS.map((seed, k) => {
      const user = userWith(seed, { levelCmH2O: 2, breathAmpCmH2O: 0.4 });
      const startMs = 8000 + 37 * k;
      const rise = riseCmH2O + 0.02 * (k % 5);
      user.shift({ atMs: startMs - 400 - 35 * k, cmH2O: rise, rampMs: 150 });
      user.shift({ atMs: startMs + 7000, cmH2O: -rise, rampMs: 1500 });
      user.squeeze({ startMs, peakCmH2O: 12 + k, holdMs: 3000 });
      const rateHz = step > 0 ? 12 + 2 * (k % 5) : 20 + 10 * (k % 4);
      const batches = stream(user, { durationMs: 20_000, rateHz, jitter: 0.2 });
      return { startMs, events: detect(step > 0 ? quantised(batches, step) : batches) };
    });

    it(`${name}: the squeeze is announced no earlier than its onset`, () => {
      // The case happens: the rise before the squeeze is announced for a good share of the users.
      const precursorAnnounced = runs.filter(({ startMs, events }) => events.some((e) => e.type === 'onset' && e.detectedAtMs < startMs - 100));
      expect(precursorAnnounced.length).toBeGreaterThanOrEqual(SEEDS.length / 3);
      for (const { events } of runs) {
        const reps = repsIn(events);
        expect(reps).toHaveLength(1);
        const [rep] = reps;
        expect(rep.detectedAtMs).toBeGreaterThanOrEqual(rep.onsetMs - 100);
        // The time the rep carries is that of the last announcement of its index (an earlier one
        // was withdrawn with a cancel first).
        const ofRep = events.filter((e) => (e.type === 'onset' || e.type === 'cancel') && e.index === rep.index);
        const last = ofRep.at(-1);
        expect(last?.type === 'onset' ? last.detectedAtMs : null).toBe(rep.detectedAtMs);
        for (let i = 1; i < ofRep.length; i++) if (ofRep[i].type === 'onset') expect(ofRep[i - 1].type).toBe('cancel');
      }
    });
  }
});

describe('a probe that reads in about a dozen levels (steps of a tenth of the strongest squeeze)', () => {
  // Breathing moves the reading a step now and then; a squeeze is a few steps tall. Polled at
  // 10–20 Hz, the level at rest sometimes on a step's edge.
  const runs = SEEDS.map((seed, k) => {
    const user = userWith(seed, { levelCmH2O: 2 + 0.37 * k, breathAmpCmH2O: 0.6 + 0.05 * (k % 10) });
    const peaks = [40, 16 + (k % 5), 25 + (k % 7)];
    const step = peaks[0] / 10;
    peaks.forEach((peakCmH2O, i) => user.squeeze({ startMs: 20_000 + 25_000 * i, peakCmH2O, holdMs: 4000 }));
    const batches = stream(user, { durationMs: 90_000, rateHz: 10 + (k % 11), jitter: 0.2 });
    return { seed, truth: user.truth(), reps: repsIn(detect(batches.map((b) => ({ ...b, p: b.p.map((x) => Math.round(x / step) * step) })))) };
  });

  it('each squeeze is found near its start, not a step up its rise', () => {
    const errors = runs.flatMap(({ truth, reps }) => reps.map((r, i) => Math.abs(r.onsetMs - truth[i].onsetMs)));
    expect(errors).toHaveLength(3 * SEEDS.length);
    // Walked back from half-way, a squeeze under six steps tall has not risen 3δ (three steps)
    // there: its onset is where the line through δ and that crossing leads back to. Put at the δ
    // crossing (a step up its rise), the p90 was 162 ms.
    expect(p90(errors)).toBeLessThanOrEqual(120);
  });

  it('a step up that a breath left standing until the squeeze: the squeeze is announced, and begins, where it left that step', () => {
    // Read in steps of 5.7 cmH2O at 10–20 Hz. Rest reads 0 (now and then a step lower for a
    // breath), then a step lower for 2 s or more, long enough to be rest; 0.35–0.8 s before the
    // squeeze a breath brings it back a step, where it stays until the squeeze, and after it rest
    // reads the step lower again. Walked back to that step, the squeeze began (and was announced)
    // up to 1.1 s early.
    const step = 5.7;
    const squeezeMs = 12_000;
    const runs = SEEDS.map((_, k) => {
      const standMs = 350 + 20 * k;
      const level = (t: number) => {
        if (t >= squeezeMs && t < squeezeMs + 5000) return -2 + 45 * Math.min(1, (t - squeezeMs) / (250 + 10 * k));
        if ((t > 3000 && t < 3150) || (t > 5000 && t < 5150) || (t >= 8000 && t < squeezeMs - standMs)) return -3.2;
        return t < 8000 ? 0.5 : t < squeezeMs ? -2 : -3.2;
      };
      const dt = 1000 / (10 + (k % 11));
      const t: number[] = [];
      for (let i = 0; i * dt < 20_000; i++) t.push(i * dt + 0.1 * dt * Math.sin(7 * i + k));
      const batches: SampleBatch[] = t.map((tMs) => ({
        t: Float64Array.of(tMs),
        p: Float32Array.of(Math.round(level(tMs) / step) * step),
        ref: null,
        lostBefore: 0,
      }));
      return { startMs: squeezeMs, events: detect(batches) };
    });
    const onsetErr = expectOneRepAnnouncedFromItsOnset(runs);
    expect(p90(onsetErr)).toBeLessThanOrEqual(150);
  });

  it('a breath that moves the reading a step or two is no rep; every squeeze of four steps or more is one', () => {
    // Without the rule that a rep rises more than a step and a half, 9 of the 24 users had
    // breaths taken for reps (66 in all).
    for (const { seed, truth, reps } of runs) {
      expect(
        reps.map((r) => Math.round(r.onsetMs / 1000)),
        `seed ${seed}`,
      ).toEqual(truth.map((tr) => Math.round(tr.onsetMs / 1000)));
    }
  });
});

describe('a weak squeeze under deep breathing', () => {
  it('is never announced on the breath before it', () => {
    // 9 cmH2O squeezes (a tenth of the peak is under 1 cmH2O) under ±1.5 cmH2O breathing at
    // 0.25 Hz and drift, 20 Hz with jitter, begun at eight phases of the breath: 24 users each.
    // Without the rise-time test at the hold's end one was announced 0.37 s before its onset.
    let found = 0;
    for (const phaseMs of [0, 500, 1000, 1500, 2000, 2500, 3000, 3500]) {
      for (const seed of SEEDS) {
        const user = userWith(seed, { levelCmH2O: 1000, noiseCmH2O: 0.6, breathAmpCmH2O: 1.5, breathHz: 0.25, driftCmH2OPerMin: 3 });
        const s = user.squeeze({ startMs: 10_000 + phaseMs, peakCmH2O: 9, riseMs: 400, holdMs: 4000 });
        for (const rep of repsIn(detect(stream(user, { durationMs: 22_000, rateHz: 20, jitter: 0.25 })))) {
          if (Math.abs(rep.onsetMs - s.startMs) > 1500) continue;
          found++;
          expect(rep.detectedAtMs, `seed ${seed}, phase ${phaseMs} ms`).toBeGreaterThanOrEqual(s.startMs - 100);
        }
      }
    }
    expect(found).toBeGreaterThanOrEqual(0.95 * 8 * SEEDS.length);
  });

  it('has the rise time of its rise, not of a breathing crest on its hold', () => {
    // 7–10 cmH2O squeezes rising over 0.3–0.53 s under ±1 and ±1.5 cmH2O breathing: a tenth of the
    // peak is less than the breathing wave. While the rise had to reach 90 % of the peak (which
    // carries a crest), it ended at a crest seconds later for some: rise-time error p90 839 and
    // 1867 ms, 10 of the 48 squeezes over the 700 ms of a slow rise (now 87 and 99 ms, 2).
    let slow = 0;
    for (const breathAmpCmH2O of [1, 1.5]) {
      const errs = SEEDS.map((seed, k) => {
        const user = userWith(seed, { levelCmH2O: 0, breathAmpCmH2O, breathHz: 0.25, noiseCmH2O: 0.2 });
        const s = user.squeeze({ startMs: 6000 + 150 * k, peakCmH2O: 7 + (k % 4), riseMs: 300 + 10 * k, holdMs: 5000, releaseMs: 500 });
        const reps = repsIn(detect(stream(user, { durationMs: 18_000, rateHz: 50 })));
        expect(reps, `seed ${seed}`).toHaveLength(1);
        if (reps[0].riseTimeMs > 700) slow++;
        return Math.abs(reps[0].riseTimeMs - squeezeTruth(s, user.rest.abdominalCoupling).riseTimeMs);
      });
      expect(p90(errs), `±${breathAmpCmH2O} cmH2O`).toBeLessThanOrEqual(150);
    }
    expect(slow).toBeLessThanOrEqual(2);
  });
});

describe('a squeeze that rises out of a brief stand (a breath held for a moment)', () => {
  // The pressure climbs 1.5–2.5 cmH2O over 250–450 ms (a breath, a sigh: enough to be announced as
  // a rise), stands there for 130–250 ms, shorter than the reference window the walk back fits its
  // line to, and a squeeze of 30–53 cmH2O rises out of it over 250–350 ms. Walked back through the
  // stand, its onset used to land at the breath's start (0.33–0.64 s early), so the breath's
  // announcement, made before the squeeze began, was kept as the rep's (−138 to −420 ms). 24 users,
  // 20–100 Hz, every other one with continuous readings, the others from a sensor reporting steps
  // of 0.25 cmH2O.
  const runs = SEEDS.map((seed, k) => {
    const user = userWith(seed, { levelCmH2O: 4, breathAmpCmH2O: 0.3, noiseCmH2O: 0.1 + 0.02 * (k % 5) });
    const startMs = 8000 + 41 * k;
    const standMs = 130 + 10 * (k % 13);
    const rampMs = 250 + 50 * (k % 5);
    const rise = 1.5 + 0.25 * (k % 5);
    user.shift({ atMs: startMs - standMs - rampMs, cmH2O: rise, rampMs });
    user.shift({ atMs: startMs + 7000, cmH2O: -rise, rampMs: 1500 });
    user.squeeze({ startMs, peakCmH2O: 30 + k, riseMs: 250 + 20 * (k % 6), holdMs: 3000 });
    const batches = stream(user, { durationMs: 20_000, rateHz: 20 + 10 * (k % 9), jitter: 0.2 });
    const step = k % 2 === 0 ? 0 : 0.25;
    return { startMs, events: detect(step > 0 ? batches.map((b) => ({ ...b, p: b.p.map((x) => Math.round(x / step) * step) })) : batches) };
  });

  it('is announced no earlier than its onset, its onset at the squeeze, not at the breath', () => {
    // The case happens: the breath is announced before the squeeze begins for a good share of the users.
    const precursorAnnounced = runs.filter(({ startMs, events }) => events.some((e) => e.type === 'onset' && e.detectedAtMs < startMs - 100));
    expect(precursorAnnounced.length).toBeGreaterThanOrEqual(SEEDS.length / 3);
    const onsetErr = expectOneRepAnnouncedFromItsOnset(runs);
    expect(p90(onsetErr)).toBeLessThanOrEqual(150);
  });
});

describe('a squeeze begun just after a change of position', () => {
  // The level moves by 3–8 cmH2O (up for two users in three, down for the others; every third
  // with a jolt) and stays, and a squeeze of 10–33 cmH2O begins 0.3–2.4 s after the move: too
  // soon for the move's plateau to have stood (the rule for a squeeze on a level that moved
  // earlier). Without movedBeforeSqueeze the squeeze is followed from the old level, onset at
  // the move and the move in its peak, and this test fails (its resting level is the old one).
  // 24 users, 20–100 Hz, tared and absolute probes.
  const runs = SEEDS.map((seed, k) => {
    const user = userK(seed, k, { breathAmpCmH2O: 0.3 + 0.05 * (k % 10) });
    user.squeeze({ startMs: 5000, peakCmH2O: 20, holdMs: 4000 });
    const moveMs = 15_000;
    const rampMs = 150 + 50 * (k % 9);
    const step = (k % 3 === 2 ? -1 : 1) * (3 + (k % 6));
    if (k % 3 === 0) user.cough({ atMs: moveMs - 80, amplitudeCmH2O: 10, widthMs: 250 });
    user.shift({ atMs: moveMs, cmH2O: step, rampMs });
    const startMs = moveMs + rampMs + 300 + 90 * k;
    user.squeeze({ startMs, peakCmH2O: 10 + k, holdMs: 4000 });
    const events = detect(streamK(user, k, startMs + 14_000));
    return { user, step, startMs, events };
  });

  it('is one rep, measured from the moved level, its onset where it left that level', () => {
    const peakErr: number[] = [];
    const latency: number[] = [];
    for (const { user, step, startMs, events } of runs) {
      const reps = repsIn(events);
      expect(reps).toHaveLength(2);
      const rep = reps[1];
      const truth = user.truth()[1];
      peakErr.push(peakErrPct(rep, truth));
      latency.push(rep.detectedAtMs - startMs);
      // Its resting level is the moved one.
      expect(Math.abs(rep.baselineCmH2O - (reps[0].baselineCmH2O + step))).toBeLessThanOrEqual(2);
    }
    expect(p90(peakErr)).toBeLessThanOrEqual(12);
    const onsetErr = expectOneRepAnnouncedFromItsOnset(
      runs.map(({ startMs, events }) => ({ startMs, events: events.filter((e) => e.type !== 'rep' || e.rep.index === 1) })),
    );
    expect(p90(onsetErr)).toBeLessThanOrEqual(150);
    // Announced live as it rose out of the moved level (not only once its release showed the move).
    expect(p90(latency)).toBeLessThanOrEqual(LATENCY_P90_MS);
  });
});

describe('a squeeze made in two steps', () => {
  // The pressure rises 4–7 cmH2O, stands there for 0.4–1 s, climbs 12–23 cmH2O more, and all of
  // it is let go together: one squeeze, measured from rest (the stand looks like a level that
  // moved until the release shows it was not: the pressure comes back to rest). 24 users, 20–100 Hz.
  const runs = SEEDS.map((seed, k) => {
    const user = userK(seed, k, { breathAmpCmH2O: 0.4 });
    const startMs = 8000;
    const first = 4 + (k % 4);
    const standMs = 400 + 25 * k;
    user.shift({ atMs: startMs, cmH2O: first, rampMs: 250 });
    const s = user.squeeze({ startMs: startMs + 250 + standMs, peakCmH2O: 12 + (k % 12), holdMs: 4000, releaseMs: 500 });
    user.shift({ atMs: s.startMs + s.riseMs + s.holdMs, cmH2O: -first, rampMs: 500 });
    const events = detect(streamK(user, k, 22_000));
    return { startMs, peak: first + s.peakCmH2O, events };
  });

  it('is one rep from the first step, its height from rest, announced when the first step was', () => {
    // The case happens: the climb out of the stand is announced again, as a squeeze on a moved level would be.
    const announcedAgain = runs.filter(({ events }) => events.filter((e) => e.type === 'onset').length >= 2);
    expect(announcedAgain.length).toBeGreaterThanOrEqual(SEEDS.length / 3);
    const onsetErr = expectOneRepAnnouncedFromItsOnset(runs);
    expect(p90(onsetErr)).toBeLessThanOrEqual(150);
    for (const { startMs, peak, events } of runs) {
      const [rep] = repsIn(events);
      expect(Math.abs(rep.peakCmH2O - peak) / peak).toBeLessThanOrEqual(0.15);
      expect(rep.detectedAtMs - startMs).toBeLessThanOrEqual(LATENCY_P90_MS);
    }
  });
});

describe('a squeeze begun just after the level moved down, the stream ending soon after it', () => {
  // Its end waits until it is known whether the level moved (1 s after the release at most); a
  // stream that ends, or a link that drops, before then still reports it relaxed. 24 users.
  const runs = SEEDS.map((seed, k) => {
    const user = userK(seed, k, { breathAmpCmH2O: 0.4 });
    user.shift({ atMs: 8000, cmH2O: -(5 + (k % 4)), rampMs: 200 });
    const s = user.squeeze({ startMs: 8700, peakCmH2O: 15 + k, holdMs: 3000, releaseMs: 400 });
    const endMs = s.startMs + s.riseMs + s.holdMs + s.releaseMs + 500;
    return { events: detect(streamK(user, k, endMs)) };
  });

  it('is reported relaxed', () => {
    for (const { events } of runs) {
      const reps = repsIn(events);
      expect(reps).toHaveLength(1);
      expect(reps[0].relaxedMs).not.toBeNull();
    }
  });
});

describe('a squeeze risen from below rest, under deep breathing', () => {
  // The level steps down 6 cmH2O, a squeeze of 20–43 cmH2O begins 0.4 s later and the level
  // steps back up as it is let go; breathing ±2.5 cmH2O and noise of 1 cmH2O, so the pressure
  // after the release is never still enough to tell whether the level moved. The rep is final
  // all the same soon after it came back within the resting band (without that rule this test
  // fails: a rep final 5.0 s after its release). 24 users, 20–100 Hz.
  const runs = SEEDS.map((seed, k) => {
    const user = userK(seed, k, { breathAmpCmH2O: 2.5, breathHz: 0.3, noiseCmH2O: 1 });
    user.shift({ atMs: 8000, cmH2O: -6, rampMs: 200 });
    const s = user.squeeze({ startMs: 8600, peakCmH2O: 20 + k, holdMs: 3000, releaseMs: 400 });
    const releaseEndMs = s.startMs + s.riseMs + s.holdMs + s.releaseMs;
    user.shift({ atMs: releaseEndMs - s.releaseMs, cmH2O: 6, rampMs: s.releaseMs });
    const d = new RepDetector();
    const reps: { rep: RepMeasures; atMs: number }[] = [];
    for (const b of streamK(user, k, 40_000)) {
      d.pushBatch(b);
      d.drainEvents((e) => {
        if (e.type === 'rep') reps.push({ rep: e.rep, atMs: b.t[b.t.length - 1] });
      });
    }
    return { startMs: s.startMs, releaseEndMs, reps };
  });

  it('is reported relaxed within 4.5 s of its release', () => {
    for (const { startMs, releaseEndMs, reps } of runs) {
      const own = reps.find(({ rep }) => Math.abs(rep.onsetMs - startMs) <= 500);
      expect(own).toBeDefined();
      expect(own?.rep.relaxedMs).not.toBeNull();
      expect((own?.atMs ?? Infinity) - releaseEndMs).toBeLessThanOrEqual(4500);
    }
  });
});

describe('the resting level moving while a squeeze is held (a probe warming, a change of position)', () => {
  // The level climbs by 4–8 cmH2O during a 12-s hold and stays there; the user squeezes again
  // 12–14 s after each release, sooner than a rep that never relaxes is given up on. Without the
  // rule that a level standing above the band after a release, without coming down, becomes rest
  // as it does at rest, the squeezes after it are measured from the old level (the climb in their
  // peaks) and this test fails. 24 users, 20–100 Hz, tared and absolute probes.
  const runs = SEEDS.map((seed, k) => {
    const user = userK(seed, k, { breathAmpCmH2O: 0.3 + 0.05 * (k % 10) });
    const first = user.squeeze({ startMs: 5000, peakCmH2O: 25, holdMs: 12_000 });
    const step = 4 + (k % 5);
    user.shift({ atMs: 9000, cmH2O: step, rampMs: 1000 + 500 * (k % 8) });
    const gapMs = 12_000 + 100 * (k % 20);
    const second = user.squeeze({ startMs: first.startMs + 13_000 + gapMs, peakCmH2O: 14 + k, holdMs: 4000 });
    const third = user.squeeze({ startMs: second.startMs + 5000 + gapMs, peakCmH2O: 30 - 0.5 * k, holdMs: 4000 });
    const events = detect(streamK(user, k, third.startMs + 12_000));
    return { user, step, events };
  });

  it('the squeezes after it are measured from the level it moved to', () => {
    const peakErr: number[] = [];
    for (const { user, step, events } of runs) {
      const reps = repsIn(events);
      expect(reps).toHaveLength(3);
      const truth = user.truth();
      for (const i of [1, 2]) {
        peakErr.push(peakErrPct(reps[i], truth[i]));
        expect(Math.abs(reps[i].baselineCmH2O - (reps[0].baselineCmH2O + step))).toBeLessThanOrEqual(2);
      }
    }
    expect(p90(peakErr)).toBeLessThanOrEqual(12);
  });

  it('with a probe still warming (the level climbing 8–12 cmH2O a minute), each squeeze is measured from where the level is', () => {
    // The level never stands still after a release: it keeps climbing. Tension let go only falls,
    // so a level that has not come down for 10 s is rest. With a stillness test that also refuses
    // a climb (at most half the band either way) this fails: peak error p90 33 %.
    const peakErr: number[] = [];
    for (const [k, seed] of SEEDS.entries()) {
      const user = userK(seed, k, { breathAmpCmH2O: 0.3 + 0.05 * (k % 10), driftCmH2OPerMin: 8 + (k % 5) });
      const holds = [user.squeeze({ startMs: 5000, peakCmH2O: 25, holdMs: 12_000 })];
      for (let i = 1; i < 4; i++) {
        const startMs = holds[i - 1].startMs + holds[i - 1].holdMs + 12_500 + 100 * (k % 15);
        holds.push(user.squeeze({ startMs, peakCmH2O: 12 + k, holdMs: 4000 }));
      }
      const reps = repsIn(detect(streamK(user, k, holds[3].startMs + 10_000)));
      expect(reps).toHaveLength(4);
      const truth = user.truth();
      for (let i = 1; i < 4; i++) peakErr.push(peakErrPct(reps[i], truth[i]));
    }
    expect(p90(peakErr)).toBeLessThanOrEqual(12);
  });

  it('a squeeze begun just before the moved level is taken for rest is measured from its own start', () => {
    // The level is decided from the last 2.5 s it stood at; a squeeze that began in those samples
    // (rising over 1.5–2 s, too gently to be seen at once) rose from it, and its onset may go back
    // there. With its walk back stopped at the moment of the decision, this fails (onset error
    // p90 0.9 s).
    const onsetErr: number[] = [];
    for (const [k, seed] of SEEDS.entries()) {
      const user = userK(seed, k, { breathAmpCmH2O: 0.3 + 0.05 * (k % 10) });
      const first = user.squeeze({ startMs: 5000, peakCmH2O: 25, holdMs: 8000 });
      user.shift({ atMs: 8000, cmH2O: 5 + (k % 4), rampMs: 1500 });
      // About when the level is decided: 10–10.5 s after the release's fall.
      const startMs = first.startMs + 8500 + 10_000 + 40 * (k % 13);
      user.squeeze({ startMs, peakCmH2O: 20 + (k % 10), holdMs: 4000, riseMs: 1500 + 20 * k, riseShape: 'linear' });
      const reps = repsIn(detect(streamK(user, k, startMs + 12_000)));
      expect(reps).toHaveLength(2);
      onsetErr.push(Math.abs(reps[1].onsetMs - startMs));
    }
    expect(p90(onsetErr)).toBeLessThanOrEqual(150);
  });

  it('tension left after a squeeze and let go slowly is not taken for a moved level', () => {
    // 8–14 cmH2O left after the release, let go with a time constant of 12–21 s, the next squeeze
    // 12–14 s later, still above the resting band: the level keeps falling, so rest stays where it
    // was and the next squeeze's peak is measured from it. With any level above the band for 10 s
    // taken as rest (STILL_BAND_FRACTION = 100: no test of whether it stood still) this fails, the
    // second squeeze's resting level 3.8 cmH2O up for the first user.
    const peakErr: number[] = [];
    for (const [k, seed] of SEEDS.entries()) {
      const user = userK(seed, k, { breathAmpCmH2O: 0.3 + 0.05 * (k % 10) });
      const residualCmH2O = 8 + (k % 7);
      const first = user.squeeze({ startMs: 5000, peakCmH2O: 25, holdMs: 5000, residualCmH2O, residualTauMs: 12_000 + 400 * k });
      user.squeeze({ startMs: first.startMs + 6000 + 12_000 + 100 * (k % 20), peakCmH2O: 14 + k, holdMs: 4000 });
      const reps = repsIn(detect(streamK(user, k, 45_000)));
      expect(reps).toHaveLength(2);
      expect(reps[0].relaxedMs).toBeNull();
      expect(Math.abs(reps[1].baselineCmH2O - reps[0].baselineCmH2O)).toBeLessThanOrEqual(1);
      const truth = user.truth()[1];
      peakErr.push(peakErrPct(reps[1], truth));
    }
    expect(p90(peakErr)).toBeLessThanOrEqual(12);
  });
});
