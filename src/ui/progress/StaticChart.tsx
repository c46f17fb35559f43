import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Colours of the theme (app.css), read when drawn: a switch to dark mode or to print redraws with the new ones. */
type ColourVar = '--accent' | '--ink' | '--line' | '--muted' | '--warn' | '--good' | '--bad';
const FALLBACK: Record<ColourVar, string> = {
  '--accent': '#0b7a75',
  '--ink': '#1d2b2a',
  '--line': '#d6e2e0',
  '--muted': '#5a6b69',
  '--warn': '#a4501b',
  '--good': '#1f7a3a',
  '--bad': '#b42318',
};

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly colour: ColourVar;
  readonly dash?: boolean;
  /** Draw the points only (no line between them). */
  readonly pointsOnly?: boolean;
  /** A null value breaks the line (a hole in a recording) instead of being bridged (a week without data). */
  readonly breakAtNull?: boolean;
}

export interface ChartMark {
  readonly x: number;
  readonly dashed: boolean;
}

export interface StaticChartProps {
  /** The accessible name: what the chart shows. */
  readonly label: string;
  /** Id of the element with the chart's text alternative. */
  readonly describedBy: string;
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly xLabel: string;
  readonly yLabel: string;
  /** Whole numbers on the x axis (weeks), else as uPlot splits them. */
  readonly integerX?: boolean;
  /** Vertical lines (cues) drawn over the plot. */
  readonly marks?: readonly ChartMark[];
  readonly testId?: string;
}

/** One empty list, so a chart without marks is not rebuilt on every render. */
const NO_MARKS: readonly ChartMark[] = [];

function colourOf(el: HTMLElement, name: ColourVar): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || FALLBACK[name];
}

/** A chart drawn once (and again when the theme, print or its width changes), for data that does not move. */
export function StaticChart({ label, describedBy, x, series, xLabel, yLabel, integerX = false, marks = NO_MARKS, testId }: StaticChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const colour = (name: ColourVar) => () => colourOf(el, name);
    const xMin = Math.min(...x);
    const xMax = Math.max(...x);
    const drawMarks = (u: uPlot) => {
      if (marks.length === 0) return;
      const { ctx } = u;
      const { top, height } = u.bbox;
      ctx.save();
      ctx.strokeStyle = colourOf(el, '--muted');
      ctx.lineWidth = uPlot.pxRatio;
      for (const m of marks) {
        const px = Math.round(u.valToPos(m.x, 'x', true)) + 0.5;
        ctx.setLineDash(m.dashed ? [4 * uPlot.pxRatio, 4 * uPlot.pxRatio] : []);
        ctx.beginPath();
        ctx.moveTo(px, top);
        ctx.lineTo(px, top + height);
        ctx.stroke();
      }
      ctx.restore();
    };
    const axis = (axisLabel: string): uPlot.Axis => ({
      label: axisLabel,
      stroke: colour('--ink'),
      grid: { stroke: colour('--line') },
      ticks: { stroke: colour('--line') },
    });
    const plot = new uPlot(
      {
        width: el.clientWidth || 320,
        height: el.clientHeight || 200,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          // Weeks: half a week either side of the data's own extent (uPlot pads a single point to ±1
          // before this sees it, which put a week 0 on the axis).
          x: { time: false, range: (_u, min, max) => (integerX ? [xMin - 0.5, xMax + 0.5] : min === max ? [min - 1, max + 1] : [min, max]) },
          y: { range: (_u, min, max) => [Math.min(0, min * 1.15), Math.max(1, max) * 1.15] },
        },
        hooks: { draw: [drawMarks] },
        series: [
          {},
          ...series.map((s): uPlot.Series => ({
            label: s.label,
            stroke: colour(s.colour),
            width: 2,
            dash: s.dash ? [6, 4] : undefined,
            spanGaps: !s.breakAtNull,
            paths: s.pointsOnly ? () => null : undefined,
            points: { show: s.pointsOnly || x.length < 40, size: 8, stroke: colour(s.colour), fill: colour(s.colour) },
          })),
        ],
        axes: [
          { ...axis(xLabel), ...(integerX ? { incrs: [1, 2, 5, 10, 20, 50], values: (_u: uPlot, splits: number[]) => splits.map((v) => String(v)) } : {}) },
          axis(yLabel),
        ],
      },
      [x as number[], ...series.map((s) => s.values as (number | null)[])],
      el,
    );
    const redraw = () => plot.redraw(true, true);
    const resize = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientWidth !== plot.width) plot.setSize({ width: el.clientWidth, height: el.clientHeight || 200 });
    });
    resize.observe(el);
    const media = [matchMedia('(prefers-color-scheme: dark)'), matchMedia('print')];
    media.forEach((m) => m.addEventListener('change', redraw));
    window.addEventListener('beforeprint', redraw);
    window.addEventListener('afterprint', redraw);
    return () => {
      resize.disconnect();
      media.forEach((m) => m.removeEventListener('change', redraw));
      window.removeEventListener('beforeprint', redraw);
      window.removeEventListener('afterprint', redraw);
      plot.destroy();
    };
  }, [x, series, xLabel, yLabel, integerX, marks]);
  return <div ref={host} className="static-chart" role="img" aria-label={label} aria-describedby={describedBy} data-testid={testId} />;
}
