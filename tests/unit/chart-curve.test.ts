import { describe, expect, it } from 'vitest';
import {
  drawCurveFrame,
  M_BAND_FROM,
  M_BAND_TO,
  M_COUNT,
  M_LINE_WIDTH,
  M_NOW_S,
  M_ONSET_COUNT,
  M_ONSETS,
  M_REST_LINE,
  M_Y_MAX,
  M_Y_MIN,
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

function frameWith(count: number, rateHz: number) {
  const frame = newCurveFrame();
  const nowS = 100;
  for (let k = 0; k < POINTS; k++) {
    const i = Math.max(k, POINTS - count);
    frame.xs[k] = nowS - (POINTS - 1 - i) / rateHz;
    frame.ys[k] = 20 * Math.sin(i / 7) + 5 * Math.sin(i * 1.3);
  }
  const m = frame.meta;
  m[M_COUNT] = count;
  m[M_NOW_S] = nowS;
  m[M_Y_MIN] = -30;
  m[M_Y_MAX] = 30;
  m[M_LINE_WIDTH] = 4;
  m[M_BAND_FROM] = Number.NaN;
  m[M_BAND_TO] = Number.NaN;
  return frame;
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
      drawCurveFrame(ctx, width, 400, frameWith(Math.min(POINTS, 30 * rate), rate), { curve: '#000' });
      // Fill and line: each at most entry, min, max and exit per column, plus closing the fill.
      expect(calls.lineTo).toBeLessThanOrEqual(2 * 4 * (width + 1) + 2);
      expect(calls.lineTo).toBeGreaterThan(width);
      expect(calls.fill).toBe(1);
    }
  });

  it('draws the target band, the resting line and the onsets only when there are some', () => {
    const none = recorder();
    drawCurveFrame(none.ctx, 300, 300, frameWith(1, 10), { curve: '#000' });
    expect(none.calls.fillRect).toEqual([]);
    expect(none.calls.lineTo).toBe(0);

    const frame = frameWith(1, 10);
    frame.meta[M_BAND_FROM] = 10;
    frame.meta[M_BAND_TO] = 20;
    frame.meta[M_REST_LINE] = 1;
    frame.meta[M_ONSET_COUNT] = 2;
    frame.meta[M_ONSETS] = 95; // 5 s ago: in view
    frame.meta[M_ONSETS + 1] = 40; // a minute ago: out of view
    const all = recorder();
    drawCurveFrame(all.ctx, 300, 300, frame, { curve: '#000' });
    // Band from 20 down to 10 on a −30…30 scale, 300 px high.
    expect(all.calls.fillRect).toEqual([[0, 50, 300, 50]]);
    // The resting line and the one onset in view.
    expect(all.calls.lineTo).toBe(2);
  });
});
