/**
 * Drawing the live curve: pure canvas code, the same on the main thread and in the chart worker.
 * The drawing side keeps its own copy of the last samples (CurveMirror); each frame brings only the
 * samples that arrived since the last one and one small Float64Array of everything else
 * (FrameMeta), in arrays handed back and forth: a frame allocates nothing, and little crosses.
 */
import { LiveBuffer } from '../../session/liveBuffer';

export const WINDOW_MS = 30_000;
/** 30 s at up to 100 Hz. */
export const POINTS = 3000;
/** Most new samples a frame carries (5 s at 100 Hz); more wait for the next frame. */
export const NEW_SAMPLES = 512;
/** Onset markers drawn: the last ten reps and the squeeze in progress. */
export const MAX_ONSETS = 11;

/** Slots of the meta array. */
/** How many of the frame's `t`/`p` are new samples. */
export const M_NEW = 0;
export const M_NOW_S = 1;
export const M_Y_MIN = 2;
export const M_Y_MAX = 3;
export const M_LINE_WIDTH = 4;
/** Target band in the chart's unit; NaN: no band. */
export const M_BAND_FROM = 5;
export const M_BAND_TO = 6;
/** 1: draw the resting line at 0. */
export const M_REST_LINE = 7;
/** Subtracted from every pressure drawn: the resting level, once known. */
export const M_OFFSET = 8;
/** 1: forget the samples held before this frame's (the stream started again). */
export const M_RESET = 9;
export const M_ONSET_COUNT = 10;
/** Onset times, seconds of stream time. */
export const M_ONSETS = 11;
export const META_LENGTH = M_ONSETS + MAX_ONSETS;

/** One frame: the new samples (ms, pressure) and the meta slots. */
export interface CurveFrame {
  readonly t: Float64Array;
  readonly p: Float64Array;
  readonly meta: Float64Array;
}

export function newCurveFrame(): CurveFrame {
  return { t: new Float64Array(NEW_SAMPLES), p: new Float64Array(NEW_SAMPLES), meta: new Float64Array(META_LENGTH) };
}

/** The drawing side's copy of the window, and the arrays it lays it out in (allocated once). */
export class CurveMirror {
  private readonly buffer = new LiveBuffer(4096);
  private readonly xs = new Float64Array(POINTS);
  private readonly ys = new Float64Array(POINTS);

  /** Takes in the frame's new samples and draws the window. */
  draw(ctx: Ctx2D, w: number, h: number, frame: CurveFrame, palette: CurvePalette): void {
    const { t, p, meta } = frame;
    if (meta[M_RESET] === 1) this.buffer.clear();
    for (let i = 0; i < meta[M_NEW]; i++) this.buffer.push(t[i], p[i]);
    const latest = this.buffer.latestTime();
    const count = Number.isNaN(latest) ? 0 : this.buffer.copyWindow(latest - WINDOW_MS, meta[M_OFFSET], this.xs, this.ys);
    drawWindow(ctx, w, h, this.xs, this.ys, count, meta, palette);
  }
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
 * The whole plot area: target band, resting line, onset markers, then the curve (the last `count`
 * of xs/ys, seconds and pressure) as at most one vertex group per pixel column. `w`×`h` are device pixels.
 */
function drawWindow(ctx: Ctx2D, w: number, h: number, xs: Float64Array, ys: Float64Array, count: number, meta: Float64Array, palette: CurvePalette): void {
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
  if (count < 2) return;
  const first = xs.length - count;
  // Fill first (each stretch closed down to the bottom), then the line over it; each path is one column-thinned pass.
  ctx.beginPath();
  tracePath(ctx, xs, ys, first, x0, sx, yMax, sy, h);
  ctx.fillStyle = CURVE_FILL;
  ctx.fill();
  ctx.beginPath();
  tracePath(ctx, xs, ys, first, x0, sx, yMax, sy, Number.NaN);
  ctx.strokeStyle = palette.curve;
  ctx.lineWidth = meta[M_LINE_WIDTH];
  ctx.lineJoin = 'round';
  ctx.stroke();
}

/**
 * Adds the curve to the current path, one column at a time: entry, min, max, exit. A NaN pressure
 * (the link was lost there) ends a stretch, and the next begins at the next sample: nothing is
 * drawn across a gap. With a finite `floor` each stretch is closed down to it (the fill).
 */
function tracePath(ctx: Ctx2D, xs: Float64Array, ys: Float64Array, first: number, x0: number, sx: number, yMax: number, sy: number, floor: number): void {
  const n = xs.length;
  let i = first;
  while (i < n) {
    while (i < n && Number.isNaN(ys[i])) i++;
    if (i === n) return;
    const startCol = Math.round((xs[i] - x0) * sx);
    let col = startCol;
    let inY = (yMax - ys[i]) * sy;
    let lo = inY;
    let hi = inY;
    let outY = inY;
    ctx.moveTo(col, inY);
    for (i++; ; i++) {
      const c = i < n && !Number.isNaN(ys[i]) ? Math.round((xs[i] - x0) * sx) : Number.NaN;
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
      if (Number.isNaN(c)) break;
      col = c;
      inY = lo = hi = outY = (yMax - ys[i]) * sy;
    }
    if (!Number.isNaN(floor)) {
      ctx.lineTo(col, floor);
      ctx.lineTo(startCol, floor);
      ctx.closePath();
    }
  }
}
