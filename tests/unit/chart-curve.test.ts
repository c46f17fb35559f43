import { describe, expect, it } from 'vitest';
import {
  CurveMirror,
  M_BAND_FROM,
  M_BAND_TO,
  M_LINE_WIDTH,
  M_NEW,
  M_NOW_S,
  M_ONSET_COUNT,
  M_ONSETS,
  M_RESET,
  M_REST_LINE,
  M_Y_MAX,
  M_Y_MIN,
  NEW_SAMPLES,
  newCurveFrame,
  POINTS,
} from '../../src/ui/chart/curve';

/** Records what a canvas would be asked to draw. */
function recorder() {
  const calls = { lineTo: 0, moveTo: 0, fillRect: [] as number[][], stroke: 0, fill: 0 };
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    lineJoin: 'miter' as CanvasLineJoin,
    clearRect: () => {},
    fillRect: (...a: number[]) => void calls.fillRect.push(a),
    beginPath: () => {},
    closePath: () => {},
    moveTo: () => void calls.moveTo++,
    lineTo: () => void calls.lineTo++,
    fill: () => void calls.fill++,
    stroke: () => void calls.stroke++,
    setLineDash: () => {},
  };
  return { ctx, calls };
}

const NOW_S = 100;
const level = (i: number) => 20 * Math.sin(i / 7) + 5 * Math.sin(i * 1.3);

/** A mirror fed the samples (ms, pressure) up to NOW_S, frame by frame as the chart sends them, and the next frame (nothing new). */
function mirrorFed(times: readonly number[], values: readonly number[]) {
  const mirror = new CurveMirror();
  const frame = newCurveFrame();
  const m = frame.meta;
  m[M_NOW_S] = NOW_S;
  m[M_Y_MIN] = -30;
  m[M_Y_MAX] = 30;
  m[M_LINE_WIDTH] = 4;
  m[M_BAND_FROM] = Number.NaN;
  m[M_BAND_TO] = Number.NaN;
  const quiet = recorder().ctx;
  for (let sent = 0; sent < times.length;) {
    const n = Math.min(NEW_SAMPLES, times.length - sent);
    for (let j = 0; j < n; j++, sent++) {
      frame.t[j] = times[sent];
      frame.p[j] = values[sent];
    }
    m[M_NEW] = n;
    mirror.draw(quiet, 100, 100, frame, { curve: '#000' });
  }
  m[M_NEW] = 0;
  return { mirror, frame };
}

/** `count` samples at `rateHz` ending at NOW_S. */
function mirrorWith(count: number, rateHz: number) {
  const times = Array.from({ length: count }, (_, i) => 1000 * (NOW_S - (count - 1 - i) / rateHz));
  return mirrorFed(
    times,
    times.map((_, i) => level(i)),
  );
}

describe('live curve drawing', () => {
  it('draws at most a few vertices per pixel column, whatever the sample rate', () => {
    for (const [width, rate] of [
      [200, 100],
      [780, 100],
      [780, 20],
      [300, 50],
    ]) {
      const { ctx, calls } = recorder();
      const { mirror, frame } = mirrorWith(Math.min(POINTS, 30 * rate), rate);
      mirror.draw(ctx, width, 400, frame, { curve: '#000' });
      // Fill and line: each at most entry, min, max and exit per column, plus closing the fill.
      expect(calls.lineTo).toBeLessThanOrEqual(2 * 4 * (width + 1) + 2);
      expect(calls.lineTo).toBeGreaterThan(width);
      expect(calls.fill).toBe(1);
    }
  });

  it('draws the target band, the resting line and the onsets only when there are some', () => {
    const none = recorder();
    const one = mirrorWith(1, 10);
    one.mirror.draw(none.ctx, 300, 300, one.frame, { curve: '#000' });
    expect(none.calls.fillRect).toEqual([]);
    expect(none.calls.lineTo).toBe(0);

    const { mirror, frame } = mirrorWith(1, 10);
    frame.meta[M_BAND_FROM] = 10;
    frame.meta[M_BAND_TO] = 20;
    frame.meta[M_REST_LINE] = 1;
    frame.meta[M_ONSET_COUNT] = 2;
    frame.meta[M_ONSETS] = 95; // 5 s ago: in view
    frame.meta[M_ONSETS + 1] = 40; // a minute ago: out of view
    const all = recorder();
    mirror.draw(all.ctx, 300, 300, frame, { curve: '#000' });
    // Band from 20 down to 10 on a −30…30 scale, 300 px high.
    expect(all.calls.fillRect).toEqual([[0, 50, 300, 50]]);
    // The resting line and the one onset in view.
    expect(all.calls.lineTo).toBe(2);
  });

  it('breaks the curve where the link was lost: no line or fill across the gap', () => {
    // 10 s at 50 Hz, the link lost for 6 s (a NaN marks where the samples stopped), 10 s more.
    const before = Array.from({ length: 500 }, (_, i) => 1000 * (NOW_S - 26) + 20 * i);
    const after = Array.from({ length: 500 }, (_, i) => 1000 * (NOW_S - 10) + 20 * i);
    const times = [...before, before[499] + 1e-3, ...after];
    const values = [...before.map((_, i) => level(i)), Number.NaN, ...after.map((_, i) => level(i))];
    const { mirror, frame } = mirrorFed(times, values);
    // Each path's vertices, as x positions in order; a moveTo starts a new stretch.
    const stretches: number[][] = [];
    const ctx = {
      ...recorder().ctx,
      moveTo: (x: number) => void stretches.push([x]),
      lineTo: (x: number) => void stretches[stretches.length - 1]?.push(x),
    };
    mirror.draw(ctx, 300, 300, frame, { curve: '#000' });
    // Fill and line, two stretches each (the resting line and onsets are off).
    expect(stretches).toHaveLength(4);
    // 6 s of a 30 s window, 300 px wide: 60 px with nothing drawn; no step between vertices crosses it.
    const gapFrom = Math.round(((NOW_S - 16.02 - (NOW_S - 30)) * 300) / 30);
    const gapTo = Math.round(((NOW_S - 10 - (NOW_S - 30)) * 300) / 30);
    for (const xs of stretches) {
      for (let k = 1; k < xs.length; k++) expect(Math.min(xs[k], xs[k - 1]) >= gapTo || Math.max(xs[k], xs[k - 1]) <= gapFrom + 1).toBe(true);
    }
  });

  it('keeps the window from the new samples each frame brings, and forgets it when told', () => {
    const { mirror, frame } = mirrorWith(30 * 100, 100);
    const full = recorder();
    mirror.draw(full.ctx, 300, 300, frame, { curve: '#000' });
    expect(full.calls.lineTo).toBeGreaterThan(300);
    // The stream started again (a calibration, say) with one sample: nothing to draw a curve from.
    frame.meta[M_RESET] = 1;
    frame.meta[M_NEW] = 1;
    frame.t[0] = 1000 * NOW_S;
    frame.p[0] = 3;
    const reset = recorder();
    mirror.draw(reset.ctx, 300, 300, frame, { curve: '#000' });
    expect(reset.calls.lineTo).toBe(0);
  });
});
