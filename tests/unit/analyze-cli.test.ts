import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'tests/fixtures');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function analyze(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(TSX, ['tools/analyze.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Truth {
  squeezes: { onsetMs: number; peakCmH2O: number; durationMs: number; straining: boolean }[];
}

interface JsonRep {
  onsetMs: number;
  detectedAtMs: number;
  peakCmH2O: number;
  durationMs: number;
  relaxedMs: number | null;
  straining: boolean | null;
  score: number | null;
  faults: string[];
  feedback: string | null;
}

const truthOf = (name: string): Truth => JSON.parse(readFileSync(join(FIXTURES, `${name}.truth.json`), 'utf8')) as Truth;

function tempCsv(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'analyze-')), 'rec.csv');
  writeFileSync(file, text);
  return file;
}

// Each run starts a TypeScript process (about a second).
describe('npm run analyze', { timeout: 60000 }, () => {
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
    ['time going backwards', 't_ms,pressure_cmH2O\n0,1\n20,1\n10,1\n', /:4: time goes backwards/],
    ['a non-numeric value', 't_ms,pressure_cmH2O\n0,1\n20,high\n', /:3: 'pressure_cmH2O' is not a number/],
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
