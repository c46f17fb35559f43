import { describe, expect, it } from 'vitest';
import { findDeparture, type EdgeTuning } from '../../src/pipeline/edges.ts';
import { countPeaks } from '../../src/pipeline/measures.ts';
import { NO_GAP, SampleRing } from '../../src/pipeline/ring.ts';

const TUNE: EdgeTuning = { smoothHalfMs: 25, referenceMs: 800, guardMs: 60, departureSds: 2, minDepartureCmH2O: 0.1 };
const DT = 14; // ~70 Hz

/** A ring holding `at(t)` from 0 to `endMs`, with a small deterministic ripple. */
function ringOf(at: (t: number) => number, endMs: number): SampleRing {
  const ring = new SampleRing(1024);
  for (let t = 0; t <= endMs; t += DT) ring.push(t, at(t) + 0.05 * Math.sin(t / 37), Number.NaN, NO_GAP);
  return ring;
}

describe('finding where a rise began', () => {
  it('a rise 1.3 s after the last rep is found at its start, even when the resting level it is anchored to is 2 cmH2O low', () => {
    // Just after the last rep (the search starts at 0) its release tail dips once into the
    // resting band of the (wrong) level, then the pressure sits 2 cmH2O above it until the new
    // rise at 1300 ms.
    const at = (t: number) => (t < 130 ? 1021 - 0.02 * t : t < 1300 ? 1019.4 : 1019.4 + 0.04 * (t - 1300));
    const ring = ringOf(at, 1400);
    const anchor = { line: { level: 1017.4, slopePerMs: 0, t0: 0 }, band: 1.55 };
    const onset = findDeparture(ring, 0, ring.newest, 1, TUNE, anchor);
    expect(Math.abs(onset.tMs - 1300)).toBeLessThanOrEqual(40);
  });

  it('with a right resting level, a rise from rest is found at its start', () => {
    const at = (t: number) => (t < 1300 ? 1017.4 : 1017.4 + 0.04 * (t - 1300));
    const ring = ringOf(at, 1400);
    const anchor = { line: { level: 1017.4, slopePerMs: 0, t0: 0 }, band: 1 };
    expect(Math.abs(findDeparture(ring, 0, ring.newest, 1, TUNE, anchor).tMs - 1300)).toBeLessThanOrEqual(40);
  });
});

describe('counting peaks', () => {
  const bump = (t: number, at: number) => 30 * Math.exp(-(((t - at) / 90) ** 2));

  it('two coughs 300 ms apart are two peaks, three are three', () => {
    expect(
      countPeaks(
        ringOf((t) => bump(t, 500) + bump(t, 800), 1300),
        300,
        1000,
        7.5,
        25,
      ),
    ).toBe(2);
    expect(
      countPeaks(
        ringOf((t) => bump(t, 400) + bump(t, 700) + bump(t, 1000), 1300),
        200,
        1200,
        7.5,
        25,
      ),
    ).toBe(3);
  });

  it('a held squeeze with tremor and a slow wobble (±10 %) is one peak', () => {
    const envelope = (t: number) => Math.min(1, Math.max(0, (t - 200) / 100), Math.max(0, (1200 - t) / 100));
    const at = (t: number) => envelope(t) * (30 + 1.5 * Math.sin(t / 8) + 3 * Math.sin(t / 160));
    // Between the half-maximum crossings, as the detector counts.
    expect(countPeaks(ringOf(at, 1300), 250, 1150, 7.5, 25)).toBe(1);
  });
});
