/**
 * `npm run bench:score`: how well per-rep scoring finds the mistakes a person makes.
 *
 * Each session is a virtual user (firmware-sim/coach.ts) following the app's own program runner
 * in virtual time, through the real detection pipeline (detectReps), with mistakes at random
 * (seeded) on known reps: optionally an MVC test first, then a training program. The coach's
 * ground truth says which rep had which mistake; the runner's live scores say what the app told
 * the user. Reported per fault: precision, recall, F1 (over the reps where that fault is
 * judged); macro-F1; and how often a clean rep outscores a faulty one (AUC).
 * Seeds 1–60 are for development, 1001–1300 are held out. Method: docs/scoring.md.
 */
import { pathToFileURL } from 'node:url';
import { Subscription } from 'rxjs';
import { createCoachedUser, type CoachOptions, type CoachRepTruth } from '../firmware-sim/coach.ts';
import { createRng } from '../firmware-sim/model.ts';
import type { Cue } from '../src/pipeline/types.ts';
import { getProgram } from '../src/programs/catalog.ts';
import {
  FAULT_CODES,
  type FaultCode,
  type ProgramCue,
  type ProgramId,
  type ProgramParams,
  type RepResult,
  type SessionSummary,
} from '../src/programs/types.ts';
import { TrainingSession } from '../src/session/trainingSession.ts';

const RATE_HZ = 50;
const PER_PACKET = 5;

export interface ProgramRun {
  readonly programId: ProgramId;
  readonly results: readonly RepResult[];
  /** Stream time (newest sample) at which each result came out. */
  readonly resultAtMs: readonly number[];
  readonly cues: readonly ProgramCue[];
  readonly recorded: readonly Cue[];
  readonly summary: SessionSummary | null;
  readonly truth: readonly CoachRepTruth[];
}

/**
 * Streams a coached user into a TrainingSession, one packet at a time, as the app does, and runs
 * programs on it; a run returns when the program has summed up. The session (its detector, its
 * calibration, its stream clock) carries over between runs on the same `stream`, like one app
 * session with several programs: an MVC test's result is what the next program is scored against.
 */
export function createStream(seed: number, options: CoachOptions) {
  const coach = createCoachedUser(seed, options);
  const out = { main: 0, ref: 0 };
  let tMs = 0;
  // Virtual time: the stream clock is the wall clock.
  const session = new TrainingSession({ bluetooth: null, simulated: true, mvc: null, cueFollower: (cue) => coach.onCue(cue), clock: () => tMs });
  const pushPacket = () => {
    const t = new Float64Array(PER_PACKET);
    const p = new Float32Array(PER_PACKET);
    const ref = coach.hasReference ? new Float32Array(PER_PACKET) : null;
    for (let i = 0; i < PER_PACKET; i++, tMs += 1000 / RATE_HZ) {
      coach.sampleAt(tMs, out);
      t[i] = tMs;
      p[i] = out.main;
      if (ref) ref[i] = out.ref;
    }
    session.feed({ t, p, ref, lostBefore: 0 });
  };
  return {
    coach,
    session,
    /** Rest (or free practice) for a while. */
    idle(ms: number) {
      const end = tMs + ms;
      while (tMs < end) pushPacket();
    },
    run(programId: ProgramId, params: ProgramParams): ProgramRun {
      const results: RepResult[] = [];
      const resultAtMs: number[] = [];
      const cues: ProgramCue[] = [];
      const recorded: Cue[] = [];
      const subscription = new Subscription();
      subscription.add(
        session.cues$.subscribe((cue) => {
          cues.push(cue);
          if (cue.kind === 'squeeze' || cue.kind === 'cough' || cue.kind === 'relax') recorded.push({ tMs: cue.tMs, kind: cue.kind });
        }),
      );
      session.start(getProgram(programId), params);
      // After start: program$ holds this run from now on (before, the last run's end).
      subscription.add(
        session.program$.subscribe((r) => {
          for (const result of r.results.slice(results.length)) {
            results.push(result);
            resultAtMs.push(session.nowMs());
          }
        }),
      );
      // A generous cap: no program runs anywhere near an hour.
      for (let guard = 0; session.running && guard < 3600 * (RATE_HZ / PER_PACKET); guard++) pushPacket();
      subscription.unsubscribe();
      return { programId, results, resultAtMs, cues, recorded, summary: session.program$.value.summary, truth: [...coach.truth()] };
    },
  };
}

/** One rep as the bench judges it: what the user did, what the app said. */
export interface JudgedRep {
  readonly programId: ProgramId;
  /** Whether the session had an MVC test before it (else "weak" follows the running estimate). */
  readonly mvcTested: boolean;
  readonly mistake: FaultCode | null;
  readonly judged: readonly FaultCode[];
  /** null: the app saw no rep for this cue (missed). */
  readonly predicted: readonly FaultCode[] | null;
  readonly score: number | null;
}

export function judgeRun(run: ProgramRun): { reps: JudgedRep[]; extras: number } {
  const squeezeCues = run.cues.filter((c): c is Extract<ProgramCue, { kind: 'squeeze' }> => c.kind === 'squeeze');
  const reps = squeezeCues.map((cue, k): JudgedRep => {
    const truth = run.truth.find((tr) => tr.step === cue.step);
    const result = run.results.find((r) => (r.kind === 'rep' ? r.rep.role === 'cued' && r.rep.cueIndex === k : r.cueIndex === k));
    const scored = result?.kind === 'rep' ? result.rep : null;
    return {
      programId: run.programId,
      mvcTested: run.summary?.mvc?.source === 'test',
      mistake: truth?.mistake ?? null,
      judged: cue.judged,
      predicted: scored ? scored.faults : null,
      score: scored ? scored.score : null,
    };
  });
  const extras = run.results.filter((r) => r.kind === 'rep' && r.rep.role !== 'cued').length;
  return { reps, extras };
}

const TRAINING: readonly ProgramId[] = ['strength', 'speed', 'nff', 'find', 'endurance', 'relax', 'knack'];

/** A varied user, probe and program for one seed (rest profiles as in the detection bench). */
export function benchSession(seed: number): { runs: ProgramRun[] } {
  const rng = createRng(seed * 104729 + 7);
  const u = (a: number, b: number) => a + (b - a) * rng();
  const stream = createStream(seed, {
    rest: {
      levelCmH2O: rng() < 0.5 ? u(-3, 12) : u(1015, 1050),
      breathAmpCmH2O: u(0.2, 1.2),
      breathHz: u(0.2, 0.3),
      noiseCmH2O: u(0.05, 0.4),
      driftCmH2OPerMin: u(-4, 4),
      wanderCmH2O: u(0.1, 0.5),
      abdominalCoupling: u(0.5, 1),
      hasReference: rng() < 0.8,
    },
    mvcCmH2O: u(18, 60),
    mistakeRate: 0.4,
    // A third of the squeezes close to a threshold: mistakes only just beyond it, clean ones only just within.
    borderline: 0.3,
    coughRate: 0.3,
    freePractice: false,
  });
  const programId = TRAINING[Math.floor(rng() * TRAINING.length)];
  stream.idle(u(2000, 6000));
  const runs: ProgramRun[] = [];
  // The session keeps the MVC test's result: the program after it is scored against it.
  if (rng() < 0.6) {
    runs.push(stream.run('mvc', getProgram('mvc').defaults));
    stream.idle(u(3000, 8000));
  }
  const program = getProgram(programId);
  // Shorter sessions keep the bench quick; every rule still sees many reps over the seeds.
  const params: ProgramParams = {
    ...program.defaults,
    sets: 1,
    reps: Math.min(program.defaults.reps, programId === 'endurance' ? 2 : 8),
    ...(programId === 'endurance' ? { holdMs: 30_000, restMs: 30_000 } : {}),
  };
  runs.push(stream.run(programId, params));
  return { runs };
}

export interface FaultStats {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface BenchReport {
  readonly sessions: number;
  readonly reps: number;
  readonly missed: number;
  readonly extras: number;
  readonly perFault: { readonly [F in FaultCode]: FaultStats };
  /** "weak" in sessions with an MVC test first, and in those on the running estimate. */
  readonly weakByMvc: { readonly tested: FaultStats; readonly estimated: FaultStats };
  readonly macroF1: number;
  readonly auc: number;
  readonly cleanMeanScore: number;
  readonly faultyMeanScore: number;
}

function faultStats(reps: readonly JudgedRep[], f: FaultCode): FaultStats {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of reps) {
    if (!r.judged.includes(f)) continue;
    const truth = r.mistake === f;
    const said = r.predicted?.includes(f) ?? false;
    if (truth && said) tp++;
    else if (said) fp++;
    else if (truth) fn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 1;
  return { tp, fp, fn, precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

export function evaluate(reps: readonly JudgedRep[], sessions: number, extras: number): BenchReport {
  const perFault = Object.fromEntries(FAULT_CODES.map((f) => [f, faultStats(reps, f)])) as Record<FaultCode, FaultStats>;
  const clean = reps.filter((r) => r.mistake === null && r.score !== null).map((r) => r.score as number);
  const faulty = reps.filter((r) => r.mistake !== null && r.score !== null).map((r) => r.score as number);
  let wins = 0;
  for (const c of clean) for (const f of faulty) wins += c > f ? 1 : c === f ? 0.5 : 0;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
  return {
    sessions,
    reps: reps.length,
    missed: reps.filter((r) => r.predicted === null).length,
    extras,
    perFault,
    weakByMvc: {
      tested: faultStats(
        reps.filter((r) => r.mvcTested),
        'weak',
      ),
      estimated: faultStats(
        reps.filter((r) => !r.mvcTested),
        'weak',
      ),
    },
    macroF1: FAULT_CODES.reduce((a, f) => a + perFault[f].f1, 0) / FAULT_CODES.length,
    auc: clean.length && faulty.length ? wins / (clean.length * faulty.length) : Number.NaN,
    cleanMeanScore: mean(clean),
    faultyMeanScore: mean(faulty),
  };
}

export function benchSeeds(seeds: readonly number[]): BenchReport {
  const reps: JudgedRep[] = [];
  let extras = 0;
  for (const seed of seeds) {
    for (const run of benchSession(seed).runs) {
      // The MVC test is a measurement, not a graded workout: its reps are not in the figures.
      if (run.programId === 'mvc') continue;
      const j = judgeRun(run);
      reps.push(...j.reps);
      extras += j.extras;
    }
  }
  return evaluate(reps, seeds.length, extras);
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
export const DEV_SEEDS = range(1, 60);
export const HELD_OUT_SEEDS = range(1001, 300);

function printReport(name: string, r: BenchReport): void {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
  console.log(`\n${name}: ${r.sessions} sessions, ${r.reps} cued reps (${r.missed} missed, ${r.extras} extra reps)`);
  console.log('fault                   judged-pos  TP   FP   FN  precision recall    F1');
  for (const f of FAULT_CODES) {
    const s = r.perFault[f];
    console.log(
      `${f.padEnd(24)}${String(s.tp + s.fn).padStart(6)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}   ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}`,
    );
  }
  const w = r.weakByMvc;
  console.log(
    `  weak, after an MVC test: F1 ${pct(w.tested.f1)} (recall ${pct(w.tested.recall)}); on the running estimate: F1 ${pct(w.estimated.f1)} (recall ${pct(w.estimated.recall)})`,
  );
  const knack = (f: 'knack_late' | 'knack_released') => `${f} ${pct(r.perFault[f].f1).trim()} %`;
  console.log(`macro-F1 ${pct(r.macroF1)} %   (target ≥ 95 %); knack faults F1: ${knack('knack_late')}, ${knack('knack_released')} (target ≥ 90 %)`);
  console.log(
    `clean outscores faulty (AUC) ${pct(r.auc)} %   (target ≥ 95 %); mean score clean ${r.cleanMeanScore.toFixed(1)}, faulty ${r.faultyMeanScore.toFixed(1)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const which = process.argv.includes('--dev') ? 'dev' : process.argv.includes('--all') ? 'all' : 'held-out';
  if (which !== 'held-out') printReport('development seeds', benchSeeds(DEV_SEEDS));
  if (which !== 'dev') printReport('held-out seeds', benchSeeds(HELD_OUT_SEEDS));
}
