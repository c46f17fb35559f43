import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/recording/recorder';

function batch(t0: number, n: number, withRef: boolean) {
  const t = new Float64Array(n).map((_, i) => t0 + i * 20);
  const p = new Float32Array(n).map((_, i) => i);
  return { t, p, ref: withRef ? new Float32Array(n).fill(5) : null, lostBefore: 0 };
}

describe('Recorder', () => {
  it('keeps every sample of a long session across capacity growth', () => {
    const recorder = new Recorder();
    // One hour at 50 Hz in packets of 5.
    for (let k = 0; k < 36_000; k++) recorder.append(batch(k * 100, 5, false));
    const data = recorder.data();
    expect(recorder.length).toBe(180_000);
    expect(data.t[179_999]).toBe(35_999 * 100 + 80);
    expect(data.p[12_345]).toBe(12_345 % 5);
    expect(data.ref).toBeNull();
  });

  it('adds a reference column when one appears, with earlier rows left empty', () => {
    const recorder = new Recorder();
    recorder.append(batch(0, 5, false));
    recorder.append(batch(100, 5, true));
    const { ref } = recorder.data();
    expect(ref).not.toBeNull();
    expect(Number.isNaN(ref?.[0])).toBe(true);
    expect(ref?.[7]).toBe(5);
  });

  it('marks a link gap with its start and end', () => {
    const recorder = new Recorder();
    recorder.markGap(5000);
    recorder.endGap(7400);
    expect(recorder.gaps).toEqual([{ fromMs: 5000, toMs: 7400 }]);
  });

  it('snapshot() carries the gaps, one still open ending at the last sample, and they survive clear()', () => {
    const recorder = new Recorder();
    recorder.append(batch(0, 5, false));
    recorder.markGap(80);
    recorder.append(batch(3000, 5, false));
    recorder.endGap(3000);
    recorder.markGap(3080);
    const snap = recorder.snapshot();
    expect(snap.gaps).toEqual([
      { fromMs: 80, toMs: 3000 },
      { fromMs: 3080, toMs: 3080 },
    ]);
    recorder.clear();
    expect(snap.gaps).toHaveLength(2);
    expect(recorder.snapshot().gaps).toEqual([]);
  });
});
