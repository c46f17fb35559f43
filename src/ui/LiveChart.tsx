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
import {
  M_BAND_FROM,
  M_BAND_TO,
  M_LINE_WIDTH,
  M_NEW,
  M_NOW_S,
  M_OFFSET,
  M_ONSET_COUNT,
  M_ONSETS,
  M_RESET,
  M_REST_LINE,
  M_Y_MAX,
  M_Y_MIN,
  MAX_ONSETS,
  WINDOW_MS,
} from './chart/curve';
import { showAxesAsImage, type AxesImage } from './chart/axesImage';
import { createCurveRenderer, type CurveRenderer } from './chart/curveRenderer';

/** Phones report 3; the curve looks the same at 2 and costs less than half the pixels to draw. */
const MAX_PIXEL_RATIO = 2;
/** The top of the y scale until a squeeze goes past it, without a strength test: most maximal squeezes stay below (protocols.md: 41.6–60.5 cmH2O is "good"). */
const DEFAULT_TOP_CMH2O = 50;
/** Colours of the theme in force when the chart is built (light or dark; app.css). */
const palette = { curve: '#0b7a75', ink: '#1d2b2a', grid: '#d6e2e0' };

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
 * The y range the curve needs: it only grows, at once and with headroom (steps of 10 cmH2O), so
 * the scale stays put while you train (squeezes compare at a glance) and uPlot's axes, a full
 * redraw at the phone's pixel ratio, are redrawn only when a squeeze goes past the top.
 */
function nextRange(current: { min: number; max: number }, lo: number, hi: number): { min: number; max: number } {
  const min = lo - 2 < current.min ? 10 * Math.floor((lo - 2) / 10) : current.min;
  const max = hi + 2 > current.max ? 10 * Math.ceil((hi * 1.2) / 10) : current.max;
  return min === current.min && max === current.max ? current : { min, max };
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
    // Sized for what the user can squeeze, when a strength test said so, else for most people's maximum:
    // the axes need not be redrawn when the first squeeze comes.
    const tested = calibrationStore.getState().testedMvc;
    let range = tested !== null ? nextRange({ min: -5, max: 20 }, 0, tested) : { min: -5, max: DEFAULT_TOP_CMH2O };
    let dirty = true;
    let ratio = 1;
    let renderer: CurveRenderer | null = null;
    let axes: AxesImage | null = null;
    const fitCurve = (u: uPlot) => {
      ratio = Math.min(uPlot.pxRatio, MAX_PIXEL_RATIO);
      renderer?.resize(Math.round((u.bbox.width / uPlot.pxRatio) * ratio), Math.round((u.bbox.height / uPlot.pxRatio) * ratio));
      dirty = true;
    };
    const plot = new uPlot(
      {
        width: el.clientWidth || 600,
        height: el.clientHeight || 280,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, auto: false }, y: { auto: false } },
        hooks: { setSize: [fitCurve], draw: [() => axes?.update()] },
        // The curve itself is drawn on its own canvas (chart/curve.ts, in a worker where possible); uPlot draws the axes and the frame.
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
    axes = showAxesAsImage(plot.ctx.canvas);
    plot.batch(() => {
      plot.setScale('x', { min: -WINDOW_MS / 1000, max: 0 });
      plot.setScale('y', range);
    });
    // The curve's canvas lies over uPlot's plot area.
    // Frames that found the worker busy are drawn when it is done; nothing is redrawn for nothing.
    let waiting = false;
    const curve = createCurveRenderer(
      plot.over,
      { curve: palette.curve },
      () => {
        if (waiting) requestFrame();
        waiting = false;
      },
      () => {
        // A new canvas with nothing on it: the window is sent again.
        sentGeneration = -1;
        dirty = true;
        requestFrame();
      },
    );
    renderer = curve;
    fitCurve(plot);
    let drawn = -1;
    // What the drawing side holds: the buffer's generation and the newest sample sent.
    let sentGeneration = -1;
    let sentUpTo = Number.NEGATIVE_INFINITY;
    const extent = new Float64Array(2);
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
      // The worker still draws the last frame: this one waits until it is back (onIdle).
      const frame = curve.take();
      if (!frame) {
        waiting = true;
        return;
      }
      drawn = buffer.version;
      dirty = false;
      const { t: newT, p: newP, meta } = frame;
      const latest = buffer.latestTime();
      // Only what the drawing side has not seen crosses over: after a clear, the window anew.
      meta[M_RESET] = buffer.generation !== sentGeneration ? 1 : 0;
      if (meta[M_RESET] === 1) {
        sentGeneration = buffer.generation;
        sentUpTo = Number.NEGATIVE_INFINITY;
      }
      const fresh = Number.isNaN(latest) ? 0 : buffer.copyAfter(Math.max(sentUpTo, latest - WINDOW_MS), newT, newP);
      if (fresh > 0) sentUpTo = newT[fresh - 1];
      meta[M_NEW] = fresh;
      meta[M_OFFSET] = rest ?? 0;
      buffer.extentSince(latest - WINDOW_MS, rest ?? 0, extent);
      const next = extent[0] <= extent[1] ? nextRange(range, extent[0], extent[1]) : range;
      if (next !== range) {
        range = next;
        plot.setScale('y', range);
      }
      // More arrived than a frame carries (a stall, or the first frame at a high rate): the rest next frame.
      if (sentUpTo < latest) {
        dirty = true;
        requestFrame();
      }
      meta[M_NOW_S] = latest / 1000;
      meta[M_Y_MIN] = range.min;
      meta[M_Y_MAX] = range.max;
      meta[M_LINE_WIDTH] = 2 * ratio;
      meta[M_BAND_FROM] = band ? band.fromCmH2O : Number.NaN;
      meta[M_BAND_TO] = band ? band.toCmH2O : Number.NaN;
      meta[M_REST_LINE] = rest !== null ? 1 : 0;
      let onsets = 0;
      for (let i = reps.length - 1; i >= 0 && onsets < MAX_ONSETS - 1; i--) meta[M_ONSETS + onsets++] = reps[i].onsetMs / 1000;
      if (onset !== null) meta[M_ONSETS + onsets++] = onset / 1000;
      meta[M_ONSET_COUNT] = onsets;
      curve.draw(frame);
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
      curve.dispose();
      axes?.dispose();
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
