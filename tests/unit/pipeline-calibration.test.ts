import { describe, expect, it } from 'vitest';
import { MIN_MVC_HOLD_MS, countsTowardMvc, mvcFromReps } from '../../src/pipeline/calibration.ts';
import { analyzeRecording } from '../../src/pipeline/recording-analysis.ts';
import type { RepMeasures } from '../../src/pipeline/types.ts';
import { measuredRep } from '../fixtures/reps.ts';
import { flatten, stream, userWith } from '../fixtures/simulate.ts';

function rep(index: number, peakCmH2O: number, durationMs: number, straining: boolean | null): RepMeasures {
  return measuredRep({ index, peakCmH2O, durationMs, relaxedMs: 0, riseTimeMs: 0, holdFade: 0, steadiness: 0, straining });
}

describe('mvcFromReps', () => {
  it('takes the best attempt that counts, not one made by bearing down or not held', () => {
    const mvc = mvcFromReps([rep(0, 30, 4000, false), rep(1, 55, 4000, true), rep(2, 34, 3500, false), rep(3, 40, MIN_MVC_HOLD_MS - 100, null)]);
    expect(mvc.mvcCmH2O).toBe(34);
    expect(mvc.attempts.map((a) => a.verdict)).toEqual(['counted', 'straining', 'counted', 'not-held']);
  });

  it('has no MVC when nothing counted', () => {
    expect(mvcFromReps([rep(0, 50, 3000, true)]).mvcCmH2O).toBeNull();
  });

  it('uses the same rule for a single squeeze', () => {
    expect([rep(0, 30, 4000, false), rep(1, 55, 4000, true), rep(3, 40, MIN_MVC_HOLD_MS - 100, null)].map(countsTowardMvc)).toEqual([true, false, false]);
  });
});

describe('a guided MVC test, analysed as a recording', () => {
  it('finds rest and MVC: three maximal squeezes and one made by bearing down', () => {
    const user = userWith(31, { levelCmH2O: 1020, hasReference: true, driftCmH2OPerMin: 1 });
    user.squeeze({ startMs: 6000, peakCmH2O: 31, holdMs: 3000 });
    user.squeeze({ startMs: 14000, peakCmH2O: 36, holdMs: 3000 });
    user.squeeze({ startMs: 22000, peakCmH2O: 20, holdMs: 3000, strainCmH2O: 40 });
    user.squeeze({ startMs: 30000, peakCmH2O: 33, holdMs: 3000 });
    const { t, p, ref } = flatten(stream(user, { durationMs: 38000 }));
    const analysis = analyzeRecording({ t, p, ref });
    // The resting level drifts 1 cmH2O/min: over the 38 s it is within 1 of where it started.
    expect(Math.abs(analysis.baselineCmH2O - 1020)).toBeLessThan(1);
    expect(mvcFromReps(analysis.reps).attempts.map((a) => a.verdict)).toEqual(['counted', 'counted', 'straining', 'counted']);
    expect(analysis.mvcSource).toBe('best-squeeze');
    expect(Math.abs((analysis.mvcCmH2O ?? 0) - 36)).toBeLessThan(2.5);
  });
});
