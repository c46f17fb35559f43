import { describe, expect, it } from 'vitest';
import { squeezeTruth } from '../../firmware-sim/model.ts';
import { RepDetector } from '../../src/pipeline/detector.ts';
import { RESTING_BAND_MIN_CMH2O, restingBandCmH2O } from '../../src/pipeline/measures.ts';
import { detect, repsIn, stream, userWith } from '../fixtures/simulate.ts';

const ABSOLUTE_REST = { levelCmH2O: 1033, driftCmH2OPerMin: 4, breathAmpCmH2O: 0.8, breathHz: 0.25, noiseCmH2O: 0.3 };

describe('a clean squeeze', () => {
  const user = userWith(1, ABSOLUTE_REST);
  const s = user.squeeze({ startMs: 8000, peakCmH2O: 30, riseMs: 500, holdMs: 5000, releaseMs: 600 });
  const truth = squeezeTruth(s, user.rest.abdominalCoupling);
  const events = detect(stream(user, { durationMs: 22000, rateHz: 50, jitter: 0.2 }));
  const reps = repsIn(events);

  it('on drift and breathing at an absolute 1033 cmH2O gives one rep, onset within 60 ms of the truth', () => {
    expect(reps).toHaveLength(1);
    expect(Math.abs(reps[0].onsetMs - truth.onsetMs)).toBeLessThanOrEqual(60);
  });

  it('is announced within 200 ms of its true onset', () => {
    const onset = events.find((e) => e.type === 'onset');
    expect(onset?.type === 'onset' && onset.detectedAtMs - truth.onsetMs).toBeLessThanOrEqual(200);
    expect(reps[0].detectedAtMs).toBe(onset?.type === 'onset' ? onset.detectedAtMs : Number.NaN);
  });

  it('measures peak and its time, duration, release and rise time close to the truth', () => {
    const rep = reps[0];
    expect(Math.abs(rep.peakCmH2O - truth.peakCmH2O) / truth.peakCmH2O).toBeLessThan(0.08);
    expect(Math.abs(rep.peakMs - truth.peakMs)).toBeLessThan(150);
    expect(Math.abs(rep.durationMs - truth.durationMs)).toBeLessThan(100);
    expect(Math.abs(rep.releaseMs - truth.releaseMs)).toBeLessThan(150);
    expect(Math.abs(rep.riseTimeMs - truth.riseTimeMs)).toBeLessThan(80);
    expect(rep.holdFade).toBeGreaterThan(0.03);
    expect(rep.holdFade).toBeLessThan(0.2);
    expect(rep.baselineCmH2O).toBeGreaterThan(1030);
    expect(rep.baselineCmH2O).toBeLessThan(1036);
  });

  it('relaxes after the release, and without a reference channel says nothing about straining', () => {
    expect(reps[0].relaxedMs).not.toBeNull();
    expect(reps[0].relaxedMs ?? 0).toBeGreaterThan(reps[0].releaseMs);
    expect(reps[0].relaxedMs ?? 0).toBeLessThan(truth.releaseMs + 1000);
    expect(reps[0].straining).toBeNull();
    expect(reps[0].referenceRiseCmH2O).toBeNull();
  });
});

describe('artefacts', () => {
  it('a cough bigger than a squeeze never becomes a rep (an announced onset is cancelled)', () => {
    const user = userWith(2, { ...ABSOLUTE_REST, hasReference: true });
    user.cough({ atMs: 6000, amplitudeCmH2O: 50, widthMs: 400 });
    user.cough({ atMs: 12000, amplitudeCmH2O: 70, widthMs: 300 });
    const events = detect(stream(user, { durationMs: 18000 }));
    expect(repsIn(events)).toHaveLength(0);
    const onsets = events.filter((e) => e.type === 'onset').length;
    expect(events.filter((e) => e.type === 'cancel')).toHaveLength(onsets);
  });

  it('a cough in the middle of a hold neither splits the rep nor becomes its peak', () => {
    const user = userWith(3, ABSOLUTE_REST);
    user.squeeze({ startMs: 5000, peakCmH2O: 25, holdMs: 6000 });
    user.cough({ atMs: 8000, amplitudeCmH2O: 40, widthMs: 350 });
    const reps = repsIn(detect(stream(user, { durationMs: 18000 })));
    expect(reps).toHaveLength(1);
    expect(reps[0].peakCmH2O).toBeLessThan(25 * 1.1);
  });

  it('a laugh (a train of spikes) never becomes a rep', () => {
    const user = userWith(4, { levelCmH2O: 0 });
    for (let k = 0; k < 5; k++) user.cough({ atMs: 6000 + k * 400, amplitudeCmH2O: 35, widthMs: 250 });
    expect(repsIn(detect(stream(user, { durationMs: 14000 })))).toHaveLength(0);
  });
});

describe('back-to-back squeezes without relaxing', () => {
  const user = userWith(5, { levelCmH2O: 0, driftCmH2OPerMin: 1 });
  const first = user.squeeze({ startMs: 4000, peakCmH2O: 30, holdMs: 4000, residualCmH2O: 10, residualTauMs: 10000 });
  const second = user.squeeze({ startMs: 10000, peakCmH2O: 25, holdMs: 4000 });
  // Long enough for the level the first left behind to decay into the resting band.
  const reps = repsIn(detect(stream(user, { durationMs: 32000 })));

  it('count as two reps, the first never relaxed', () => {
    expect(reps).toHaveLength(2);
    expect(reps[0].relaxedMs).toBeNull();
    expect(reps[1].relaxedMs).not.toBeNull();
    expect(reps.map((r) => r.index)).toEqual([0, 1]);
  });

  it('the second is measured from the raised level it rose from', () => {
    expect(Math.abs(reps[0].onsetMs - first.startMs)).toBeLessThan(60);
    expect(Math.abs(reps[1].onsetMs - second.startMs)).toBeLessThan(100);
    expect(Math.abs(reps[1].peakCmH2O - 25)).toBeLessThan(3);
    expect(reps[1].baselineCmH2O).toBeGreaterThan(5);
  });
});

describe('sample rates, jitter and lost samples', () => {
  for (const rateHz of [20, 100]) {
    it(`works at ${rateHz} Hz with jittered timestamps`, () => {
      const user = userWith(6, { levelCmH2O: 5 });
      const s = user.squeeze({ startMs: 6000, peakCmH2O: 20, holdMs: 3000 });
      const reps = repsIn(detect(stream(user, { durationMs: 15000, rateHz, jitter: 0.25 })));
      expect(reps).toHaveLength(1);
      expect(Math.abs(reps[0].onsetMs - s.startMs)).toBeLessThan(80);
      expect(reps[0].detectedAtMs - s.startMs).toBeLessThan(250);
    });
  }

  it('a 700 ms outage in the middle of a hold does not split the rep', () => {
    const user = userWith(7, ABSOLUTE_REST);
    const s = user.squeeze({ startMs: 5000, peakCmH2O: 25, holdMs: 5000 });
    const truth = squeezeTruth(s, user.rest.abdominalCoupling);
    const reps = repsIn(detect(stream(user, { durationMs: 16000, lost: [[7500, 8200]] })));
    expect(reps).toHaveLength(1);
    expect(Math.abs(reps[0].durationMs - truth.durationMs)).toBeLessThan(150);
  });

  it('an outage at rest makes no rep, and one over the onset still finds it within 400 ms', () => {
    const user = userWith(8, { levelCmH2O: 0 });
    const s = user.squeeze({ startMs: 9000, peakCmH2O: 25, holdMs: 4000 });
    const reps = repsIn(detect(stream(user, { durationMs: 18000, lost: [[4000, 5500], [8900, 9300]] })));
    expect(reps).toHaveLength(1);
    expect(Math.abs(reps[0].onsetMs - s.startMs)).toBeLessThan(400);
  });
});

describe('reference channel', () => {
  it('tells bearing down from a correct squeeze', () => {
    const user = userWith(9, { levelCmH2O: 1033, hasReference: true });
    user.squeeze({ startMs: 4000, peakCmH2O: 30, holdMs: 4000, strainCmH2O: 2 });
    user.squeeze({ startMs: 16000, peakCmH2O: 20, holdMs: 4000, strainCmH2O: 35 });
    const reps = repsIn(detect(stream(user, { durationMs: 28000 })));
    expect(reps.map((r) => r.straining)).toEqual([false, true]);
    expect(reps[1].referenceRiseCmH2O ?? 0).toBeGreaterThan(25);
  });
});

describe('resting level', () => {
  it('does not follow a long hold up, and the band widens with a known MVC', () => {
    const user = userWith(10, { levelCmH2O: 1033, driftCmH2OPerMin: 0 });
    user.squeeze({ startMs: 5000, peakCmH2O: 20, holdMs: 30000, fade: 0.2 });
    const events = detect(stream(user, { durationMs: 45000 }));
    const duringHold = events.filter((e) => e.type === 'baseline' && e.tMs > 6000 && e.tMs < 35000);
    expect(duringHold).toHaveLength(0);
    expect(repsIn(events)[0].baselineCmH2O).toBeCloseTo(1033, 0);
    expect(restingBandCmH2O(null)).toBe(RESTING_BAND_MIN_CMH2O);
    expect(restingBandCmH2O(50)).toBe(5);
  });

  it('tracks a tared probe and an absolute sensor alike', () => {
    for (const level of [0, 1033]) {
      const d = new RepDetector();
      const user = userWith(11, { levelCmH2O: level, driftCmH2OPerMin: 0 });
      for (const b of stream(user, { durationMs: 8000 })) d.pushBatch(b);
      expect(Math.abs(d.restLevel - level)).toBeLessThan(1);
      expect(d.restNoise).toBeLessThan(1.5);
    }
  });
});

describe('the stream', () => {
  it('ending in the middle of a hold cancels that rep rather than inventing its measures', () => {
    const user = userWith(12, { levelCmH2O: 0 });
    user.squeeze({ startMs: 5000, peakCmH2O: 25, holdMs: 8000 });
    const events = detect(stream(user, { durationMs: 9000 }));
    expect(repsIn(events)).toHaveLength(0);
    expect(events.at(-1)?.type).toBe('cancel');
  });

  it('a weak squeeze (7 cmH2O) is still a rep', () => {
    const user = userWith(13, { levelCmH2O: 0, breathAmpCmH2O: 0.5 });
    const s = user.squeeze({ startMs: 6000, peakCmH2O: 7, holdMs: 4000, tremorCmH2O: 0.15 });
    const reps = repsIn(detect(stream(user, { durationMs: 16000 })));
    expect(reps).toHaveLength(1);
    expect(Math.abs(reps[0].onsetMs - s.startMs)).toBeLessThan(120);
  });
});
