import { describe, expect, it } from 'vitest';
import { findDeparture, type EdgeTuning } from '../../src/pipeline/edges.ts';
import { countPeaks } from '../../src/pipeline/measures.ts';
import { LINK_GAP, NO_GAP, SHORT_GAP, SampleRing, type GapKind } from '../../src/pipeline/ring.ts';

const TUNE: EdgeTuning = { smoothHalfMs: 25, referenceMs: 800, guardMs: 60, departureSds: 2, minDepartureCmH2O: 0.1, sensorStepCmH2O: 0 };
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

describe('finding where a rise began when samples were lost', () => {
  /** `ringOf` with no samples in [gapFrom, gapTo), the first after it flagged `kind`. */
  function ringWithGap(at: (t: number) => number, endMs: number, gapFrom: number, gapTo: number, kind: GapKind): SampleRing {
    const ring = new SampleRing(1024);
    let lost = false;
    for (let t = 0; t <= endMs; t += DT) {
      if (t >= gapFrom && t < gapTo) {
        lost = true;
        continue;
      }
      ring.push(t, at(t) + 0.05 * Math.sin(t / 37), Number.NaN, lost ? kind : NO_GAP);
      lost = false;
    }
    return ring;
  }
  // Rest at 1017.4 cmH2O until `start`, then a rise of 40 cmH2O a second.
  const rise = (start: number) => (t: number) => (t < start ? 1017.4 : 1017.4 + 0.04 * (t - start));
  const anchor = { line: { level: 1017.4, slopePerMs: 0, t0: 0 }, band: 1 };

  it('begun inside a burst of lost packets, it began in the burst, where the rise after it leads back', () => {
    // Lost from 1150 to 1600 ms, the rise begun at 1300: the straight rise leads back to it.
    const ring = ringWithGap(rise(1300), 1900, 1150, 1600, SHORT_GAP);
    const onset = findDeparture(ring, 0, ring.newest, 1, TUNE, anchor);
    expect(Math.abs(onset.tMs - 1300)).toBeLessThanOrEqual(40);
  });

  it('begun just after a burst, it is found at its start, the level before the burst its reference', () => {
    // Lost from 700 to 1150 ms: 150 ms of level after it, too little to fit a line to alone.
    const ring = ringWithGap(rise(1300), 1600, 700, 1150, SHORT_GAP);
    expect(Math.abs(findDeparture(ring, 0, ring.newest, 1, TUNE, anchor).tMs - 1300)).toBeLessThanOrEqual(40);
  });

  it('begun before a burst, it is found before the burst', () => {
    const ring = ringWithGap(rise(1300), 1900, 1400, 1700, SHORT_GAP);
    expect(Math.abs(findDeparture(ring, 0, ring.newest, 1, TUNE, anchor).tMs - 1300)).toBeLessThanOrEqual(40);
  });

  it('the whole rise lost in a burst: the middle of the burst, never outside it', () => {
    // A 150 ms rise inside a gap from 1150 to 1600 ms, the pressure standing after it.
    const at = (t: number) => (t < 1300 ? 1017.4 : t < 1450 ? 1017.4 + 0.2 * (t - 1300) : 1047.4);
    const ring = ringWithGap(at, 1900, 1150, 1600, SHORT_GAP);
    const onset = findDeparture(ring, 0, ring.newest, 1, TUNE, anchor).tMs;
    expect(onset).toBeGreaterThanOrEqual(1136);
    expect(onset).toBeLessThanOrEqual(1610);
    expect(Math.abs(onset - 1375)).toBeLessThanOrEqual(40);
  });

  it('after a link drop nothing before it is read: the onset is no earlier than the drop', () => {
    // The same rise begun just after the samples resumed from a link drop (700–1150 ms): the walk
    // back stops there, so the level is the one after the drop.
    const ring = ringWithGap(rise(1300), 1600, 700, 1150, LINK_GAP);
    expect(findDeparture(ring, 0, ring.newest, 1, TUNE, anchor).tMs).toBeGreaterThanOrEqual(1150);
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
