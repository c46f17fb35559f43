import { describe, expect, it } from 'vitest';
import { VirtualUser, createDemoUser, squeezeTruth, DEFAULT_SQUEEZE } from '../../firmware-sim/model';

function trace(user: VirtualUser, fromMs: number, toMs: number, stepMs = 20): { main: number[]; ref: number[] } {
  const out = { main: 0, ref: 0 };
  const main: number[] = [];
  const ref: number[] = [];
  for (let t = fromMs; t < toMs; t += stepMs) {
    user.sampleAt(t, out);
    main.push(out.main);
    ref.push(out.ref);
  }
  return { main, ref };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('the virtual user', () => {
  it('is deterministic for a seed, and different seeds breathe and squeeze differently', () => {
    const make = (seed: number) => {
      const u = new VirtualUser(seed);
      u.squeeze({ startMs: 3000 });
      return trace(u, 0, 12_000).main;
    };
    expect(make(42)).toEqual(make(42));
    expect(make(42)).not.toEqual(make(43));
  });

  it('rests at its level (an absolute sensor near 1033 cmH2O) and holds a squeeze at the asked strength', () => {
    const u = new VirtualUser(1, { levelCmH2O: 1033, driftCmH2OPerMin: 0 });
    u.squeeze({ startMs: 5000, peakCmH2O: 30, riseMs: 400, holdMs: 5000, fade: 0 });
    const { main } = trace(u, 0, 12_000);
    // 0–4 s at rest, 6–9 s holding (20 ms steps).
    expect(mean(main.slice(0, 200))).toBeCloseTo(1033, 0);
    expect(mean(main.slice(300, 450)) - 1033).toBeGreaterThan(28);
    expect(mean(main.slice(300, 450)) - 1033).toBeLessThan(32);
  });

  it('gives the noise-free truth of a squeeze in the definitions of signal.md', () => {
    const truth = squeezeTruth(
      { ...DEFAULT_SQUEEZE, startMs: 1000, riseShape: 'linear', releaseShape: 'linear', riseMs: 1000, holdMs: 4000, releaseMs: 1000, fade: 0, peakCmH2O: 20 },
      0.8,
    );
    expect(truth.onsetMs).toBe(1000);
    expect(truth.peakCmH2O).toBeCloseTo(20, 5);
    // Linear ramps of 1 s: half height 0.5 s into the rise and 0.5 s into the release.
    expect(truth.durationMs).toBe(5000);
    expect(truth.riseTimeMs).toBe(800);
    expect(truth.releaseMs).toBe(6000);
    expect(truth.holdFade).toBeCloseTo(0, 5);
    expect(truth.straining).toBe(false);
  });

  it('bears down on both channels, a correct squeeze mostly on the main one', () => {
    const u = new VirtualUser(3, { hasReference: true, driftCmH2OPerMin: 0, wanderCmH2O: 0 });
    u.squeeze({ startMs: 2000, peakCmH2O: 30, holdMs: 4000 });
    u.squeeze({ startMs: 12_000, peakCmH2O: 5, strainCmH2O: 40, holdMs: 4000 });
    const { main, ref } = trace(u, 0, 20_000);
    const rise = (xs: number[], from: number, to: number) => mean(xs.slice(from / 20, to / 20)) - mean(xs.slice(0, 1500 / 20));
    expect(rise(ref, 3000, 5000)).toBeLessThan(0.2 * rise(main, 3000, 5000));
    expect(rise(ref, 13_000, 15_000)).toBeGreaterThan(0.5 * rise(main, 13_000, 15_000));
    const truths = u.truth();
    expect(truths.map((t) => t.straining)).toEqual([false, true]);
  });

  it('coughs as a short spike that is gone within half a second', () => {
    const u = new VirtualUser(4, { driftCmH2OPerMin: 0, wanderCmH2O: 0, breathAmpCmH2O: 0 });
    u.cough({ atMs: 2000, amplitudeCmH2O: 60, widthMs: 300 });
    const { main } = trace(u, 0, 4000, 10);
    expect(Math.max(...main.slice(200, 230))).toBeGreaterThan(40);
    expect(Math.max(...main.slice(235, 400))).toBeLessThan(2);
  });

  it('as the in-app demo, keeps squeezing for an hour with bounded memory', () => {
    const demo = createDemoUser(9);
    const out = { main: 0, ref: 0 };
    let squeezing = 0;
    for (let t = 0; t < 3_600_000; t += 20) {
      demo.sampleAt(t, out);
      if (out.main > 15) squeezing += 20;
    }
    // Squeezes of 3–6 s every 10–17 s: a third of the time or so.
    expect(squeezing / 3_600_000).toBeGreaterThan(0.15);
    expect(squeezing / 3_600_000).toBeLessThan(0.5);
    expect(demo.squeezes.length).toBeLessThan(20);
  });
});
