import { describe, expect, it } from 'vitest';
import { MIN_MVC_HOLD_MS, calibrate, mvcFromReps, restingLevel } from '../../src/pipeline/calibration.ts';
import type { RepMeasures } from '../../src/pipeline/types.ts';
import { flatten, stream, userWith } from '../fixtures/simulate.ts';

function rep(index: number, peakCmH2O: number, durationMs: number, straining: boolean | null): RepMeasures {
  return {
    index, onsetMs: 0, detectedAtMs: 0, peakMs: 0, peakCmH2O, baselineCmH2O: 0, durationMs, releaseMs: 0, relaxedMs: 0,
    riseTimeMs: 0, holdFade: 0, steadiness: 0, straining, referenceRiseCmH2O: null,
  };
}

describe('restingLevel', () => {
  it('is the median of a quiet period, unmoved by a cough in it', () => {
    const p = Array.from({ length: 200 }, (_, i) => 1033 + 0.3 * Math.sin(i));
    for (let i = 100; i < 110; i++) p[i] = 1080;
    const rest = restingLevel(p);
    expect(rest.levelCmH2O).toBeCloseTo(1033, 0);
    expect(rest.noiseCmH2O).toBeLessThan(0.5);
    expect(rest.samples).toBe(200);
  });
});

describe('mvcFromReps', () => {
  it('takes the best attempt that counts, not one made by bearing down or not held', () => {
    const mvc = mvcFromReps([rep(0, 30, 4000, false), rep(1, 55, 4000, true), rep(2, 34, 3500, false), rep(3, 40, MIN_MVC_HOLD_MS - 100, null)]);
    expect(mvc.mvcCmH2O).toBe(34);
    expect(mvc.attempts.map((a) => a.verdict)).toEqual(['counted', 'straining', 'counted', 'not-held']);
  });

  it('has no MVC when nothing counted', () => {
    expect(mvcFromReps([rep(0, 50, 3000, true)]).mvcCmH2O).toBeNull();
  });
});

describe('calibrate', () => {
  it('finds rest and MVC from a guided test: three maximal squeezes and one made by bearing down', () => {
    const user = userWith(31, { levelCmH2O: 1020, hasReference: true, driftCmH2OPerMin: 1 });
    user.squeeze({ startMs: 6000, peakCmH2O: 31, holdMs: 3000 });
    user.squeeze({ startMs: 14000, peakCmH2O: 36, holdMs: 3000 });
    user.squeeze({ startMs: 22000, peakCmH2O: 20, holdMs: 3000, strainCmH2O: 40 });
    user.squeeze({ startMs: 30000, peakCmH2O: 33, holdMs: 3000 });
    const { t, p, ref } = flatten(stream(user, { durationMs: 38000 }));
    const cal = calibrate(t, p, ref);
    expect(Math.abs(cal.rest.levelCmH2O - 1020)).toBeLessThan(1);
    expect(cal.mvc.attempts.map((a) => a.verdict)).toEqual(['counted', 'counted', 'straining', 'counted']);
    expect(Math.abs((cal.mvc.mvcCmH2O ?? 0) - 36)).toBeLessThan(2.5);
  });
});
