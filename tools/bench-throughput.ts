/**
 * Throughput bench: how fast the detector runs per sample, and what `npm run analyze` costs in
 * time and memory on long recordings, each beside a plain baseline measured in the same run.
 *
 *   npm run bench:throughput [-- --quick] [--runs N]
 *   npm run bench:throughput -- --against REV [--runs N]
 *
 * 1. Detector: a synthetic 100 Hz stream (rest, breathing, noise, a 5-s squeeze every 20 s) of
 *    1 M samples, fed as the live app feeds it (batches of 8, events drained after each), median
 *    samples/s over the runs, beside a plain running mean (16-sample window) over the same array,
 *    and the same mean as a filter fed the same batches; the three timed back to back in each run,
 *    each ratio the median of the runs' own ratios.
 *    Bytes allocated per sample: heap growth over 20 000 samples (too few for a collection to
 *    run between the two readings), median of 15 tries: what events and reps allocate, spread
 *    over the stream; and over the stretches of 96 samples at rest or mid-hold in which the
 *    detector emitted nothing: what the per-sample path allocates.
 * 2. analyze: CSV files of 10 min, 1 h and 6 h at 100 Hz written into a temporary folder (the
 *    same formula, a squeeze every 20 s), then the bundled command (dist-cli/analyze.mjs, built
 *    first if stale) and a plain streaming read of the same file (Node's readline, each line split
 *    and its cells read as numbers) each run as a child process under /usr/bin/time -v: wall time
 *    and peak resident memory, medians over the runs.
 * `--quick`: 10 min and 1 h only, one run each.
 * `--against REV`: instead, the detector against itself at git revision REV (its src/pipeline
 * checked out into .bench-against/, removed after), in the same process, runs interleaved (11 pairs unless
 * --runs says otherwise): the median of the pairs' time ratios is steady to a few per cent on a
 * machine whose speed moves 1.5× between runs.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { RepDetector } from '../src/pipeline/detector.ts';
import type { RepEvent, SampleBatch } from '../src/pipeline/types.ts';
import { BUNDLE, buildCli, bundleIsStale } from './build-cli.mjs';

const { values: opts } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, runs: { type: 'string' }, against: { type: 'string' } },
});
const QUICK = opts.quick === true;
const RUNS = Number(opts.runs ?? (QUICK ? 1 : 3));
const RATE_HZ = 100;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
};

/** A deterministic 100 Hz recording at sample i: rest 1033 cmH2O, breathing, noise, a 25-cmH2O squeeze of 5 s every 20 s. */
function makeSignal(): (i: number) => number {
  let seed = 12345;
  const noise = () => {
    // Two LCG draws: a rough bell curve of SD about 0.1, cheap enough for hours of samples.
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const a = seed / 0x7fffffff;
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (a + seed / 0x7fffffff - 1) * 0.25;
  };
  return (i) => {
    const s = i / RATE_HZ;
    const inCycle = s % 20;
    const rise = inCycle < 8 ? 0 : inCycle < 8.4 ? (inCycle - 8) / 0.4 : inCycle < 13 ? 1 : inCycle < 13.5 ? 1 - (inCycle - 13) / 0.5 : 0;
    return 1033 + 0.8 * Math.sin(2 * Math.PI * 0.25 * s) + 25 * rise + noise();
  };
}

/** Whether samples [i0, i1] of the bench stream are all at rest or mid-hold, over 0.5 s from any rise or fall (see makeSignal). */
function steady(i0: number, i1: number): boolean {
  for (let i = i0; i <= i1; i++) {
    const inCycle = (i / RATE_HZ) % 20;
    if ((inCycle >= 7.5 && inCycle < 10) || (inCycle >= 12.5 && inCycle < 15)) return false;
  }
  return true;
}

/**
 * The baseline: a 16-sample running mean over `p`, each mean written out as a filter does, ms.
 * A module function of its arguments, so the engine compiles it the same way in every run. (Summing
 * the means into a variable a closure shares instead would box a number per sample: an allocation
 * that slows the baseline and flatters the ratio.)
 */
function runningMean(p: Float32Array, out: Float64Array): number {
  const win = new Float64Array(16);
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.length; i++) {
    const x = p[i];
    sum += x - win[i & 15];
    win[i & 15] = x;
    out[i] = sum / 16;
  }
  return performance.now() - start;
}

/**
 * The same 16-sample running mean as a live filter: fed the detector's batches of 8 one sample at
 * a time, its state and its newest mean kept in fields. Feeding costs the two the same (a batch
 * object, its subarrays, state read from and written to an object), so the ratio to this one is
 * the detector's own work; the loop above is the least any per-sample code can cost.
 */
class StreamingMean {
  private readonly win = new Float64Array(16);
  private sum = 0;
  private count = 0;
  mean = Number.NaN;

  pushBatch(batch: SampleBatch): void {
    const p = batch.p;
    for (let i = 0; i < p.length; i++) {
      const x = p[i];
      const k = this.count & 15;
      this.sum += x - this.win[k];
      this.win[k] = x;
      this.count++;
      this.mean = this.sum / 16;
    }
  }
}

/** The streaming mean over every batch, ms. */
function streamingMean(batches: readonly SampleBatch[]): number {
  const m = new StreamingMean();
  const start = performance.now();
  for (const b of batches) m.pushBatch(b);
  return performance.now() - start;
}

// --- 1. the detector ---------------------------------------------------------------------------

/** The bench stream: 1 M samples at 100 Hz, in batches of 8 as a device delivers them. */
function benchStream(): { n: number; p: Float32Array; batches: SampleBatch[] } {
  const n = 1_000_000;
  const t = new Float64Array(n);
  const p = new Float32Array(n);
  const signal = makeSignal();
  for (let i = 0; i < n; i++) {
    t[i] = (1000 * i) / RATE_HZ;
    p[i] = signal(i);
  }
  const batches: SampleBatch[] = [];
  for (let i = 0; i < n; i += 8) batches.push({ t: t.subarray(i, i + 8), p: p.subarray(i, i + 8), ref: null, lostBefore: 0 });
  return { n, p, batches };
}

let reps = 0;
let emitted = 0;
const count = (e: RepEvent) => {
  emitted++;
  if (e.type === 'rep') reps++;
};

/** One run of a detector over the stream as the live app feeds it, ms. */
function detect(Detector: typeof RepDetector, batches: readonly SampleBatch[]): number {
  const d = new Detector();
  const start = performance.now();
  for (const b of batches) {
    d.pushBatch(b);
    d.drainEvents(count);
  }
  d.finish();
  d.drainEvents(count);
  return performance.now() - start;
}

function detectorBench(): void {
  const { n, p, batches } = benchStream();
  const current = () => detect(RepDetector, batches);
  const means = new Float64Array(n);
  // Warm-up: both compiled before timing (the mean twice: its first call runs on-stack-replaced code).
  current();
  runningMean(p, means);
  runningMean(p, means);
  streamingMean(batches);
  streamingMean(batches);
  reps = 0;
  const runs = Math.max(5, RUNS);
  const detMs: number[] = [];
  const meanMs: number[] = [];
  const streamMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    detMs.push(current());
    meanMs.push(runningMean(p, means));
    streamMs.push(streamingMean(batches));
  }
  const repsPerRun = reps / runs;
  // Allocation: heap growth over a stretch too short for a scavenge to run in between (a
  // negative growth is one that a collection cut short). Over 20 000 samples it is what events
  // and reps allocate, spread over the stream. Over 96 samples (12 batches) at rest or mid-hold
  // (away from any rise or fall, where a rep is announced, confirmed and measured) in which the
  // detector emitted nothing (no resting level either), it is what the per-sample path allocates.
  const heapUsed = () => process.memoryUsage().heapUsed;
  // Reading the heap allocates too (the object it returns), and the reading after a stretch
  // counts it or not depending on where the engine's allocation buffer stands.
  const reads: number[] = [];
  for (let k = 0; k < 101; k++) reads.push(-heapUsed() + heapUsed());
  const readCost = median(reads);
  const perSample: number[] = [];
  const silent: number[] = [];
  const d = new RepDetector();
  let b = 0;
  for (let k = 0; k < 15; k++) {
    const before = heapUsed();
    for (const end = b + 2500; b < end; b++) {
      d.pushBatch(batches[b]);
      d.drainEvents(count);
    }
    const grown = heapUsed() - before;
    if (grown >= 0) perSample.push(grown / 20_000);
  }
  while (b + 12 <= batches.length) {
    emitted = 0;
    const before = heapUsed();
    for (const end = b + 12; b < end; b++) {
      d.pushBatch(batches[b]);
      d.drainEvents(count);
    }
    const grown = heapUsed() - before;
    if (grown >= 0 && emitted === 0 && steady(8 * b - 96, 8 * b - 1)) silent.push(grown);
  }
  const detRate = n / (median(detMs) / 1000);
  const meanRate = n / (median(meanMs) / 1000);
  const streamRate = n / (median(streamMs) / 1000);
  console.log(`## Detector per sample (${n / 1e6} M samples at ${RATE_HZ} Hz, ${repsPerRun} reps; median of ${runs} runs)\n`);
  // The runs' spread beside the median: on a shared machine one run can take twice another.
  const nsRange = (ms: number[]) => `${((1e6 * Math.min(...ms)) / n).toFixed(1)}–${((1e6 * Math.max(...ms)) / n).toFixed(1)}`;
  console.log('| path | samples/s | ns/sample | runs, ns/sample |');
  console.log('|---|---|---|---|');
  console.log(`| RepDetector (batches of 8, events drained) | ${(detRate / 1e6).toFixed(1)} M | ${(1e9 / detRate).toFixed(1)} | ${nsRange(detMs)} |`);
  console.log(`| plain running mean (16 samples, each written out) | ${(meanRate / 1e6).toFixed(1)} M | ${(1e9 / meanRate).toFixed(1)} | ${nsRange(meanMs)} |`);
  console.log(
    `| the same mean as a filter fed the same batches | ${(streamRate / 1e6).toFixed(1)} M | ${(1e9 / streamRate).toFixed(1)} | ${nsRange(streamMs)} |`,
  );
  // Each run's own ratios (the three ran back to back): the machine's speed moves between runs,
  // so a ratio of medians taken over different moments swings more than the median of these.
  const ratios = (base: number[]) => detMs.map((ms, r) => ms / base[r]);
  const ratioText = (base: number[]) => {
    const rs = ratios(base);
    return `${median(rs).toFixed(1)}× (runs ${Math.min(...rs).toFixed(1)}–${Math.max(...rs).toFixed(1)})`;
  };
  console.log(
    `\ndetector / running mean, median of the runs' ratios: ${ratioText(meanMs)} the time per sample over the array, ` +
      `${ratioText(streamMs)} fed the same batches (target ≤ 20×; ≥ 10 M samples/s)`,
  );
  console.log(
    `heap growth per sample: ${median(perSample).toFixed(1)} bytes over the stream (median of ${perSample.length} stretches of 20 000 samples: ` +
      `what its ${Math.round(20_000 / (n / repsPerRun))} reps and their events allocate); ` +
      `nothing beyond reading the heap (${readCost} bytes) in ${silent.filter((x) => x <= readCost).length} of the ${silent.length} ` +
      `stretches of 96 samples at rest or mid-hold in which the detector emitted nothing (largest ${Math.max(...silent)} bytes)`,
  );
}

/** Where `--against` checks out the other revision's pipeline (ignored by git and the linters). */
const AGAINST_DIR = fileURLToPath(new URL('../.bench-against/', import.meta.url));

/** The detector against itself at git revision `rev`, runs interleaved in one process. */
async function againstRevision(rev: string): Promise<void> {
  // Inside the project, so that its tsconfig compiles the old code as it compiles the new (outside
  // it, class fields compile otherwise and the same code ran 10 % slower).
  mkdirSync(AGAINST_DIR, { recursive: true });
  const dir = mkdtempSync(join(AGAINST_DIR, 'rev-'));
  try {
    const tar = spawnSync('git', ['archive', '--format=tar', rev, 'src/pipeline'], { maxBuffer: 1 << 28 });
    if (tar.status !== 0) {
      console.error(`bench-throughput: --against ${rev}: not a revision with src/pipeline (${tar.stderr.toString().trim()})`);
      process.exitCode = 2;
      return;
    }
    const untar = spawnSync('tar', ['-x', '-C', dir], { input: tar.stdout });
    if (untar.status !== 0) throw new Error(`tar: ${untar.stderr.toString().trim()}`);
    const url = pathToFileURL(join(dir, 'src/pipeline/detector.ts')).href;
    const { RepDetector: Before } = (await import(url)) as { RepDetector: typeof RepDetector };
    const { n, batches } = benchStream();
    for (let w = 0; w < 2; w++) {
      detect(Before, batches);
      detect(RepDetector, batches);
    }
    const runs = Number(opts.runs ?? 11);
    const before: number[] = [];
    const now: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < runs; r++) {
      // Each goes first in every other pair: whatever the first of two runs pays, both pay alike.
      if (r % 2 === 0) before.push(detect(Before, batches));
      now.push(detect(RepDetector, batches));
      if (r % 2 === 1) before.push(detect(Before, batches));
      ratios.push(now[r] / before[r]);
    }
    const ns = (ms: number[]) => ((1e6 * median(ms)) / n).toFixed(1);
    console.log(`## Detector now against ${rev} (1 M samples at ${RATE_HZ} Hz, ${runs} interleaved pairs)\n`);
    console.log(`${rev}: ${ns(before)} ns/sample; now: ${ns(now)} ns/sample (medians)`);
    console.log(`now / ${rev}, median of the pairs: ${median(ratios).toFixed(3)} (runs ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // The folder itself too, unless another run is using it.
    if (readdirSync(AGAINST_DIR).length === 0) rmSync(AGAINST_DIR, { recursive: true, force: true });
  }
}

// --- 2. analyze on long recordings --------------------------------------------------------------

/** Writes `minutes` of the signal as a CSV recording, in 1 MB pieces. */
function writeRecording(path: string, minutes: number): number {
  const n = minutes * 60 * RATE_HZ;
  const signal = makeSignal();
  const fd = openSync(path, 'w');
  let piece = 't_ms,pressure_cmH2O\n';
  for (let i = 0; i < n; i++) {
    piece += `${(1000 * i) / RATE_HZ},${signal(i).toFixed(2)}\n`;
    if (piece.length > 1 << 20) {
      writeSync(fd, piece);
      piece = '';
    }
  }
  writeSync(fd, piece);
  closeSync(fd);
  return n;
}

/** A plain streaming CSV read: readline, split, every cell read as a number. */
const PLAIN_READ = `
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
let rows = 0, sum = 0;
for await (const line of createInterface({ input: createReadStream(process.argv[1]), crlfDelay: Infinity })) {
  if (rows++ === 0) continue;
  for (const cell of line.split(',')) sum += Number(cell);
}
console.log(rows - 1, sum);
`;

interface Run {
  readonly wallMs: number;
  readonly rssMb: number;
}

/** Runs `node ARGS` under /usr/bin/time -v: wall time and peak resident memory. */
function measure(args: readonly string[]): Run {
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = performance.now() - start;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  if (r.status !== 0 || rss === null) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  return { wallMs, rssMb: Number(rss[1]) / 1024 };
}

function analyzeBench(): void {
  if (bundleIsStale()) throw new Error('build dist-cli first');
  const dir = mkdtempSync(join(tmpdir(), 'bench-throughput-'));
  try {
    const lengths = QUICK ? [10, 60] : [10, 60, 360];
    const rows: string[] = [];
    let firstRss = Number.NaN;
    for (const minutes of lengths) {
      const file = join(dir, `rec-${minutes}min.csv`);
      const samples = writeRecording(file, minutes);
      const analyze: Run[] = [];
      const plain: Run[] = [];
      for (let r = 0; r < RUNS; r++) {
        plain.push(measure(['--input-type=module', '-e', PLAIN_READ, file]));
        analyze.push(measure([BUNDLE, file]));
      }
      const a = { wallMs: median(analyze.map((x) => x.wallMs)), rssMb: median(analyze.map((x) => x.rssMb)) };
      const b = { wallMs: median(plain.map((x) => x.wallMs)), rssMb: median(plain.map((x) => x.rssMb)) };
      if (Number.isNaN(firstRss)) firstRss = a.rssMb;
      const label = minutes < 60 ? `${minutes} min` : `${minutes / 60} h`;
      rows.push(
        `| ${label} | ${(samples / 1e6).toFixed(2)} M | ${(a.wallMs / 1000).toFixed(2)} s | ${(b.wallMs / 1000).toFixed(2)} s | ${(a.wallMs / b.wallMs).toFixed(2)}× | ${a.rssMb.toFixed(0)} MB | ${b.rssMb.toFixed(0)} MB | ${(a.rssMb / firstRss).toFixed(2)}× |`,
      );
    }
    console.log(`\n## npm run analyze on 100 Hz recordings (median of ${RUNS} run${RUNS === 1 ? '' : 's'}, each a child process)\n`);
    console.log('| recording | samples | analyze | plain read | analyze / plain | analyze peak RSS | plain read peak RSS | RSS / 10 min |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log('\ntargets: analyze on 6 h ≤ 3× the plain read; peak memory within 1.5× of the 10 min file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (opts.against !== undefined) await againstRevision(opts.against);
else {
  if (bundleIsStale()) await buildCli();
  console.log(`# Throughput (${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, ${QUICK ? 'quick' : 'full'})\n`);
  detectorBench();
  analyzeBench();
}
