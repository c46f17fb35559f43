import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAnalyze } from '../../tools/analyze-main.ts';
import { squeezeTruth } from '../../firmware-sim/model.ts';
import { analyzeRecording } from '../../src/pipeline/recording-analysis.ts';
import { formatCsv, parseCsv, type Recording } from '../../src/recording/csv.ts';
import { flatten, stream, userWith } from '../fixtures/simulate.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'tests/fixtures');

/** Files the in-process runs can read besides the real ones: name → text. */
const virtualFiles = new Map<string, string>();

/** Text in pieces of uneven sizes, as a stream may deliver it (pieces split rows anywhere). */
function* inPieces(text: string): Generator<string> {
  for (let i = 0, k = 0; i < text.length; k++) {
    const size = [4093, 17, 65536, 1][k % 4];
    yield text.slice(i, i + size);
    i += size;
  }
}

/** The command, in process: the real file system (plus virtualFiles), output captured as the console would print it. */
function analyze(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runAnalyze(args, {
    readChunks: (path) => inPieces(virtualFiles.get(path) ?? readFileSync(path, 'utf8')),
    out: (s) => (out += `${s}\n`),
    err: (s) => (err += `${s}\n`),
  });
  return { code, out, err };
}

interface Truth {
  squeezes: { onsetMs: number; peakCmH2O: number; durationMs: number; straining: boolean }[];
}

interface JsonRep {
  onsetMs: number;
  detectedAtMs: number;
  peakCmH2O: number;
  durationMs: number;
  releaseMs: number;
  relaxedMs: number | null;
  straining: boolean | null;
  cut: boolean;
  score: number | null;
  faults: string[];
  feedback: string | null;
}

const truthOf = (name: string): Truth => JSON.parse(readFileSync(join(FIXTURES, `${name}.truth.json`), 'utf8')) as Truth;

let virtualCount = 0;
function tempCsv(text: string): string {
  const file = `virtual/rec-${++virtualCount}.csv`;
  virtualFiles.set(file, text);
  return file;
}

describe('npm run analyze (in process)', () => {
  it('--json: one object with the reps of an absolute sensor with a reference channel (a cough is not a rep)', () => {
    const r = analyze(join(FIXTURES, 'absolute-with-reference.csv'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { baselineCmH2O: number; mvcCmH2O: number; reps: JsonRep[] };
    const truth = truthOf('absolute-with-reference').squeezes;
    expect(out.reps).toHaveLength(truth.length);
    expect(Math.abs(out.baselineCmH2O - 1033)).toBeLessThan(2);
    out.reps.forEach((rep, i) => {
      expect(Math.abs(rep.onsetMs - truth[i].onsetMs)).toBeLessThan(100);
      expect(rep.detectedAtMs - truth[i].onsetMs).toBeLessThan(300);
      expect(Math.abs(rep.peakCmH2O - truth[i].peakCmH2O) / truth[i].peakCmH2O).toBeLessThan(0.1);
      expect(Math.abs(rep.durationMs - truth[i].durationMs)).toBeLessThan(150);
      expect(rep.straining).toBe(truth[i].straining);
      expect(rep).toMatchObject({ score: null, faults: [], feedback: null });
    });
    // Without --mvc: the best squeeze that counts; the strained rep's higher peak is abdominal pressure.
    const strained = out.reps.filter((x) => x.straining);
    expect(strained).toHaveLength(1);
    expect(out.mvcCmH2O).toBe(Math.max(...out.reps.filter((x) => !x.straining).map((x) => x.peakCmH2O)));
    expect(out.mvcCmH2O).toBeLessThan(strained[0].peakCmH2O);
  });

  it('--json with --mvc uses the given MVC; back-to-back reps at 20 Hz, the first not relaxed', () => {
    const r = analyze(join(FIXTURES, 'tared-20hz.csv'), '--mvc', '40', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { mvcCmH2O: number; reps: JsonRep[] };
    expect(out.mvcCmH2O).toBe(40);
    expect(out.reps).toHaveLength(3);
    expect(out.reps[0].relaxedMs).toBeNull();
    expect(out.reps[1].relaxedMs).not.toBeNull();
    expect(out.reps.map((x) => x.straining)).toEqual([null, null, null]);
  });

  it('prints an aligned table, saying where the MVC came from', () => {
    const r = analyze(join(FIXTURES, 'absolute-with-reference.csv'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/best peak in this recording/);
    const lines = r.out.trim().split('\n');
    const header = lines.findIndex((l) => l.includes('onset s'));
    const table = lines.slice(header);
    expect(table).toHaveLength(4);
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
  });

  it('a missing file: exit 1, naming the file', () => {
    const r = analyze('no/such/recording.csv');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no\/such\/recording\.csv: no such file/);
  });

  const bad: [string, string, RegExp][] = [
    [
      'times that never advance',
      `t_ms,pressure_cmH2O\n${'0,1\n'.repeat(3000)}`,
      /:2: 1000 rows in a row at 0 ms from here on: the time column does not advance/,
    ],
    ['no usable sample', 't_ms,pressure_cmH2O\n0,high\n20,1e18\n', /:2: the file has a header but no usable samples \(line 2: not a number\)/],
    ['binary data', '\u0000'.repeat(5000), /:1: this is not a text file/],
    ['a missing column', 't_ms,pressure\n0,1\n', /:1: missing column 'pressure_cmH2O'/],
    ['an empty file', '', /:1: the file is empty/],
  ];
  for (const [what, text, message] of bad) {
    it(`${what}: exit 1, naming the file and line`, () => {
      const file = tempCsv(text);
      const r = analyze(file);
      expect(r.code).toBe(1);
      expect(r.err).toContain(file);
      expect(r.err).toMatch(message);
    });
  }

  it('usage errors exit 2: no file, an unknown flag, a bad --mvc, an unknown protocol', () => {
    const fixture = join(FIXTURES, 'tared-20hz.csv');
    for (const args of [[], [fixture, '--fast'], [fixture, '--mvc', 'strong'], [fixture, '--mvc'], [fixture, '--protocol', 'pilates']]) {
      const r = analyze(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/usage: npm run analyze/);
    }
    expect(analyze(fixture, '--protocol', 'pilates').err).toMatch(/unknown protocol 'pilates'; one of: find, strength/);
  });

  it('--protocol scores each rep with the live scoring: the straining rep is caught, the clean ones pass', () => {
    const r = analyze(join(FIXTURES, 'absolute-with-reference.csv'), '--protocol', 'strength', '--json');
    expect(r.code).toBe(0);
    const reps = (JSON.parse(r.out) as { reps: JsonRep[] }).reps;
    const truth = truthOf('absolute-with-reference');
    expect(reps).toHaveLength(truth.squeezes.length);
    reps.forEach((rep, i) => {
      expect(rep.score).toBeGreaterThanOrEqual(0);
      expect(rep.score).toBeLessThanOrEqual(100);
      expect(typeof rep.feedback).toBe('string');
      expect(rep.faults.includes('straining')).toBe(truth.squeezes[i].straining);
    });
    const strained = reps.findIndex((rep) => rep.faults.includes('straining'));
    const clean = reps.filter((rep) => rep.faults.length === 0);
    expect(clean.length).toBeGreaterThan(0);
    for (const rep of clean) expect(rep.score ?? 0).toBeGreaterThan(reps[strained].score ?? 100);
  });

  it('without --protocol there is nothing to score against: score null, no faults', () => {
    const r = analyze(join(FIXTURES, 'tared-20hz.csv'), '--json');
    for (const rep of (JSON.parse(r.out) as { reps: JsonRep[] }).reps) {
      expect(rep.score).toBeNull();
      expect(rep.faults).toEqual([]);
    }
  });
});

/** A session of five 4-s squeezes at 100 Hz, saved as the app saves it, one line per sample after the header. */
function fiveSqueezes(seed: number): { lines: string[]; onsets: number[] } {
  const user = userWith(seed, { levelCmH2O: 1033 });
  const squeezes = [5000, 13000, 21000, 29000, 37000].map((startMs) => user.squeeze({ startMs, peakCmH2O: 20 + (seed % 3) * 5, holdMs: 4000 }));
  const { t, p, ref } = flatten(stream(user, { durationMs: 45000 }));
  return { lines: formatCsv({ t, p, ref, cues: [], gaps: [] }).trimEnd().split('\n'), onsets: squeezes.map((s) => squeezeTruth(s, 0.8).onsetMs) };
}

interface JsonOut {
  input: { samples: number; rejectedRows: number; rejected: Record<string, number>; timeJumps: number };
  reps: JsonRep[];
}

describe('npm run analyze on hostile input', () => {
  /** Replaces the pressure (column 2) or the time (column 1) of sample `i`. */
  const spoil = (lines: string[], i: number, column: 0 | 1, value: string) =>
    lines.map((l, k) =>
      k === i + 1
        ? l
            .split(',')
            .map((c, j) => (j === column ? value : c))
            .join(',')
        : l,
    );

  for (const seed of [61, 62, 63]) {
    for (const [what, column, value, reason] of [
      ['a pressure of 1e18', 1, '1e18', 'out-of-range'],
      ['a pressure of 3.5e38 (overflows a float)', 1, '3.5e38', 'out-of-range'],
      ['a pressure of -Infinity', 1, '-Infinity', 'not-finite'],
      ['a time of +Infinity', 0, 'Infinity', 'not-finite'],
      ['a time of 1e12', 0, '1e12', 'time-glitch'],
      ['a time a minute back', 0, '-60000', 'time-glitch'],
    ] as const) {
      it(`one sample with ${what} before the reps: every rep is found as without it, and the row is counted and warned of (seed ${seed})`, () => {
        const { lines, onsets } = fiveSqueezes(seed);
        const clean = JSON.parse(analyze(tempCsv(lines.join('\n')), '--json').out) as JsonOut;
        const r = analyze(tempCsv(spoil(lines, 300, column, value).join('\n')), '--json');
        expect(r.code).toBe(0);
        const out = JSON.parse(r.out) as JsonOut;
        expect(out.reps).toHaveLength(onsets.length);
        expect(clean.reps).toHaveLength(onsets.length);
        out.reps.forEach((rep, i) => {
          expect(Math.abs(rep.onsetMs - onsets[i])).toBeLessThan(150);
          expect(Math.abs(rep.peakCmH2O - clean.reps[i].peakCmH2O)).toBeLessThan(0.5);
        });
        expect(out.input.rejectedRows).toBe(1);
        expect(out.input.rejected[reason]).toBe(1);
        expect(out.input.samples).toBe(lines.length - 2);
        expect(r.err).toMatch(/warning: 1 row left out \(.*\); first at line 302/);
      });
    }
  }

  it('a clock that restarts mid-recording: the reps after it are found, the jump is a gap and is said', () => {
    const { lines, onsets } = fiveSqueezes(64);
    // From 20 s on, the times start again from 0.
    const cut = lines.findIndex((l) => Number(l.split(',')[0]) >= 20000);
    const restarted = lines.map((l, k) => (k >= cut ? l.replace(/^[^,]+/, (x) => String(Number(x) - 20000)) : l));
    const r = analyze(tempCsv(restarted.join('\n')));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/the clock jumped 1 time \(first at line \d+\)/);
    expect(r.out).toMatch(/1 clock jump kept as gaps/);
    expect(r.out).toMatch(/5 reps/);
    void onsets;
  });

  it('the table says how many rows were left out', () => {
    const { lines } = fiveSqueezes(65);
    const r = analyze(tempCsv(spoil(spoil(lines, 100, 1, 'oops'), 200, 1, '9999').join('\n')));
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/samples over 45\.0 s \(2 rows left out: see the warning\)$/);
    expect(r.err).toMatch(/2 rows left out \(1 not numbers, 1 beyond any pressure sensor \(-50…1500 cmH2O\)\); first at lines 102, 202/);
  });
});

/**
 * A session whose link dropped for `gapMs` in the middle of the second of three holds, saved as
 * the app saves it: the gap from the last sample before to the first after.
 */
function sessionWithGap(seed: number, gapMs: number): { rec: Recording; truths: ReturnType<typeof squeezeTruth>[]; gap: { fromMs: number; toMs: number } } {
  const user = userWith(seed, { levelCmH2O: 1033 });
  const squeezes = [6000, 16000, 30000].map((startMs) => user.squeeze({ startMs, peakCmH2O: 25, holdMs: 5000 }));
  const lostFrom = 18500;
  const { t, p, ref } = flatten(stream(user, { durationMs: 42000, lost: [[lostFrom, lostFrom + gapMs]] }));
  const after = t.findIndex((x) => x >= lostFrom + gapMs - 30);
  const gap = { fromMs: t[after - 1], toMs: t[after] };
  return { rec: { t, p, ref, cues: [], gaps: [gap] }, truths: squeezes.map((s) => squeezeTruth(s, 0.8)), gap };
}

describe('npm run analyze on a recording with a link gap', () => {
  for (const seed of [51, 52, 53, 54, 55, 56]) {
    it(`--json lists the gap and cuts the rep across it, the others whole (seed ${seed})`, () => {
      const { rec, truths, gap } = sessionWithGap(seed, 4000);
      const out = JSON.parse(analyze(tempCsv(formatCsv(rec)), '--mvc', '30', '--json').out) as { gaps: { fromMs: number; toMs: number }[]; reps: JsonRep[] };
      expect(out.gaps).toEqual([{ fromMs: Number(gap.fromMs.toFixed(1)), toMs: Number(gap.toMs.toFixed(1)) }]);
      expect(out.reps.map((r) => r.cut)).toEqual([false, true, false]);
      const cut = out.reps[1];
      expect(Math.abs(cut.onsetMs - truths[1].onsetMs)).toBeLessThan(150);
      expect(cut.releaseMs).toBeLessThanOrEqual(gap.fromMs + 0.1);
      expect(cut.relaxedMs).toBeNull();
      for (const i of [0, 2]) expect(Math.abs(out.reps[i].durationMs - truths[i].durationMs)).toBeLessThan(150);
    });
  }

  it('a gap the file marks is a link drop even when short: the rep across it is cut; unmarked, the same jump is bridged', () => {
    const { rec } = sessionWithGap(57, 600);
    const marked = JSON.parse(analyze(tempCsv(formatCsv(rec)), '--json').out) as { reps: JsonRep[] };
    const unmarked = JSON.parse(analyze(tempCsv(formatCsv({ ...rec, gaps: [] })), '--json').out) as { reps: JsonRep[] };
    expect(marked.reps.map((r) => r.cut)).toEqual([false, true, false]);
    expect(unmarked.reps.map((r) => r.cut)).toEqual([false, false, false]);
    expect(unmarked.reps[1].durationMs - marked.reps[1].durationMs).toBeGreaterThan(2000);
  });

  it('a burst of lost packets over a rise: its rise time is given as the range it lies within, in the table and in --json', () => {
    const user = userWith(59, { levelCmH2O: 1033 });
    const squeezes = [5000, 13000].map((startMs) => user.squeeze({ startMs, peakCmH2O: 25, riseMs: 600, holdMs: 4000 }));
    const lost = [[13000 + 360, 13000 + 760]] as const;
    const { t, p, ref } = flatten(stream(user, { durationMs: 22000, lost }));
    const file = tempCsv(formatCsv({ t, p, ref, cues: [], gaps: [] }));
    const reps = (
      JSON.parse(analyze(file, '--json').out) as { reps: (JsonRep & { riseTimeMs: number | null; riseTimeMinMs: number; riseTimeMaxMs: number })[] }
    ).reps;
    expect(reps).toHaveLength(2);
    expect(reps[0].riseTimeMinMs).toBe(reps[0].riseTimeMs);
    expect(reps[0].riseTimeMaxMs).toBe(reps[0].riseTimeMs);
    expect(reps[1].riseTimeMs).toBeNull();
    const truth = squeezeTruth(squeezes[1], 0.8).riseTimeMs;
    expect(reps[1].riseTimeMinMs).toBeLessThan(truth);
    expect(reps[1].riseTimeMaxMs).toBeGreaterThan(truth);
    const lines = analyze(file).out.trim().split('\n');
    const table = lines.slice(lines.findIndex((l) => l.includes('onset s')));
    const riseColumn = table[0].trim().split(/  +/).indexOf('rise ms');
    const cells = table.slice(1).map((l) => l.trim().split(/ +/)[riseColumn]);
    expect(cells[0]).toBe(reps[0].riseTimeMs!.toFixed(0));
    expect(cells[1]).toBe(`${reps[1].riseTimeMinMs.toFixed(0)}–${reps[1].riseTimeMaxMs.toFixed(0)}`);
  });

  it('the table says where the link was down and which rep is cut', () => {
    const { rec } = sessionWithGap(58, 4000);
    const r = analyze(tempCsv(formatCsv(rec)));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 link gap \(18\.\d\d–22\.\d\d s\): a rep across one is cut/);
    const lines = r.out.trim().split('\n');
    const table = lines.slice(lines.findIndex((l) => l.includes('onset s')));
    expect(table[0]).toMatch(/straining +gap$/);
    expect(table.slice(1).map((l) => l.trim().split(/ +/).at(-1))).toEqual(['—', 'cut', '—']);
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
  });

  it('the replay hears of the gap when the link dropped, as live: the cut rep comes at the gap, not when samples resume', () => {
    const { rec, gap } = sessionWithGap(59, 4000);
    const analysis = analyzeRecording(parseCsv(formatCsv(rec)));
    const cut = analysis.events.find((e) => e.value.type === 'rep' && e.value.rep.cut);
    expect(cut?.atMs).toBe(gap.fromMs);
  });
});

// The runs through the real command: the bundle (built when stale) wired to the file system, console and exit code.
describe('npm run analyze as a process', { timeout: 120000 }, () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['tools/run-analyze.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120000 });

  it('prints what runAnalyze prints, and exits with its code', () => {
    const file = join(FIXTURES, 'tared-20hz.csv');
    const ok = run(file, '--json');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe(analyze(file, '--json').out);
    const missing = run('no/such.csv');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no\/such\.csv: no such file/);
  });

  it('/dev/zero (endless, and not text) is refused at once, and so is a directory', () => {
    const zero = run('/dev/zero');
    expect(zero.status).toBe(1);
    expect(zero.stderr).toMatch(/\/dev\/zero:1: this is not a text file/);
    const dir = run(FIXTURES);
    expect(dir.status).toBe(1);
    expect(dir.stderr).toMatch(/it is a directory/);
  });
});
