import { describe, expect, it } from 'vitest';
import { RepDetector } from '../../src/pipeline/detector.ts';
import { guardBatch, isPlausibleReading, PLAUSIBLE_RANGE } from '../../src/pipeline/input-guard.ts';
import type { RepEvent, SampleBatch } from '../../src/pipeline/types.ts';
import { TrainingSession } from '../../src/session/trainingSession.ts';
import { repsIn, stream, userWith } from '../fixtures/simulate.ts';

const batch = (p: number[], ref: number[] | null = null): SampleBatch => ({
  t: Float64Array.from(p, (_, i) => 10 * i),
  p: Float32Array.from(p),
  ref: ref === null ? null : Float32Array.from(ref),
  lostBefore: 0,
});

describe('the input guard', () => {
  it('knows what a sensor can read, per unit', () => {
    expect(isPlausibleReading(1033, 'cmH2O')).toBe(true);
    expect(isPlausibleReading(-3, 'cmH2O')).toBe(true);
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, 1e18, 3.5e38, PLAUSIBLE_RANGE.cmH2O.max + 1, -51])
      expect(isPlausibleReading(x, 'cmH2O')).toBe(false);
    expect(isPlausibleReading(65535, 'counts')).toBe(true);
    expect(isPlausibleReading(-1, 'counts')).toBe(false);
  });

  it('passes a sound batch through as it is, and takes impossible samples out of a bad one', () => {
    const sound = batch([1, 2, 3]);
    expect(guardBatch(sound, 'cmH2O')).toEqual({ batch: sound, rejected: 0 });
    const { batch: out, rejected } = guardBatch(batch([1, 1e18, 2, Number.POSITIVE_INFINITY, 3], [0, 0, 9e9, 0, 0]), 'cmH2O');
    expect(rejected).toBe(2);
    expect(Array.from(out.t)).toEqual([0, 20, 40]);
    expect(Array.from(out.p)).toEqual([1, 2, 3]);
    expect(Array.from(out.ref ?? []).map(Number.isNaN)).toEqual([false, true, false]);
  });
});

/** Five 4-s squeezes at 100 Hz; `spoil` replaces one sample's pressure before the first. */
function fiveSqueezes(seed: number, spoil?: number): SampleBatch[] {
  const user = userWith(seed, { levelCmH2O: 1033 });
  for (const startMs of [5000, 13000, 21000, 29000, 37000]) user.squeeze({ startMs, peakCmH2O: 20 + (seed % 4) * 4, holdMs: 4000 });
  const batches = stream(user, { durationMs: 45000 });
  if (spoil !== undefined) batches[300].p[1] = spoil;
  return batches;
}

function detectAll(batches: readonly SampleBatch[]): RepEvent[] {
  const d = new RepDetector();
  const out: RepEvent[] = [];
  for (const b of batches) {
    d.pushBatch(b);
    d.drainEvents((e) => out.push(e));
  }
  d.finish();
  d.drainEvents((e) => out.push(e));
  return out;
}

describe('the detector after one absurd sample', () => {
  for (const seed of [71, 72, 73, 74]) {
    for (const bad of [1e18, -1e30, Number.POSITIVE_INFINITY, Number.NaN, 3.4e38]) {
      it(`finds every rep as without it (${bad}, seed ${seed})`, () => {
        const clean = repsIn(detectAll(fiveSqueezes(seed)));
        const spoilt = repsIn(detectAll(fiveSqueezes(seed, bad)));
        expect(clean).toHaveLength(5);
        expect(spoilt).toHaveLength(5);
        spoilt.forEach((rep, i) => {
          expect(Math.abs(rep.onsetMs - clean[i].onsetMs)).toBeLessThan(100);
          expect(Math.abs(rep.peakCmH2O - clean[i].peakCmH2O)).toBeLessThan(0.5);
        });
      });
    }
  }
});

describe('the live session guards what the sensor sends', () => {
  it('drops impossible readings before recording or analysing them, and counts them', () => {
    const session = new TrainingSession({ bluetooth: null, simulated: true, mvc: null, clock: () => 0 });
    session.feed(batch([1, 2, 1e18, 3]));
    session.feed(batch([Number.NEGATIVE_INFINITY]));
    expect(session.link$.value.rejectedSamples).toBe(2);
    expect(Array.from(session.recorder.snapshot().p)).toEqual([1, 2, 3]);
  });

  it('times that jump (to +Infinity, to 1e12, back, NaN) are rebased and counted: time keeps pace with the clock', () => {
    let now = 0;
    const session = new TrainingSession({ bluetooth: null, simulated: true, mvc: null, clock: () => now });
    const bad = [Number.POSITIVE_INFINITY, 1e12, -5e6, Number.NaN];
    for (let k = 0; k < 400; k++) {
      now = 10 * k;
      const t = k % 100 === 50 ? bad[(k / 100) | 0] : 10 * k;
      session.feed({ t: Float64Array.of(t), p: Float32Array.of(1 + (k % 3)), ref: null, lostBefore: 0 });
    }
    const { t } = session.recorder.snapshot();
    expect(t.length).toBe(400);
    expect(t.every((x, i) => Number.isFinite(x) && (i === 0 || x >= t[i - 1]))).toBe(true);
    expect(t[t.length - 1]).toBeLessThan(5000);
    expect(session.link$.value.timeJumps).toBeGreaterThanOrEqual(4);
  });
});
