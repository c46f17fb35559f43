/**
 * Drawing the live curve: pure canvas code, the same on the main thread and in the chart worker.
 * Everything a frame needs besides the samples travels in one small Float64Array (FrameMeta), so
 * a frame allocates nothing and all of it can be handed to a worker without copying.
 */

export const WINDOW_MS = 30_000;
/** 30 s at up to 100 Hz. */
export const POINTS = 3000;
/** Onset markers drawn: the last ten reps and the squeeze in progress. */
export const MAX_ONSETS = 11;

/** Slots of the meta array. */
export const M_COUNT = 0;
export const M_NOW_S = 1;
export const M_Y_MIN = 2;
export const M_Y_MAX = 3;
export const M_LINE_WIDTH = 4;
/** Target band in the chart's unit; NaN: no band. */
export const M_BAND_FROM = 5;
export const M_BAND_TO = 6;
/** 1: draw the resting line at 0. */
export const M_REST_LINE = 7;
export const M_ONSET_COUNT = 8;
/** Onset times, seconds of stream time. */
export const M_ONSETS = 9;
export const META_LENGTH = M_ONSETS + MAX_ONSETS;

/** One frame's arrays: samples right-aligned (see LiveBuffer.copyWindow) and the meta slots. */
export interface CurveFrame {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly meta: Float64Array;
}

export function newCurveFrame(): CurveFrame {
  return { xs: new Float64Array(POINTS), ys: new Float64Array(POINTS), meta: new Float64Array(META_LENGTH) };
}

export interface CurvePalette {
  readonly curve: string;
}

type Ctx2D = Pick<
  CanvasRenderingContext2D,
  | 'clearRect'
  | 'fillRect'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'closePath'
  | 'fill'
  | 'stroke'
  | 'setLineDash'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'lineJoin'
>;

const CURVE_FILL = 'rgba(11,122,117,0.08)';
const ONSET = 'rgba(11, 122, 117, 0.5)';
const BAND = 'rgba(242, 183, 5, 0.22)';
const REST = 'rgba(90, 107, 105, 0.6)';
const DASH = [6, 6];
const SOLID: number[] = [];

/**
 * The whole plot area: target band, resting line, onset markers, then the curve as at most one
 * vertex group per pixel column. `w`×`h` are device pixels.
 */
export function drawCurveFrame(ctx: Ctx2D, w: number, h: number, frame: CurveFrame, palette: CurvePalette): void {
  const { xs, ys, meta } = frame;
  const yMin = meta[M_Y_MIN];
  const yMax = meta[M_Y_MAX];
  const x0 = meta[M_NOW_S] - WINDOW_MS / 1000;
  const sx = w / (WINDOW_MS / 1000);
  const sy = h / (yMax - yMin);
  const y = (v: number) => (yMax - v) * sy;
  ctx.clearRect(0, 0, w, h);
  if (!Number.isNaN(meta[M_BAND_FROM])) {
    ctx.fillStyle = BAND;
    ctx.fillRect(0, y(meta[M_BAND_TO]), w, y(meta[M_BAND_FROM]) - y(meta[M_BAND_TO]));
  }
  if (meta[M_REST_LINE] === 1) {
    const y0 = Math.round(y(0)) + 0.5;
    ctx.strokeStyle = REST;
    ctx.lineWidth = 1;
    ctx.setLineDash(DASH);
    ctx.beginPath();
    ctx.moveTo(0, y0);
    ctx.lineTo(w, y0);
    ctx.stroke();
    ctx.setLineDash(SOLID);
  }
  ctx.strokeStyle = ONSET;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let k = 0; k < meta[M_ONSET_COUNT]; k++) {
    const x = Math.round((meta[M_ONSETS + k] - x0) * sx) + 0.5;
    if (x >= 0 && x <= w) {
      ctx.moveTo(x, 0);
      ctx.lineTo(x, h);
    }
  }
  ctx.stroke();
  const count = meta[M_COUNT];
  if (count < 2) return;
  const first = xs.length - count;
  // Fill first (closed down to the bottom), then the line over it; each path is one column-thinned pass.
  ctx.beginPath();
  const lastX = tracePath(ctx, xs, ys, first, x0, sx, yMax, sy);
  ctx.lineTo(lastX, h);
  ctx.lineTo(Math.round((xs[first] - x0) * sx), h);
  ctx.closePath();
  ctx.fillStyle = CURVE_FILL;
  ctx.fill();
  ctx.beginPath();
  tracePath(ctx, xs, ys, first, x0, sx, yMax, sy);
  ctx.strokeStyle = palette.curve;
  ctx.lineWidth = meta[M_LINE_WIDTH];
  ctx.lineJoin = 'round';
  ctx.stroke();
}

/** Adds the curve to the current path, one column at a time: entry, min, max, exit. Returns the last x. */
function tracePath(ctx: Ctx2D, xs: Float64Array, ys: Float64Array, first: number, x0: number, sx: number, yMax: number, sy: number): number {
  let col = Math.round((xs[first] - x0) * sx);
  let inY = (yMax - ys[first]) * sy;
  let lo = inY;
  let hi = inY;
  let outY = inY;
  ctx.moveTo(col, inY);
  for (let i = first + 1; i <= xs.length; i++) {
    const c = i < xs.length ? Math.round((xs[i] - x0) * sx) : Number.NaN;
    if (c === col) {
      outY = (yMax - ys[i]) * sy;
      if (outY < lo) lo = outY;
      if (outY > hi) hi = outY;
      continue;
    }
    // Column `col` is complete: draw its extent, then move on.
    if (hi - lo > 0.5) {
      ctx.lineTo(col, inY);
      ctx.lineTo(col, lo);
      ctx.lineTo(col, hi);
    }
    ctx.lineTo(col, outY);
    if (i === xs.length) break;
    col = c;
    inY = lo = hi = outY = (yMax - ys[i]) * sy;
  }
  return col;
}
