/**
 * The detection core on simulated squeezes. Each case runs over the seeds of SEEDS: what must
 * hold for every recording (a rep is found, a cough is not one) is asserted per seed; errors in
 * ms or % are asserted on their p90 over the seeds, against the bench's p90 for that kind of
 * squeeze, as `npm run bench:detect -- --set dev --by-kind` reports it (docs/detection.md).
 */
import { describe, expect, it } from 'vitest';
import { squeezeTruth } from '../../firmware-sim/model.ts';
import { RepDetector } from '../../src/pipeline/detector.ts';
import { RESTING_BAND_MIN_CMH2O, restingBandCmH2O } from '../../src/pipeline/measures.ts';
import { SEEDS, detect, percentile, repsIn, seeds, stream, userWith } from '../fixtures/simulate.ts';

// p90 tolerances from `npm run bench:detect -- --set dev --by-kind`: the kind rows …
/** Onset |error|, ms: kinds normal (78), back-to-back (85), weak (148). */
const ONSET_P90_NORMAL_MS = 78;
const ONSET_P90_BACK_TO_BACK_MS = 85;
const ONSET_P90_WEAK_MS = 148;
/** Latency (announced onset minus true onset), ms: kinds normal (178), weak (297). */
const LATENCY_P90_NORMAL_MS = 178;
const LATENCY_P90_WEAK_MS = 297;
/** Rise time |error|, ms: kind normal. */
const RISE_TIME_P90_NORMAL_MS = 42;
// … and the all-squeezes table (the bench gives these for no single kind).
/** Onset |error|: the bench's target for its p90, ms. */
const ONSET_P90_TARGET_MS = 150;
/** Peak error, % of the true peak. */
const PEAK_P90_PCT = 9.1;
/** Peak time, duration (FWHM) and release |error|, ms. */
const PEAK_TIME_P90_MS = 583;
const DURATION_P90_MS = 130;
const RELEASE_P90_MS = 194;

const p90 = (xs: readonly number[]) => percentile(xs, 0.9);
const pct = (found: number, truth: number) => (100 * Math.abs(found - truth)) / truth;

const ABSOLUTE_REST = { levelCmH2O: 1033, driftCmH2OPerMin: 4, breathAmpCmH2O: 0.8, breathHz: 0.25, noiseCmH2O: 0.3 };

describe('a clean squeeze', () => {
  const runs = SEEDS.map((seed) => {
    const user = userWith(seed, ABSOLUTE_REST);
    const s = user.squeeze({ startMs: 8000, peakCmH2O: 30, riseMs: 500, holdMs: 5000, releaseMs: 600 });
    const truth = squeezeTruth(s, user.rest.abdominalCoupling);
    const events = detect(stream(user, { durationMs: 22000, rateHz: 50, jitter: 0.2 }));
    return { truth, events, reps: repsIn(events) };
  });
  const reps = runs.map((r) => r.reps[0]);

  it('on drift and breathing at an absolute 1033 cmH2O gives one rep, its onset as close to the truth as the bench normal squeezes (p90)', () => {
    for (const run of runs) expect(run.reps).toHaveLength(1);
    expect(p90(runs.map(({ truth }, k) => Math.abs(reps[k].onsetMs - truth.onsetMs)))).toBeLessThanOrEqual(ONSET_P90_NORMAL_MS);
  });

  it('is announced as quickly as the bench normal squeezes (p90), and the rep keeps that announcement time', () => {
    const latencies = runs.map(({ truth, events }, k) => {
      // The onset it was announced with: the last before it (a breath announced earlier was cancelled).
      const onset = events
        .slice(
          0,
          events.findIndex((e) => e.type === 'rep'),
        )
        .reverse()
        .find((e) => e.type === 'onset');
      expect(reps[k].detectedAtMs).toBe(onset?.type === 'onset' ? onset.detectedAtMs : Number.NaN);
      return reps[k].detectedAtMs - truth.onsetMs;
    });
    expect(p90(latencies)).toBeLessThanOrEqual(LATENCY_P90_NORMAL_MS);
  });

  it('measures peak and its time, duration, release and rise time within the bench p90', () => {
    const err = (f: (rep: (typeof reps)[number], truth: (typeof runs)[number]['truth']) => number) => p90(runs.map(({ truth }, k) => f(reps[k], truth)));
    expect(err((rep, truth) => pct(rep.peakCmH2O, truth.peakCmH2O))).toBeLessThanOrEqual(PEAK_P90_PCT);
    expect(err((rep, truth) => Math.abs(rep.peakMs - truth.peakMs))).toBeLessThanOrEqual(PEAK_TIME_P90_MS);
    expect(err((rep, truth) => Math.abs(rep.durationMs - truth.durationMs))).toBeLessThanOrEqual(DURATION_P90_MS);
    expect(err((rep, truth) => Math.abs(rep.releaseMs - truth.releaseMs))).toBeLessThanOrEqual(RELEASE_P90_MS);
    expect(err((rep, truth) => Math.abs(rep.riseTimeMs - truth.riseTimeMs))).toBeLessThanOrEqual(RISE_TIME_P90_NORMAL_MS);
  });

  it('sees the hold fade a little and the resting level near 1033 cmH2O, on every seed', () => {
    for (const rep of reps) {
      expect(rep.holdFade).toBeGreaterThan(0.03);
      expect(rep.holdFade).toBeLessThan(0.2);
      expect(rep.baselineCmH2O).toBeGreaterThan(1030);
      expect(rep.baselineCmH2O).toBeLessThan(1036);
    }
  });

  it('relaxes after the release, and without a reference channel says nothing about straining', () => {
    runs.forEach(({ truth }, k) => {
      const rep = reps[k];
      expect(rep.relaxedMs).not.toBeNull();
      expect(rep.relaxedMs ?? 0).toBeGreaterThan(rep.releaseMs);
      expect(rep.relaxedMs ?? 0).toBeLessThan(truth.releaseMs + 1000);
      expect(rep.straining).toBeNull();
      expect(rep.referenceRiseCmH2O).toBeNull();
    });
  });
});

describe('artefacts', () => {
  it('a cough bigger than a squeeze never becomes a rep (an announced onset is cancelled)', () => {
    for (const seed of SEEDS) {
      const user = userWith(seed, { ...ABSOLUTE_REST, hasReference: true });
      user.cough({ atMs: 6000, amplitudeCmH2O: 50, widthMs: 400 });
      user.cough({ atMs: 12000, amplitudeCmH2O: 70, widthMs: 300 });
      const events = detect(stream(user, { durationMs: 18000 }));
      expect(repsIn(events)).toHaveLength(0);
      const onsets = events.filter((e) => e.type === 'onset').length;
      expect(events.filter((e) => e.type === 'cancel')).toHaveLength(onsets);
    }
  });

  it('a cough in the middle of a hold neither splits the rep nor becomes its peak', () => {
    for (const seed of SEEDS) {
      const user = userWith(seed, ABSOLUTE_REST);
      user.squeeze({ startMs: 5000, peakCmH2O: 25, holdMs: 6000 });
      user.cough({ atMs: 8000, amplitudeCmH2O: 40, widthMs: 350 });
      const reps = repsIn(detect(stream(user, { durationMs: 18000 })));
      expect(reps).toHaveLength(1);
      // A cough of 40 taken for the peak would read 60 % high; the bench p90 peak error is 9.1 %.
      expect(reps[0].peakCmH2O).toBeLessThan(25 * 1.1);
    }
  });

  // A cough standing above the hold for half the running median's window, early in the hold (the
  // Knack: caught as a climb over the hold's young stand) or after it has stood still for 3 s
  // (caught as a rise over the hold). Let into the median, it read 24–30 % high (p50, p90), and the
  // 90 % crossing of that height came at the cough (rise-time error p90 1.1 s and 3.4 s).
  for (const [where, coughAtMs, holdMs] of [
    ['early in a short hold (the Knack)', 6200, 2500],
    ['on a hold that has stood still', 8500, 6000],
  ] as const) {
    it(`a cough ${where} leaves the peak and the rise time the squeeze's`, () => {
      const runs = SEEDS.map((seed, k) => {
        const user = userWith(seed, ABSOLUTE_REST);
        const s = user.squeeze({ startMs: 5000, peakCmH2O: 30, riseMs: 400, holdMs, releaseMs: 500 });
        user.cough({ atMs: coughAtMs + 10 * k, amplitudeCmH2O: 45, widthMs: 450 });
        const truth = squeezeTruth(s, user.rest.abdominalCoupling);
        return { truth, reps: repsIn(detect(stream(user, { durationMs: holdMs + 12000, rateHz: 50 }))) };
      });
      for (const { reps } of runs) expect(reps).toHaveLength(1);
      expect(p90(runs.map(({ truth, reps }) => pct(reps[0].peakCmH2O, truth.peakCmH2O)))).toBeLessThanOrEqual(PEAK_P90_PCT);
      expect(p90(runs.map(({ truth, reps }) => Math.abs(reps[0].riseTimeMs - truth.riseTimeMs)))).toBeLessThanOrEqual(RISE_TIME_P90_NORMAL_MS);
    });
  }

  it('a laugh (a train of spikes) never becomes a rep', () => {
    for (const seed of SEEDS) {
      const user = userWith(seed, { levelCmH2O: 0 });
      for (let k = 0; k < 5; k++) user.cough({ atMs: 6000 + k * 400, amplitudeCmH2O: 35, widthMs: 250 });
      expect(repsIn(detect(stream(user, { durationMs: 14000 })))).toHaveLength(0);
    }
  });
});

describe('back-to-back squeezes without relaxing', () => {
  const runs = SEEDS.map((seed) => {
    const user = userWith(seed, { levelCmH2O: 0, driftCmH2OPerMin: 1 });
    const first = user.squeeze({ startMs: 4000, peakCmH2O: 30, holdMs: 4000, residualCmH2O: 10, residualTauMs: 10000 });
    const second = user.squeeze({ startMs: 10000, peakCmH2O: 25, holdMs: 4000 });
    // Long enough for the level the first left behind to decay into the resting band.
    return { user, first, second, reps: repsIn(detect(stream(user, { durationMs: 32000 }))) };
  });

  it('count as two reps, the first never relaxed', () => {
    for (const { reps } of runs) {
      expect(reps).toHaveLength(2);
      expect(reps[0].relaxedMs).toBeNull();
      expect(reps[1].relaxedMs).not.toBeNull();
      expect(reps.map((r) => r.index)).toEqual([0, 1]);
    }
  });

  it('the second rises from the raised level, and its peak is measured from rest (signal.md)', () => {
    expect(p90(runs.map(({ first, reps }) => Math.abs(reps[0].onsetMs - first.startMs)))).toBeLessThanOrEqual(ONSET_P90_BACK_TO_BACK_MS);
    expect(p90(runs.map(({ second, reps }) => Math.abs(reps[1].onsetMs - second.startMs)))).toBeLessThanOrEqual(ONSET_P90_BACK_TO_BACK_MS);
    // 25 cmH2O on what the first left behind (about 10): measured from that level it would read
    // about 25, 30 % low, and a strong squeeze would be judged weak.
    const errs = runs.map(({ user, reps }) => pct(reps[1].peakCmH2O, user.truth()[1].peakCmH2O));
    expect(p90(errs)).toBeLessThanOrEqual(PEAK_P90_PCT);
    for (const { user, reps } of runs) {
      expect(user.truth()[1].peakCmH2O).toBeGreaterThan(31);
      expect(Math.abs(reps[1].baselineCmH2O)).toBeLessThan(3);
    }
  });
});

describe('sample rates, jitter and lost samples', () => {
  function atRate(rateHz: number, over: readonly number[]): { onsetErr: number[]; latency: number[] } {
    const onsetErr: number[] = [];
    const latency: number[] = [];
    for (const seed of over) {
      const user = userWith(seed, { levelCmH2O: 5 });
      const s = user.squeeze({ startMs: 6000, peakCmH2O: 20, holdMs: 3000 });
      const reps = repsIn(detect(stream(user, { durationMs: 15000, rateHz, jitter: 0.25 })));
      expect(reps).toHaveLength(1);
      onsetErr.push(Math.abs(reps[0].onsetMs - s.startMs));
      latency.push(reps[0].detectedAtMs - s.startMs);
    }
    return { onsetErr, latency };
  }

  it('works at 100 Hz with jittered timestamps: onset and latency within the bench p90 of normal squeezes', () => {
    const { onsetErr, latency } = atRate(100, SEEDS);
    expect(p90(onsetErr)).toBeLessThanOrEqual(ONSET_P90_NORMAL_MS);
    expect(p90(latency)).toBeLessThanOrEqual(LATENCY_P90_NORMAL_MS);
  });

  it('works at 20 Hz with jittered timestamps: latency p90 as for normal squeezes; onsets within their p90 on only 3 recordings in 4', () => {
    // At 20 Hz about 1 recording in 13 has its onset 150–350 ms early (announced from one
    // sample, the walk back starts from a breathing crest: docs/detection.md, step 3). The p90 of
    // this case is about 106 ms (over seeds 1–2400), as the development set's p90 over all
    // squeezes (105), but above its normal squeezes' (78), and from one set of 24 seeds to the next it
    // swings between 60 and 200 ms. So this case runs over 120 seeds (cheap at 20 Hz) and counts:
    // of each 120 of seeds 1–2400, 95–109 were within 78 ms and 103–116 within 150 ms (the
    // bench's target for the onset p90).
    const { onsetErr, latency } = atRate(20, seeds(120));
    expect(onsetErr.filter((e) => e <= ONSET_P90_NORMAL_MS).length).toBeGreaterThanOrEqual(0.75 * onsetErr.length);
    expect(onsetErr.filter((e) => e <= ONSET_P90_TARGET_MS).length).toBeGreaterThanOrEqual(0.85 * onsetErr.length);
    expect(p90(latency)).toBeLessThanOrEqual(LATENCY_P90_NORMAL_MS);
  });

  it('a 700 ms outage in the middle of a hold does not split the rep', () => {
    const durationErr = SEEDS.map((seed) => {
      const user = userWith(seed, ABSOLUTE_REST);
      const s = user.squeeze({ startMs: 5000, peakCmH2O: 25, holdMs: 5000 });
      const truth = squeezeTruth(s, user.rest.abdominalCoupling);
      const reps = repsIn(detect(stream(user, { durationMs: 16000, lost: [[7500, 8200]] })));
      expect(reps).toHaveLength(1);
      return Math.abs(reps[0].durationMs - truth.durationMs);
    });
    expect(p90(durationErr)).toBeLessThanOrEqual(DURATION_P90_MS);
  });

  it('an outage at rest makes no rep, and one over the onset still finds it within 400 ms', () => {
    for (const seed of SEEDS) {
      const user = userWith(seed, { levelCmH2O: 0 });
      const s = user.squeeze({ startMs: 9000, peakCmH2O: 25, holdMs: 4000 });
      const reps = repsIn(
        detect(
          stream(user, {
            durationMs: 18000,
            lost: [
              [4000, 5500],
              [8900, 9300],
            ],
          }),
        ),
      );
      expect(reps).toHaveLength(1);
      // The bench has no outages: the bound is the 400 ms lost over the onset.
      expect(Math.abs(reps[0].onsetMs - s.startMs)).toBeLessThan(400);
    }
  });
});

describe('reference channel', () => {
  it('tells bearing down from a correct squeeze', () => {
    for (const seed of SEEDS) {
      const user = userWith(seed, { levelCmH2O: 1033, hasReference: true });
      user.squeeze({ startMs: 4000, peakCmH2O: 30, holdMs: 4000, strainCmH2O: 2 });
      user.squeeze({ startMs: 16000, peakCmH2O: 20, holdMs: 4000, strainCmH2O: 35 });
      const reps = repsIn(detect(stream(user, { durationMs: 28000 })));
      expect(reps.map((r) => r.straining)).toEqual([false, true]);
      expect(reps[1].referenceRiseCmH2O ?? 0).toBeGreaterThan(25);
    }
  });
});

describe('resting level', () => {
  it('does not follow a long hold up, and the band widens with a known MVC', () => {
    for (const seed of SEEDS) {
      const user = userWith(seed, { levelCmH2O: 1033, driftCmH2OPerMin: 0 });
      user.squeeze({ startMs: 5000, peakCmH2O: 20, holdMs: 30000, fade: 0.2 });
      const events = detect(stream(user, { durationMs: 45000 }));
      const duringHold = events.filter((e) => e.type === 'baseline' && e.tMs > 6000 && e.tMs < 35000);
      expect(duringHold).toHaveLength(0);
      expect(repsIn(events)[0].baselineCmH2O).toBeCloseTo(1033, 0);
    }
    expect(restingBandCmH2O(null)).toBe(RESTING_BAND_MIN_CMH2O);
    expect(restingBandCmH2O(50)).toBe(5);
  });

  it('is told to the display at least every 5 s at rest, and when it moves by 0.25 cmH2O no more than every 0.5 s', () => {
    // A drift of 6 cmH2O/min moves the level 0.25 cmH2O in 2.5 s: both rules are exercised.
    for (const seed of SEEDS) {
      for (const [levelCmH2O, driftCmH2OPerMin, rateHz] of [
        [1033, 0, 100],
        [1033, 6, 100],
        [0, 6, 20],
      ]) {
        const user = userWith(seed, { levelCmH2O, driftCmH2OPerMin, breathAmpCmH2O: 0.5 });
        const told = detect(stream(user, { durationMs: 40000, rateHz })).flatMap((e) => (e.type === 'baseline' ? [e] : []));
        expect(told[0].tMs).toBeLessThan(4000);
        for (let i = 1; i < told.length; i++) {
          const since = told[i].tMs - told[i - 1].tMs;
          const moved = Math.abs(told[i].baselineCmH2O - told[i - 1].baselineCmH2O);
          // Due at the first resting sample once 5 s have passed (one sample interval late at most).
          expect(since).toBeLessThanOrEqual(5000 + 1000 / rateHz + 1);
          expect(since).toBeGreaterThanOrEqual(500);
          if (since < 5000) expect(moved).toBeGreaterThanOrEqual(0.25);
        }
        expect(40000 - told.at(-1)!.tMs).toBeLessThanOrEqual(5000 + 1000 / rateHz + 1);
        if (driftCmH2OPerMin > 0) expect(told.filter((e, i) => i > 0 && e.tMs - told[i - 1].tMs < 5000).length).toBeGreaterThan(3);
      }
    }
  });

  it('tracks a tared probe and an absolute sensor alike', () => {
    for (const seed of SEEDS) {
      for (const level of [0, 1033]) {
        const d = new RepDetector();
        const user = userWith(seed, { levelCmH2O: level, driftCmH2OPerMin: 0 });
        for (const b of stream(user, { durationMs: 8000 })) d.pushBatch(b);
        expect(Math.abs(d.restLevel - level)).toBeLessThan(1);
        expect(d.restNoise).toBeLessThan(1.5);
      }
    }
  });
});

describe('the stream', () => {
  it('ending in the middle of a hold cancels that rep rather than inventing its measures', () => {
    for (const seed of SEEDS) {
      const user = userWith(seed, { levelCmH2O: 0 });
      user.squeeze({ startMs: 5000, peakCmH2O: 25, holdMs: 8000 });
      const events = detect(stream(user, { durationMs: 9000 }));
      expect(repsIn(events)).toHaveLength(0);
      expect(events.at(-1)?.type).toBe('cancel');
    }
  });

  it('a weak squeeze (7 cmH2O) is still a rep, its onset and latency within the bench p90 of weak squeezes', () => {
    const onsetErr: number[] = [];
    const latency: number[] = [];
    for (const seed of SEEDS) {
      const user = userWith(seed, { levelCmH2O: 0, breathAmpCmH2O: 0.5 });
      const s = user.squeeze({ startMs: 6000, peakCmH2O: 7, holdMs: 4000, tremorCmH2O: 0.15 });
      const reps = repsIn(detect(stream(user, { durationMs: 16000 })));
      expect(reps).toHaveLength(1);
      onsetErr.push(Math.abs(reps[0].onsetMs - s.startMs));
      latency.push(reps[0].detectedAtMs - s.startMs);
    }
    expect(p90(onsetErr)).toBeLessThanOrEqual(ONSET_P90_WEAK_MS);
    expect(p90(latency)).toBeLessThanOrEqual(LATENCY_P90_WEAK_MS);
  });
});
