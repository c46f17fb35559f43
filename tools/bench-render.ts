/**
 * `npm run bench:render [-- --seconds N --runs R --port P]`: how smoothly the live screen runs on
 * a phone. Serves the existing build (`dist/`; built first if missing) with `vite preview`, opens
 * it in Debian Chromium at 390×844, pixel ratio 3, CPU slowed 4× (CDP), and measures the idle
 * page (no sensor) and a strength set on the simulated sensor (`?sensor=simulated&seed=7`) for N
 * seconds each (default 60): fps (median of 1-s windows of requestAnimationFrame callbacks),
 * frame-interval p95, long tasks, main-thread busy % (CDP TaskDuration / wall time) and the DOM
 * node count (CDP `Nodes`) at start and end. With several runs, each figure is the median over
 * runs. `--profile FILE` saves a CPU profile of the set (open it in DevTools). Method and figures:
 * docs/render.md.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type CDPSession } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS } from '../playwright.config.ts';

interface Measures {
  fps: number;
  frameP95Ms: number;
  longTasks: number;
  longTaskMaxMs: number;
  busyPct: number;
  nodesStart: number;
  nodesEnd: number;
}

/** Collected in the page from the first frame; `start()` clears it when measuring begins. */
const PAGE_PROBE = `
(() => {
  const probe = { frames: [], longTasks: [], on: false, start() { this.frames = []; this.longTasks = []; this.on = true; } };
  window.__renderProbe = probe;
  const loop = (now) => { if (probe.on) probe.frames.push(now); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  new PerformanceObserver((list) => {
    if (probe.on) for (const e of list.getEntries()) probe.longTasks.push(e.duration);
  }).observe({ type: 'longtask' });
})();
`;

interface ProbeResult {
  frames: number[];
  longTasks: number[];
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Frames per whole second of the measurement, then the median of those windows. */
function fpsMedian(frames: readonly number[], seconds: number): number {
  if (frames.length === 0) return 0;
  const t0 = frames[0];
  const counts = new Array<number>(Math.max(1, Math.floor(seconds))).fill(0);
  for (const t of frames) {
    const w = Math.floor((t - t0) / 1000);
    if (w < counts.length) counts[w]++;
  }
  return median(counts);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, 'localhost', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function metrics(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return new Map(list.map((m) => [m.name, m.value]));
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'gpu', 'v8'];

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

function traceEvents(buffer: Buffer): TraceEvent[] {
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** Time of the renderer's main thread by top-level task kind, ms per second of wall time. */
function mainThreadBreakdown(events: readonly TraceEvent[], wallS: number): string {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return 'no renderer main thread in the trace';
  const totals = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || e.dur === undefined) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  }
  const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25);
  return ['main thread, ms per s (events nest, so totals overlap):', ...rows.map(([n, ms]) => `${(ms / wallS).toFixed(1).padStart(8)}  ${n}`)].join('\n');
}

async function measure(browser: Browser, url: string, seconds: number, scenario: 'idle' | 'set', profile?: string, trace?: string): Promise<Measures> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.addInitScript(PAGE_PROBE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  try {
    if (scenario === 'idle') {
      await page.goto(url);
      await page.getByRole('button', { name: 'Use simulated sensor' }).waitFor();
    } else {
      await page.goto(`${url}?sensor=simulated&seed=7`);
      const training = page.getByRole('region', { name: 'Training' });
      await training.getByRole('button', { name: 'I understand' }).click({ timeout: 30_000 });
      await training.getByRole('combobox', { name: 'Program' }).selectOption({ label: 'Strength' });
      const startButton = training.getByRole('button', { name: 'Start' });
      await startButton.click({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Stop' }).waitFor();
    }
    // Let the page settle a second before measuring.
    await page.waitForTimeout(1000);
    const before = await metrics(cdp);
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    if (trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.evaluate('window.__renderProbe.start()');
    const wallStart = Date.now();
    await page.waitForTimeout(seconds * 1000);
    if (profile) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    if (trace) {
      const events = traceEvents(await browser.stopTracing());
      writeFileSync(trace, JSON.stringify({ traceEvents: events }));
      console.error(`${scenario}: ${mainThreadBreakdown(events, (Date.now() - wallStart) / 1000)}`);
    }
    const probe = await page.evaluate<ProbeResult>('({ frames: window.__renderProbe.frames, longTasks: window.__renderProbe.longTasks })');
    const wallS = (Date.now() - wallStart) / 1000;
    const after = await metrics(cdp);
    const intervals: number[] = [];
    for (let i = 1; i < probe.frames.length; i++) intervals.push(probe.frames[i] - probe.frames[i - 1]);
    return {
      fps: fpsMedian(probe.frames, seconds),
      frameP95Ms: quantile(intervals, 0.95),
      longTasks: probe.longTasks.length,
      longTaskMaxMs: probe.longTasks.length ? Math.max(...probe.longTasks) : 0,
      busyPct: (100 * ((after.get('TaskDuration') ?? 0) - (before.get('TaskDuration') ?? 0))) / wallS,
      nodesStart: before.get('Nodes') ?? Number.NaN,
      nodesEnd: after.get('Nodes') ?? Number.NaN,
    };
  } finally {
    await context.close();
  }
}

const ROWS: [keyof Measures, string, number][] = [
  ['fps', 'fps (median of 1-s windows)', 1],
  ['frameP95Ms', 'frame interval p95, ms', 1],
  ['longTasks', 'long tasks (> 50 ms)', 0],
  ['longTaskMaxMs', 'longest task, ms', 0],
  ['busyPct', 'main thread busy, %', 1],
  ['nodesStart', 'DOM nodes at start', 0],
  ['nodesEnd', 'DOM nodes at end', 0],
];

function table(idle: Measures[], set: Measures[]): string {
  const pad = (s: string, n: number) => s.padStart(n);
  const lines = [`${'measure'.padEnd(30)}${pad('idle', 10)}${pad('set', 10)}${pad('set/idle', 10)}`];
  for (const [key, label, digits] of ROWS) {
    const a = median(idle.map((m) => m[key]));
    const b = median(set.map((m) => m[key]));
    const ratio = a === 0 ? '–' : (b / a).toFixed(2);
    lines.push(`${label.padEnd(30)}${pad(a.toFixed(digits), 10)}${pad(b.toFixed(digits), 10)}${pad(ratio, 10)}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      runs: { type: 'string', default: '1' },
      port: { type: 'string' },
      profile: { type: 'string' },
      trace: { type: 'string' },
    },
  });
  const seconds = Number(values.seconds);
  const runs = Number(values.runs);
  if (!(seconds > 0) || !(runs >= 1)) throw new Error('--seconds and --runs must be positive numbers');
  if (!existsSync('dist/index.html')) await build({ logLevel: 'warn' });
  const port = values.port ? Number(values.port) : await freePort();
  const server = await preview({ logLevel: 'warn', preview: { port, strictPort: true } });
  const url = `http://localhost:${port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const idle: Measures[] = [];
  const set: Measures[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      console.error(`run ${r + 1}/${runs}: idle page, ${seconds} s`);
      idle.push(await measure(browser, url, seconds, 'idle', undefined, values.trace && `${values.trace}.idle.json`));
      console.error(`run ${r + 1}/${runs}: strength set on the simulated sensor, ${seconds} s`);
      const m = await measure(browser, url, seconds, 'set', values.profile, values.trace);
      set.push(m);
      // Medians hide a run's long tasks: each run says its own.
      console.error(`run ${r + 1}/${runs}: set ${m.longTasks} long task(s), longest ${m.longTaskMaxMs.toFixed(0)} ms, busy ${m.busyPct.toFixed(1)} %`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`390×844 @3x, CPU 4× slower, ${seconds} s each, ${runs} run(s)${runs > 1 ? ', medians over runs' : ''}`);
  console.log(table(idle, set));
}

await main();
