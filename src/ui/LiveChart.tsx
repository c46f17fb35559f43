import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { useStore } from 'zustand';
import 'uplot/dist/uPlot.min.css';
import { t } from '../i18n/messages';
import type { LiveBuffer } from '../session/liveBuffer';
import { analysisStore } from '../store/analysisStore';
import { calibrationStore } from '../store/calibrationStore';
import { ChartSummary } from './ChartSummary';
import { programStore } from '../store/programStore';
import { onFrame, requestFrame } from './frameLoop';

const WINDOW_MS = 30_000;
/** 30 s at up to 100 Hz. */
const POINTS = 3000;
/** Phones report 3; the curve looks the same at 2 and costs less than half the pixels to draw. */
const MAX_PIXEL_RATIO = 2;
/** Colours of the theme in force when the chart is built (light or dark; app.css). */
const palette = { curve: '#0b7a75', ink: '#1d2b2a', grid: '#d6e2e0' };
const CURVE_FILL = 'rgba(11,122,117,0.08)';
const ONSET = 'rgba(11, 122, 117, 0.5)';

function readPalette(el: HTMLElement): void {
  const css = getComputedStyle(el);
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  palette.curve = read('--accent', palette.curve);
  palette.ink = read('--ink', palette.ink);
  palette.grid = read('--line', palette.grid);
}

/** Tick positions every 5 s back from "now" (10 s on a narrow chart); the x scale is −30…0 s. */
function timeTicks(widthPx: number): number[] {
  const step = widthPx < 500 * uPlot.pxRatio ? 10 : 5;
  const ticks: number[] = [];
  for (let back = WINDOW_MS / 1000; back >= 0; back -= step) ticks.push(-back);
  return ticks;
}

/**
 * The y range the curve needs, in steps of 5 cmH2O: grown at once, shrunk one step at a time,
 * so the axes (and the frame under the curve) are redrawn only when the range really changes.
 */
function nextRange(current: { min: number; max: number }, lo: number, hi: number): { min: number; max: number } {
  const wantMin = Math.min(-5, 5 * Math.floor((lo - 2) / 5));
  const wantMax = Math.max(40, 5 * Math.ceil((hi + 5) / 5));
  const min = wantMin < current.min ? wantMin : wantMin > current.min ? current.min + 5 : current.min;
  const max = wantMax > current.max ? wantMax : wantMax < current.max ? current.max - 5 : current.max;
  return min === current.min && max === current.max ? current : { min, max };
}

/**
 * Drawn under the curve, on the curve's own canvas: the target band of the running program and a
 * line at the resting level once the pipeline knows it. (On uPlot's 3× canvas every band change,
 * twice a rep, meant redrawing the axes too: a long task on a slow phone.)
 */
function drawGuides(ctx: CanvasRenderingContext2D, w: number, h: number, yMin: number, yMax: number): void {
  const y = (v: number) => ((yMax - v) / (yMax - yMin)) * h;
  const band = programStore.getState().targetBand;
  if (band) {
    ctx.fillStyle = 'rgba(242, 183, 5, 0.22)';
    ctx.fillRect(0, y(band.toCmH2O), w, y(band.fromCmH2O) - y(band.toCmH2O));
  }
  if (analysisStore.getState().restCmH2O !== null) {
    const y0 = Math.round(y(0)) + 0.5;
    ctx.strokeStyle = 'rgba(90, 107, 105, 0.6)';
    ctx.lineWidth = 1;
    ctx.setLineDash([6, 6]);
    ctx.beginPath();
    ctx.moveTo(0, y0);
    ctx.lineTo(w, y0);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

/**
 * The curve and the onset markers, which scroll: drawn on a canvas of their own over uPlot's
 * plot area, at a capped pixel ratio, as at most one vertex pair (min, max) per pixel column.
 */
function drawCurve(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  xs: Float64Array,
  ys: Float64Array,
  count: number,
  nowS: number,
  yMin: number,
  yMax: number,
  lineWidth: number,
): void {
  ctx.clearRect(0, 0, w, h);
  drawGuides(ctx, w, h, yMin, yMax);
  const x0 = nowS - WINDOW_MS / 1000;
  const sx = w / (WINDOW_MS / 1000);
  const sy = h / (yMax - yMin);
  const analysis = analysisStore.getState();
  ctx.strokeStyle = ONSET;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = analysis.reps.length - 1; i >= 0 && i >= analysis.reps.length - 10; i--) {
    const x = Math.round((analysis.reps[i].onsetMs / 1000 - x0) * sx) + 0.5;
    if (x >= 0 && x <= w) {
      ctx.moveTo(x, 0);
      ctx.lineTo(x, h);
    }
  }
  if (analysis.activeOnsetMs !== null) {
    const x = Math.round((analysis.activeOnsetMs / 1000 - x0) * sx) + 0.5;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, h);
  }
  ctx.stroke();
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
  ctx.lineWidth = lineWidth;
  ctx.lineJoin = 'round';
  ctx.stroke();
}

/** Adds the curve to the current path, one column at a time: entry, min, max, exit. Returns the last x. */
function tracePath(ctx: CanvasRenderingContext2D, xs: Float64Array, ys: Float64Array, first: number, x0: number, sx: number, yMax: number, sy: number): number {
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

/** The scrolling squeeze curve: redrawn at most once per animation frame, and only when samples arrived. */
export function LiveChart({ buffer }: { buffer: LiveBuffer }) {
  const host = useRef<HTMLDivElement>(null);
  // cmH2O, counts, or % of max once a count device is calibrated: the chart is rebuilt when it changes.
  const unit = useStore(calibrationStore, (s) => s.display.unit);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    readPalette(el);
    const xs = new Float64Array(POINTS);
    const ys = new Float64Array(POINTS);
    let range = { min: -5, max: 40 };
    const curve = document.createElement('canvas');
    curve.className = 'live-curve';
    curve.setAttribute('data-testid', 'live-curve');
    const ctx = curve.getContext('2d');
    if (!ctx) return;
    let dirty = true;
    let ratio = 1;
    const fitCurve = (u: uPlot) => {
      ratio = Math.min(uPlot.pxRatio, MAX_PIXEL_RATIO);
      curve.width = Math.round((u.bbox.width / uPlot.pxRatio) * ratio);
      curve.height = Math.round((u.bbox.height / uPlot.pxRatio) * ratio);
      dirty = true;
    };
    const plot = new uPlot(
      {
        width: el.clientWidth || 600,
        height: el.clientHeight || 280,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, auto: false }, y: { auto: false } },
        hooks: { setSize: [fitCurve] },
        // The curve itself is drawn on its own canvas (drawCurve); uPlot draws the axes and the frame.
        series: [{}, { show: false }],
        axes: [
          // Ticks count back from "now" (the right edge): −30, −25 … 0 s.
          {
            label: t('chart.axisTime'),
            stroke: palette.ink,
            grid: { stroke: palette.grid },
            ticks: { stroke: palette.grid },
            splits: (u) => timeTicks(u.bbox.width),
            values: (_u, splits) => splits.map((s) => String(s)),
          },
          { label: t(`device.unit.${unit}`), stroke: palette.ink, grid: { stroke: palette.grid }, ticks: { stroke: palette.grid } },
        ],
      },
      [
        [-WINDOW_MS / 1000, 0],
        [0, 0],
      ],
      el,
    );
    plot.batch(() => {
      plot.setScale('x', { min: -WINDOW_MS / 1000, max: 0 });
      plot.setScale('y', range);
    });
    plot.over.appendChild(curve);
    fitCurve(plot);
    let drawn = -1;
    let band = programStore.getState().targetBand;
    let rest = analysisStore.getState().restCmH2O;
    let reps = analysisStore.getState().reps;
    let onset = analysisStore.getState().activeOnsetMs;
    const stop = onFrame(() => {
      const analysis = analysisStore.getState();
      const nextBand = programStore.getState().targetBand;
      // The band and the rest line are drawn with the curve: a change redraws only that canvas.
      if (nextBand !== band || (analysis.restCmH2O === null) !== (rest === null)) {
        band = nextBand;
        dirty = true;
      }
      rest = analysis.restCmH2O;
      if (analysis.reps !== reps || analysis.activeOnsetMs !== onset) {
        reps = analysis.reps;
        onset = analysis.activeOnsetMs;
        dirty = true;
      }
      if (buffer.version === drawn && !dirty) return;
      drawn = buffer.version;
      dirty = false;
      const latest = buffer.latestTime();
      if (Number.isNaN(latest)) {
        ctx.clearRect(0, 0, curve.width, curve.height);
        return;
      }
      const count = buffer.copyWindow(latest - WINDOW_MS, rest ?? 0, xs, ys);
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = POINTS - count; i < POINTS; i++) {
        if (ys[i] < lo) lo = ys[i];
        if (ys[i] > hi) hi = ys[i];
      }
      const next = nextRange(range, lo, hi);
      if (next !== range) {
        range = next;
        plot.setScale('y', range);
      }
      drawCurve(ctx, curve.width, curve.height, xs, ys, count, latest / 1000, range.min, range.max, 2 * ratio);
    });
    // A frame when samples arrive, or the band, rest level or onsets change; none otherwise.
    const unwatch = [buffer.onChange(requestFrame), programStore.subscribe(requestFrame), analysisStore.subscribe(requestFrame)];
    const resize = new ResizeObserver(() => {
      // The layout sizes the host (the training screen gives it what is left); uPlot follows.
      const height = el.clientHeight || 280;
      if (el.clientWidth !== plot.width || height !== plot.height) plot.setSize({ width: el.clientWidth, height });
      requestFrame();
    });
    resize.observe(el);
    return () => {
      stop();
      unwatch.forEach((fn) => fn());
      resize.disconnect();
      plot.destroy();
    };
  }, [buffer, unit]);

  return (
    <>
      <div ref={host} className="live-chart" role="img" aria-label={t('chart.label')} aria-describedby="chart-summary" data-testid="live-chart" />
      <ChartSummary id="chart-summary" />
    </>
  );
}
