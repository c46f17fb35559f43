import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINK_GAP, NO_GAP, SampleRing, SHORT_GAP, type GapKind } from '../../src/pipeline/ring.ts';
import { WindowMedian } from '../../src/pipeline/window-median.ts';
import { WindowMin } from '../../src/pipeline/window-min.ts';

/** Samples with increasing times (steps 1–60 ms) and values around an absolute sensor's level. */
const samples = fc.array(fc.record({ dt: fc.integer({ min: 1, max: 60 }), v: fc.double({ min: 1000, max: 1100, noNaN: true }) }), {
  minLength: 1,
  maxLength: 300,
});

function timed(xs: { dt: number; v: number }[]): { t: number; v: number }[] {
  let t = 0;
  return xs.map(({ dt, v }) => ({ t: (t += dt), v }));
}

describe('running windows agree with brute force', () => {
  it('WindowMin is the minimum over the last window', () => {
    fc.assert(
      fc.property(samples, (xs) => {
        const w = new WindowMin(200, 64);
        const s = timed(xs);
        s.forEach(({ t, v }, i) => {
          w.push(t, v);
          const inWindow = s.slice(0, i + 1).filter((x) => x.t >= t - 200);
          expect(w.value).toBe(Math.min(...inWindow.map((x) => x.v)));
        });
      }),
    );
  });

  it("WindowMin's quick window is the minimum over the last, shorter window", () => {
    fc.assert(
      fc.property(samples, fc.integer({ min: 0, max: 200 }), (xs, quickMs) => {
        const w = new WindowMin(200, 64, quickMs);
        const s = timed(xs);
        s.forEach(({ t, v }, i) => {
          w.push(t, v);
          const inWindow = s.slice(0, i + 1).filter((x) => x.t >= t - quickMs);
          expect(w.quickValue).toBe(Math.min(...inWindow.map((x) => x.v)));
        });
      }),
    );
  });

  it('WindowMedian is the median over the last window', () => {
    fc.assert(
      fc.property(samples, (xs) => {
        const m = new WindowMedian(150, 256);
        const s = timed(xs);
        s.forEach(({ t, v }, i) => {
          m.push(t, v);
          const w = s
            .slice(0, i + 1)
            .filter((x) => x.t >= t - 150)
            .map((x) => x.v)
            .sort((a, b) => a - b);
          const k = w.length >> 1;
          expect(m.value).toBeCloseTo(w.length % 2 ? w[k] : (w[k - 1] + w[k]) / 2, 9);
        });
      }),
    );
  });

  it('WindowMedian read now and then (it sorts only when read) is still the median over the last window', () => {
    fc.assert(
      fc.property(samples, fc.array(fc.boolean(), { minLength: 300, maxLength: 300 }), fc.integer({ min: 16, max: 64 }), (xs, reads, capacity) => {
        const m = new WindowMedian(400, capacity);
        const s = timed(xs);
        s.forEach(({ t, v }, i) => {
          m.push(t, v);
          if (!reads[i]) return;
          // The window holds at most `capacity` samples (the newest), and none older than 400 ms.
          const w = s
            .slice(Math.max(0, i + 1 - capacity), i + 1)
            .filter((x) => x.t >= t - 400)
            .map((x) => x.v)
            .sort((a, b) => a - b);
          const k = w.length >> 1;
          expect(m.value).toBeCloseTo(w.length % 2 ? w[k] : (w[k - 1] + w[k]) / 2, 9);
        });
      }),
    );
  });

  it('SampleRing medians of any held window are those of a sorted copy, across the wrap', () => {
    fc.assert(
      fc.property(samples, fc.integer({ min: 0, max: 299 }), fc.integer({ min: 0, max: 299 }), (xs, a, b) => {
        // 64 slots: longer streams wrap, and only the last 64 samples are held.
        const ring = new SampleRing(64);
        for (const { t, v } of timed(xs)) ring.push(t, v, Number.NaN, NO_GAP);
        const i0 = ring.oldest + (Math.min(a, b) % (ring.newest - ring.oldest + 1));
        const i1 = Math.min(ring.newest, i0 + Math.abs(a - b));
        const w = xs
          .slice(i0, i1 + 1)
          .map((x) => x.v)
          .sort((p, q) => p - q);
        const k = w.length >> 1;
        ring.updateMedian(i0, i1);
        expect(ring.lastMedian).toBe(w.length % 2 ? w[k] : (w[k - 1] + w[k]) / 2);
      }),
    );
  });

  it('SampleRing sums keep their precision over millions of samples (rebased every few laps)', () => {
    const ring = new SampleRing(256);
    const value = (i: number) => 1033 + 40 * Math.sin(i / 500) + 0.01 * (i % 7);
    for (let i = 0; i < 3_000_000; i++) ring.push(i * 10, value(i), Number.NaN, NO_GAP);
    const i1 = ring.newest;
    const i0 = i1 - 4;
    const xs = Array.from({ length: 5 }, (_, k) => value(i0 + k));
    const mean = xs.reduce((a, x) => a + x, 0) / 5;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / 5);
    expect(ring.mean(i0, i1)).toBeCloseTo(mean, 9);
    expect(ring.spread(i0, i1).sd).toBeCloseTo(sd, 6);
  });

  it('SampleRing centred means are the same read again later, after more samples and gaps', () => {
    // A kept window must be final: one read again after samples arrived equals the definition.
    // Neither kind of gap is spanned.
    const gapKind = fc.constantFrom<GapKind>(NO_GAP, SHORT_GAP, LINK_GAP);
    const gapped = fc.array(fc.record({ dt: fc.integer({ min: 1, max: 60 }), v: fc.double({ min: 1000, max: 1100, noNaN: true }), gap: gapKind }), {
      minLength: 1,
      maxLength: 200,
    });
    fc.assert(
      fc.property(gapped, fc.integer({ min: 5, max: 60 }), (xs, halfMs) => {
        const ring = new SampleRing(64);
        const s = timed(xs).map((x, k) => ({ ...x, gap: k > 0 ? xs[k].gap : NO_GAP }));
        const direct = (i: number): number => {
          const lo = ring.oldest;
          const hi = ring.newest;
          let a = i;
          while (a > lo && s[a].gap === NO_GAP && (s[i].t - s[a - 1].t <= halfMs || a === i)) a--;
          let b = i;
          while (b < hi && s[b + 1].gap === NO_GAP && (s[b + 1].t - s[i].t <= halfMs || b === i)) b++;
          return s.slice(a, b + 1).reduce((sum, x) => sum + x.v, 0) / (b - a + 1);
        };
        for (const x of s) {
          ring.push(x.t, x.v, Number.NaN, x.gap);
          for (let i = Math.max(ring.oldest, ring.newest - 20); i <= ring.newest; i++) expect(ring.centred(i, halfMs)).toBeCloseTo(direct(i), 6);
        }
      }),
    );
  });

  it('SampleRing means stay exact at an absolute level, across wrap-around', () => {
    fc.assert(
      fc.property(samples, fc.integer({ min: 0, max: 15 }), (xs, back) => {
        const ring = new SampleRing(16);
        const s = timed(xs);
        for (const { t, v } of s) ring.push(t, v, Number.NaN, NO_GAP);
        const i1 = ring.newest;
        const i0 = Math.max(ring.oldest, i1 - back);
        const want = s.slice(i0, i1 + 1).reduce((a, x) => a + x.v, 0) / (i1 - i0 + 1);
        expect(ring.mean(i0, i1)).toBeCloseTo(want, 6);
      }),
    );
  });
});
