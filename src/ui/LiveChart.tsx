import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { useStore } from 'zustand';
import 'uplot/dist/uPlot.min.css';
import { t } from '../i18n/messages';
import type { LiveBuffer } from '../session/liveBuffer';
import { analysisStore } from '../store/analysisStore';
import { calibrationStore } from '../store/calibrationStore';
import { programStore } from '../store/programStore';
import { onFrame } from './frameLoop';

const WINDOW_MS = 30_000;
/** 30 s at up to 100 Hz. */
const POINTS = 3000;

/** Tick positions every 5 s back from the newest sample (10 s on a narrow chart). */
function timeTicks(maxS: number, widthPx: number): number[] {
  const step = widthPx < 500 * devicePixelRatio ? 10 : 5;
  const ticks: number[] = [];
  for (let back = WINDOW_MS / 1000; back >= 0; back -= step) ticks.push(maxS - back);
  return ticks;
}

/** Move an axis limit toward its target: outward at once, inward slowly. */
function follow(current: number, target: number, outward: 1 | -1): number {
  return (target - current) * outward > 0 ? target : current + 0.05 * (target - current);
}

/**
 * Drawn under the curve: the target band of the running program, and a line at the resting
 * level once the pipeline knows it, and a marker at each detected squeeze onset.
 */
function drawGuides(u: uPlot): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  const band = programStore.getState().targetBand;
  if (band) {
    const y1 = u.valToPos(band.toCmH2O, 'y', true);
    const y0 = u.valToPos(band.fromCmH2O, 'y', true);
    ctx.fillStyle = 'rgba(242, 183, 5, 0.22)';
    ctx.fillRect(left, y1, width, y0 - y1);
  }
  const analysis = analysisStore.getState();
  if (analysis.restCmH2O !== null) {
    const y = u.valToPos(0, 'y', true);
    ctx.strokeStyle = 'rgba(90, 107, 105, 0.6)';
    ctx.setLineDash([6, 6]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.strokeStyle = 'rgba(11, 122, 117, 0.5)';
  const marker = (tMs: number) => {
    const x = u.valToPos(tMs / 1000, 'x', true);
    if (x < left || x > left + width) return;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  };
  for (let i = analysis.reps.length - 1; i >= 0 && i >= analysis.reps.length - 10; i--) marker(analysis.reps[i].onsetMs);
  if (analysis.activeOnsetMs !== null) marker(analysis.activeOnsetMs);
  ctx.restore();
}

/** The scrolling squeeze curve: redrawn at most once per animation frame, from the bounded buffer. */
export function LiveChart({ buffer }: { buffer: LiveBuffer }) {
  const host = useRef<HTMLDivElement>(null);
  // cmH2O, counts, or % of max once a count device is calibrated: the chart is rebuilt when it changes.
  const unit = useStore(calibrationStore, (s) => s.display.unit);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const xs = new Float64Array(POINTS);
    const ys = new Float64Array(POINTS);
    const data: uPlot.AlignedData = [xs, ys];
    const range = { min: -5, max: 40 };
    const plot = new uPlot(
      {
        width: el.clientWidth || 600,
        height: el.clientHeight || 280,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, auto: false }, y: { auto: false } },
        hooks: { drawClear: [drawGuides] },
        series: [{}, { stroke: '#0b7a75', width: 2, fill: 'rgba(11,122,117,0.08)' }],
        axes: [
          // Ticks count back from "now" (the right edge): −30, −25 … 0 s.
          {
            label: t('chart.axisTime'),
            splits: (u) => timeTicks(u.scales.x.max ?? 0, u.bbox.width),
            values: (u, splits) => splits.map((s) => String(Math.round(s - (u.scales.x.max ?? 0)) || 0)),
          },
          { label: t(`device.unit.${unit}`) },
        ],
      },
      data,
      el,
    );
    let drawn = -1;
    const stop = onFrame(() => {
      if (buffer.version === drawn) return;
      drawn = buffer.version;
      const latest = buffer.latestTime();
      if (Number.isNaN(latest)) return;
      const offset = analysisStore.getState().restCmH2O ?? 0;
      const count = buffer.copyWindow(latest - WINDOW_MS, offset, xs, ys);
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = POINTS - count; i < POINTS; i++) {
        if (ys[i] < lo) lo = ys[i];
        if (ys[i] > hi) hi = ys[i];
      }
      // Grow the y range at once, shrink it slowly, so the curve does not jump around.
      range.min = follow(range.min, Math.min(-5, lo - 2), -1);
      range.max = follow(range.max, Math.max(40, hi + 5), 1);
      plot.batch(() => {
        plot.setData(data, false);
        plot.setScale('x', { min: (latest - WINDOW_MS) / 1000, max: latest / 1000 });
        plot.setScale('y', range);
      });
    });
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: el.clientHeight || 280 }));
    resize.observe(el);
    return () => {
      stop();
      resize.disconnect();
      plot.destroy();
    };
  }, [buffer, unit]);

  return <div ref={host} className="live-chart" role="img" aria-label={t('chart.label')} data-testid="live-chart" />;
}
