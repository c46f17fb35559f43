/**
 * Analyse a recording with the live pipeline:
 *
 *   npm run analyze -- FILE.csv [--protocol ID] [--mvc CMH2O] [--json]
 *
 * The file is read as a stream, once or twice (a second pass when the MVC comes from the
 * recording itself), so any length takes the same memory. Rows no sensor can have written are
 * left out, counted in the output and warned of on standard error (csv.ts says which).
 * Exit codes: 0 done (with or without warnings), 1 unusable input (file missing, not text, not a
 * recording, no usable sample, times that are not stream times), 2 usage error.
 * `runAnalyze` is the whole command with its input and output passed in, so tests run it in
 * process; tools/analyze.ts wires it to the file system and the console.
 */
import { t } from '../src/i18n/messages.ts';
import { PLAUSIBLE_RANGE } from '../src/pipeline/input-guard.ts';
import { analyzeStream, type RecordingAnalysis } from '../src/pipeline/recording-analysis.ts';
import type { Cue, RepMeasures } from '../src/pipeline/types.ts';
import { CsvError, CsvReader, printable, rejectedRows, type CsvReport } from '../src/recording/csv.ts';
import { isProgramId, PROGRAMS } from '../src/programs/catalog.ts';
import { scoreReps } from '../src/programs/scoring.ts';
import type { ProgramId } from '../src/programs/types.ts';

const USAGE = 'usage: npm run analyze -- FILE.csv [--protocol ID] [--mvc CMH2O] [--json]';

interface Args {
  readonly file: string;
  readonly protocol: ProgramId | null;
  readonly mvc: number | undefined;
  readonly json: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Args {
  let file: string | null = null;
  let protocol: ProgramId | null = null;
  let mvc: number | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') json = true;
    else if (a === '--protocol') {
      const v = value();
      if (!isProgramId(v)) throw new UsageError(`unknown protocol '${v}'; one of: ${PROGRAMS.map((p) => p.id).join(', ')}`);
      protocol = v;
    } else if (a === '--mvc') {
      const v = value();
      mvc = Number(v);
      if (!Number.isFinite(mvc) || mvc <= 0) throw new UsageError(`--mvc must be a positive number of cmH2O, not '${v}'`);
    } else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else if (file === null) file = a;
    else throw new UsageError(`only one recording at a time ('${file}' and '${a}')`);
  }
  if (file === null) throw new UsageError('no recording given');
  return { file, protocol, mvc, json };
}

/** What scoring adds to each rep; null/empty without a program to score against. */
interface RepScore {
  readonly score: number | null;
  readonly faults: readonly string[];
  readonly feedback: string | null;
}

/** Scores with the same code the live app uses; without --protocol there is nothing to score against. */
function scoresFor(reps: readonly RepMeasures[], cues: readonly Cue[], protocol: ProgramId | null, mvc: number | null, bandCmH2O: number): RepScore[] {
  if (protocol === null) return reps.map(() => ({ score: null, faults: [], feedback: null }));
  return scoreReps(reps, cues, protocol, mvc, bandCmH2O).map((r) => ({ score: r.score, faults: r.faults, feedback: t(r.feedback) }));
}

const round = (x: number | null, digits: number): number | null => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));

function toJson(a: RecordingAnalysis, scores: readonly RepScore[], report: CsvReport): string {
  return JSON.stringify({
    input: {
      samples: report.samples,
      rejectedRows: rejectedRows(report),
      rejected: report.rejected,
      rejectedReferences: report.rejectedReferences,
      timeJumps: report.timeJumps,
    },
    baselineCmH2O: round(a.baselineCmH2O, 2),
    mvcCmH2O: round(a.mvcCmH2O, 2),
    gaps: a.gaps.map((g) => ({ fromMs: round(g.fromMs, 1), toMs: round(g.toMs, 1) })),
    reps: a.reps.map((r, i) => ({
      onsetMs: round(r.onsetMs, 1),
      detectedAtMs: round(r.detectedAtMs, 1),
      peakMs: round(r.peakMs, 1),
      peakCmH2O: round(r.peakCmH2O, 2),
      durationMs: round(r.durationMs, 1),
      releaseMs: round(r.releaseMs, 1),
      relaxedMs: round(r.relaxedMs, 1),
      riseTimeMs: round(r.riseTimeMs, 1),
      // The range the rise time lies within (wider than a point when a crossing fell in a burst of lost packets).
      riseTimeMinMs: round(r.riseTimeMinMs ?? null, 1),
      riseTimeMaxMs: round(r.riseTimeMaxMs ?? null, 1),
      holdFade: round(r.holdFade, 3),
      steadiness: round(r.steadiness, 3),
      straining: r.straining,
      cut: r.cut,
      score: scores[i].score,
      faults: scores[i].faults,
      feedback: scores[i].feedback,
    })),
  });
}

function toTable(file: string, report: CsvReport, a: RecordingAnalysis, protocol: ProgramId | null, scores: readonly RepScore[]): string {
  const s = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? '—' : (ms / 1000).toFixed(2));
  const n = (x: number | null, d: number) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(d));
  const mvcNote =
    a.mvcSource === 'given'
      ? '(given with --mvc)'
      : a.mvcSource === 'best-squeeze'
        ? '(best peak in this recording among held, unstrained squeezes; pass --mvc for a calibrated value)'
        : '(no reps)';
  // Gaps and cut reps get a line and a column only when there are any: old output stays as it was.
  const withCuts = a.gaps.length > 0 || a.reps.some((r) => r.cut);
  const head = [
    `${file}: ${report.samples} samples over ${((report.lastMs - report.firstMs) / 1000).toFixed(1)} s${inputNote(report)}`,
    `resting level ${n(a.baselineCmH2O, 1)} cmH2O; MVC ${n(a.mvcCmH2O, 1)} cmH2O ${mvcNote}; resting band +${n(a.restingBandCmH2O, 1)} cmH2O`,
    ...(a.gaps.length === 0
      ? []
      : [
          `${a.gaps.length} link gap${a.gaps.length === 1 ? '' : 's'} (${a.gaps.map((g) => `${s(g.fromMs)}–${s(g.toMs)} s`).join(', ')}): a rep across one is cut, measured up to the gap`,
        ]),
    `${a.reps.length} rep${a.reps.length === 1 ? '' : 's'}${protocol === null ? ' (pass --protocol ID to score them)' : `, scored against '${protocol}'`}`,
  ];
  const columns = [
    '#',
    'onset s',
    'latency ms',
    'peak cmH2O',
    '% MVC',
    'duration s',
    'release s',
    'relaxed s',
    'rise ms',
    'fade %',
    'CV %',
    'straining',
    ...(withCuts ? ['gap'] : []),
    ...(protocol === null ? [] : ['score', 'faults']),
  ];
  const rows = a.reps.map((r, i) => [
    String(r.index + 1),
    s(r.onsetMs),
    n(r.detectedAtMs - r.onsetMs, 0),
    n(r.peakCmH2O, 1),
    a.mvcCmH2O === null ? '—' : n((100 * r.peakCmH2O) / a.mvcCmH2O, 0),
    s(r.durationMs),
    s(r.releaseMs),
    r.relaxedMs === null ? 'not relaxed' : s(r.relaxedMs),
    Number.isFinite(r.riseTimeMs) || !Number.isFinite(r.riseTimeMaxMs)
      ? n(r.riseTimeMs, 0)
      : `${n(r.riseTimeMinMs ?? null, 0)}–${n(r.riseTimeMaxMs ?? null, 0)}`,
    n(100 * r.holdFade, 0),
    n(100 * r.steadiness, 1),
    r.straining === null ? '—' : r.straining ? 'yes' : 'no',
    ...(withCuts ? [r.cut ? 'cut' : '—'] : []),
    ...(protocol === null ? [] : [n(scores[i].score, 0), scores[i].faults.join(',') || '—']),
  ]);
  const widths = columns.map((c, j) => Math.max(c.length, ...rows.map((row) => row[j].length)));
  const line = (cells: readonly string[]) => cells.map((c, j) => c.padStart(widths[j])).join('  ');
  const feedback = protocol === null ? [] : ['', ...a.reps.map((r, i) => `${r.index + 1}. ${scores[i].feedback ?? ''}`)];
  return [...head, '', line(columns), ...rows.map(line), ...feedback].join('\n');
}

/** What the table's first line adds when rows were left out or the clock jumped. */
function inputNote(r: CsvReport): string {
  const dropped = rejectedRows(r);
  const notes = [
    ...(dropped > 0 ? [`${dropped} row${dropped === 1 ? '' : 's'} left out`] : []),
    ...(r.rejectedReferences > 0 ? [`${r.rejectedReferences} reference reading${r.rejectedReferences === 1 ? '' : 's'} read as missing`] : []),
    ...(r.timeJumps > 0 ? [`${r.timeJumps} clock jump${r.timeJumps === 1 ? '' : 's'} kept as gaps`] : []),
  ];
  return notes.length === 0 ? '' : ` (${notes.join('; ')}: see the warning)`;
}

/** The warnings for standard error: what was left out or moved, and where, in plain words. */
function warningsOf(r: CsvReport): string[] {
  const out: string[] = [];
  const dropped = rejectedRows(r);
  if (dropped > 0) {
    const { min, max } = PLAUSIBLE_RANGE.cmH2O;
    const why = [
      [r.rejected['missing-value'], 'with a value missing'],
      [r.rejected['not-a-number'], 'not numbers'],
      [r.rejected['not-finite'], 'infinite or NaN'],
      [r.rejected['out-of-range'], `beyond any pressure sensor (${min}…${max} cmH2O)`],
      [r.rejected['time-glitch'], 'with a time that jumped and came back'],
    ]
      .filter(([n]) => (n as number) > 0)
      .map(([n, what]) => `${n} ${what}`)
      .join(', ');
    out.push(
      `${dropped} row${dropped === 1 ? '' : 's'} left out (${why}); first at line${r.rejectedLines.length === 1 ? '' : 's'} ${r.rejectedLines.join(', ')}`,
    );
  }
  if (r.rejectedReferences > 0)
    out.push(`${r.rejectedReferences} reference reading${r.rejectedReferences === 1 ? '' : 's'} that no sensor can give read as missing`);
  if (r.timeJumps > 0) {
    out.push(
      `the clock jumped ${r.timeJumps} time${r.timeJumps === 1 ? '' : 's'} (first at line ${r.firstJumpLine}) and went on from there: each jump is a gap, no rep is measured across it`,
    );
  }
  return out;
}

/** What the command reads and writes: a file's text in pieces (throws as node:fs does), and output lines. */
export interface AnalyzeIo {
  /** The file's text, in pieces of any size, read as they are asked for: nothing holds the whole file. */
  readChunks(path: string): Iterable<string>;
  /** One line (or block) to standard output. */
  out(s: string): void;
  /** One line to standard error. */
  err(s: string): void;
}

class ReadError extends Error {}

/** The whole command: parses `argv` (without node and the script), prints through `io`, returns the exit code. */
export function runAnalyze(argv: readonly string[], io: AnalyzeIo): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`analyze: ${printable(e.message, 200)}\n${USAGE}`);
    return 2;
  }
  const file = printable(args.file, 200);
  // What the last pass read (the passes read the same file).
  const last: { report: CsvReport | null; cues: Cue[] } = { report: null, cues: [] };
  const read = (sink: { sample(t: number, p: number, ref: number): void; gap(fromMs: number, toMs: number): void }) => {
    const passCues: Cue[] = [];
    const reader = new CsvReader({ sample: (t, p, ref) => sink.sample(t, p, ref), gap: (from, to) => sink.gap(from, to), cue: (c) => passCues.push(c) });
    let chunks: Iterable<string>;
    try {
      chunks = io.readChunks(args.file);
      for (const chunk of chunks) reader.push(chunk);
    } catch (e) {
      if (e instanceof CsvError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new ReadError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : printable(String((e as Error).message), 200));
    }
    reader.end();
    last.report = reader.report;
    last.cues = passCues;
  };
  try {
    const analysis = analyzeStream(read, args.mvc);
    const r = last.report;
    if (r === null) throw new Error('analyzeStream read nothing');
    for (const w of warningsOf(r)) io.err(`analyze: ${file}: warning: ${w}`);
    const scores = scoresFor(analysis.reps, last.cues, args.protocol, analysis.mvcCmH2O, analysis.restingBandCmH2O);
    io.out(args.json ? toJson(analysis, scores, r) : toTable(file, r, analysis, args.protocol, scores));
    return 0;
  } catch (e) {
    if (e instanceof ReadError) {
      io.err(`analyze: cannot read ${file}: ${e.message}`);
      return 1;
    }
    if (!(e instanceof CsvError)) throw e;
    io.err(`analyze: ${file}:${e.line}: ${e.detail}`);
    return 1;
  }
}
