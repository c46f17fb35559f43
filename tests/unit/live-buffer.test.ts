import { describe, expect, it } from 'vitest';
import { LiveBuffer } from '../../src/session/liveBuffer';

describe('LiveBuffer', () => {
  it('keeps only the newest samples once full', () => {
    const buffer = new LiveBuffer(100);
    for (let i = 0; i < 250; i++) buffer.push(i * 20, i);
    expect(buffer.length).toBe(100);
    expect(buffer.latestTime()).toBe(249 * 20);
    expect(buffer.latestPressure()).toBe(249);
  });

  it("marks a gap once with a NaN pressure at the last sample's time, telling its listeners; nothing when empty", () => {
    const buffer = new LiveBuffer(100);
    let told = 0;
    buffer.onChange(() => told++);
    buffer.markGap();
    expect(buffer.length).toBe(0);
    for (let i = 0; i < 10; i++) buffer.push(i * 20, i);
    buffer.markGap();
    buffer.markGap();
    expect(buffer.length).toBe(11);
    expect(buffer.latestTime()).toBeCloseTo(180, 2);
    expect(buffer.latestPressure()).toBeNaN();
    // What a mirror asks for after the last sample it has includes the mark.
    const t = new Float64Array(4);
    const p = new Float64Array(4);
    expect(buffer.copyAfter(180, t, p)).toBe(1);
    expect(p[0]).toBeNaN();
    expect(told).toBe(1);
  });

  it('copies the last 30 s right-aligned, relative to the rest level, padding with the oldest point', () => {
    const buffer = new LiveBuffer(4096);
    // 40 s at 50 Hz, pressure = 1033 + seconds.
    for (let i = 0; i < 2000; i++) buffer.push(i * 20, 1033 + i / 50);
    const xs = new Float64Array(3000);
    const ys = new Float64Array(3000);
    const count = buffer.copyWindow(buffer.latestTime() - 30_000, 1033, xs, ys);
    expect(count).toBe(1501);
    expect(xs[2999]).toBeCloseTo(39.98, 6);
    expect(ys[2999]).toBeCloseTo(39.98, 4);
    expect(xs[3000 - count]).toBeCloseTo(9.98, 6);
    // Padding repeats the oldest copied point, so nothing extra is drawn.
    expect(xs[0]).toBe(xs[3000 - count]);
    expect(ys[0]).toBe(ys[3000 - count]);
    // Times ascend through the window, as the chart requires.
    for (let i = 1; i < 3000; i++) expect(xs[i]).toBeGreaterThanOrEqual(xs[i - 1]);
  });

  it('hands out what a mirror has not seen, oldest first, as much as fits at a time; and the extent of a window', () => {
    const buffer = new LiveBuffer(100);
    for (let i = 0; i < 250; i++) buffer.push(i * 20, i % 7);
    const t = new Float64Array(30);
    const p = new Float64Array(30);
    // Newer than 4000 ms: samples 201…249, 30 now and 19 next time.
    expect(buffer.copyAfter(4000, t, p)).toBe(30);
    expect([t[0], t[29]]).toEqual([4020, 4600]);
    expect(p[0]).toBe(201 % 7);
    expect(buffer.copyAfter(t[29], t, p)).toBe(19);
    expect(t[18]).toBe(249 * 20);
    expect(buffer.copyAfter(buffer.latestTime(), t, p)).toBe(0);
    // Older than the ring holds: only what it holds.
    expect(buffer.copyAfter(-1, new Float64Array(500), new Float64Array(500))).toBe(100);
    const extent = new Float64Array(2);
    buffer.extentSince(4000, 1, extent);
    expect(Array.from(extent)).toEqual([-1, 5]);
    const generation = buffer.generation;
    buffer.clear();
    expect(buffer.generation).toBe(generation + 1);
    buffer.extentSince(0, 0, extent);
    expect(extent[0] > extent[1]).toBe(true);
  });

  it('reports NaN before any sample so the readout can show a dash', () => {
    const buffer = new LiveBuffer(10);
    expect(buffer.latestPressure()).toBeNaN();
  });
});
