/**
 * A virtual user who follows the app's cues: on a squeeze cue it squeezes (after a human
 * reaction time) for the hold the cue asks, then lets go; now and then, or when told to for a
 * given rep, it makes one typical mistake. It records which rep had which mistake, the ground
 * truth the scoring bench and the end-to-end test check the app's feedback against.
 *
 * Each mistake is shaped to break exactly one rule of docs/scoring.md and leave the others
 * clean (tests/unit/coach-mistakes.test.ts checks that on the noise-free signal). When no
 * program runs it practises by itself, like createDemoUser.
 *
 * Times here are device time (the times `sampleAt` is called with): a cue reaches the user
 * "now", at the newest sample the device took.
 */
import type { SampleSource } from './packet-stream';
import { VirtualUser, createRng, practiseOnce, riseMsFor, squeezeEndMs, squeezeTruth, type RampShape, type RestProfile, type Squeeze } from './model';

/**
 * The mistakes the user can make, each named by the fault it should earn. Same codes and order
 * as the app's FAULT_CODES (tests/unit/coach-mistakes.test.ts checks): the order matters, a
 * random mistake is picked by index, so a seed replays the same session.
 */
export const MISTAKES = [
  'straining',
  'knack_late',
  'knack_released',
  'incomplete_relaxation',
  'weak',
  'short_hold',
  'late_onset',
  'slow_rise',
  'fading',
] as const;
export type Mistake = (typeof MISTAKES)[number];

/** How hard and how fast a squeeze is asked for. */
export type CoachEffort = 'gentle' | 'moderate' | 'max' | 'fast';

/**
 * What the user hears from the app, only the parts the coach acts on. The app's ProgramCue is
 * assignable to it, so the app passes its cues unchanged.
 */
export type CoachCue =
  | { readonly kind: 'start' }
  | {
      readonly kind: 'squeeze';
      /** Index of the squeeze in the session (0-based); forced mistakes are keyed by it. */
      readonly step: number;
      readonly holdMs: number;
      readonly restMs: number;
      readonly effort: CoachEffort;
      readonly flicks: number;
      /** Faults this squeeze is judged on: only those are worth getting wrong. */
      readonly judged: readonly Mistake[];
      /** No random mistakes in an assessment. */
      readonly assessment: boolean;
      /** The Knack: a "cough" cue comes this long after this one, ms. */
      readonly coughAtMs?: number;
    }
  | { readonly kind: 'cough' }
  | { readonly kind: 'relax' }
  | { readonly kind: 'end' };

export interface CoachOptions {
  /** Rest profile; default has a reference channel, so bearing down can be told apart. */
  readonly rest?: Partial<RestProfile>;
  /** The user's true maximal squeeze, cmH2O above rest; default seeded, 25–45. */
  readonly mvcCmH2O?: number;
  /** Probability of a random mistake on a training squeeze (never in assessments). Default 0. */
  readonly mistakeRate?: number;
  /** Forced mistakes by squeeze index within a session (0-based), e.g. { 1: 'short_hold' }. */
  readonly mistakes?: Readonly<Record<number, Mistake>>;
  /**
   * Probability that a training squeeze is drawn close to a rule's threshold: a mistake only just
   * beyond it, a clean squeeze only just within it (weak, short hold, late start, the Knack).
   * Default 0 (every mistake far from the threshold).
   */
  readonly borderline?: number;
  /** Probability of a cough in a rest of at least 5 s. Default 0. */
  readonly coughRate?: number;
  /** Squeeze by itself when no program runs (the in-app demo). Default true. */
  readonly freePractice?: boolean;
}

/** What the user really did for one squeeze cue. */
export interface CoachRepTruth {
  readonly step: number;
  readonly mistake: Mistake | null;
  /** Device time the cue reached the user, and the true onset. */
  readonly cueMs: number;
  readonly onsetMs: number;
  /** The squeeze as the model plays it (its noise-free facts: squeezeTruth). */
  readonly squeeze: Squeeze;
}

export interface CoachedUser extends SampleSource {
  readonly user: VirtualUser;
  readonly mvcCmH2O: number;
  onCue(cue: CoachCue): void;
  /** Ground truth of the current (or last) session, one entry per squeeze cue. */
  truth(): readonly CoachRepTruth[];
}

type SqueezeCue = Extract<CoachCue, { kind: 'squeeze' }>;

const SHAPES: readonly RampShape[] = ['cosine', 'sigmoid', 'exponential', 'linear'];
/** Letting go of held tension, and the pause before the next squeeze may start, ms. */
const TENSION_RELEASE_MS = 250;
const AFTER_TENSION_MS = 150;
/** Held tension at least this high (when the squeeze allows): clear of the breathing wave. */
const MIN_TENSION_CMH2O = 4.5;
/** Longest hold of tension: the detector gives up waiting for relaxation after 20 s. */
const MAX_TENSION_REST_MS = 15_000;
/** After a program ends, free practice resumes after this pause, ms. */
const FREE_RESUME_MS = 5000;

/** Which mistakes fit a cue: each must be judged, and possible without breaking another rule. */
export function feasibleMistakes(cue: SqueezeCue, hasReference: boolean): Mistake[] {
  const ok: { readonly [M in Mistake]: boolean } = {
    weak: cue.effort !== 'gentle',
    short_hold: cue.holdMs >= 2000,
    slow_rise: cue.effort === 'fast' && cue.holdMs >= 1500,
    // A late start still holds the full time: the rest must leave room to let go before the next cue.
    late_onset: cue.restMs >= 3500,
    incomplete_relaxation: cue.restMs >= 2000 && cue.restMs <= MAX_TENSION_REST_MS,
    straining: hasReference,
    fading: cue.holdMs >= 4000 && cue.flicks === 0 && cue.effort === 'max',
    knack_late: cue.coughAtMs !== undefined,
    knack_released: cue.coughAtMs !== undefined,
  };
  return MISTAKES.filter((m) => ok[m] && cue.judged.includes(m));
}

export function createCoachedUser(seed: number, options: CoachOptions = {}): CoachedUser {
  const user = new VirtualUser(seed, { hasReference: true, ...options.rest });
  const rng = createRng(seed ^ 0xc0ac4);
  const uniform = (a: number, b: number) => a + (b - a) * rng();
  const mvcCmH2O = options.mvcCmH2O ?? uniform(25, 45);
  const riseShape = SHAPES[Math.floor(rng() * SHAPES.length)];
  const releaseShape = SHAPES[Math.floor(rng() * SHAPES.length)];
  const shape = (preferred: RampShape) => (rng() < 0.2 ? SHAPES[Math.floor(rng() * SHAPES.length)] : preferred);
  const coupling = user.rest.abdominalCoupling;

  let nowMs = 0;
  let inProgram = false;
  // The first free squeeze comes after a few seconds of rest, as a person settles with the probe.
  let freeNextMs = options.freePractice === false ? Number.POSITIVE_INFINITY : 4000;
  let truths: CoachRepTruth[] = [];
  /** Tension held after a squeeze that was not let go; released at the next cue. */
  let tension: Squeeze | null = null;
  let earliestNextMs = 0;

  /** Free-practice squeezes and coughs, planned a few seconds ahead. */
  const planFree = () => {
    while (!inProgram && freeNextMs < nowMs + 3000) freeNextMs = practiseOnce(user, freeNextMs, mvcCmH2O * uniform(0.55, 0.95), rng);
  };

  /** A program starts: stop practising (cut a hold under way, drop what was planned). */
  const quiet = () => {
    for (let i = user.squeezes.length - 1; i >= 0; i--) {
      const s = user.squeezes[i];
      if (s.startMs > nowMs) user.squeezes.splice(i, 1);
      else if (squeezeEndMs(s) > nowMs) s.holdMs = Math.max(0, Math.min(s.holdMs, nowMs - s.startMs - s.riseMs));
    }
    for (let i = user.coughs.length - 1; i >= 0; i--) if (user.coughs[i].atMs > nowMs) user.coughs.splice(i, 1);
  };

  const letGoOfTension = () => {
    if (tension === null) return;
    tension.holdMs = Math.max(0, nowMs - tension.startMs - tension.riseMs);
    earliestNextMs = nowMs + TENSION_RELEASE_MS + AFTER_TENSION_MS;
    tension = null;
  };

  /** Model hold giving the wanted full width at half maximum (it grows 1:1 with the hold). */
  const holdFor = (spec: Squeeze, fwhmMs: number): number => {
    const probe = { ...spec, holdMs: 1000 };
    const extra = squeezeTruth(probe, coupling).durationMs - 1000;
    return Math.max(0, fwhmMs - extra);
  };

  const squeezeFor = (cue: SqueezeCue, mistake: Mistake | null) => {
    const fast = cue.effort === 'fast';
    // Drawn only when asked for, so the sessions of a seed stay what they were without it.
    const near = (options.borderline ?? 0) > 0 && !cue.assessment && rng() < (options.borderline ?? 0);
    const strong = mistake === 'weak' ? (near ? uniform(0.47, 0.55) : uniform(0.25, 0.45)) : near ? uniform(0.68, 0.8) : uniform(0.82, 1);
    const peakFraction = {
      gentle: uniform(0.35, 0.5),
      moderate: mistake === 'weak' ? (near ? uniform(0.22, 0.26) : uniform(0.16, 0.24)) : uniform(0.45, 0.6),
      max: strong,
      fast: strong,
    }[cue.effort];
    const short = cue.holdMs <= 1000;
    let reaction = short ? uniform(200, 400) : uniform(200, 600);
    if (mistake === 'late_onset') reaction = near ? uniform(1250, 1500) : uniform(1500, Math.min(2500, cue.restMs - 1800));
    else if (near && !short && cue.restMs >= 3500) reaction = uniform(550, 750);
    if (cue.coughAtMs !== undefined) {
      // The Knack done late: the squeeze comes with the cough (from just before its cue to just
      // after); near the threshold, it leads by less than 0.15 s (fault) or by 0.5–0.8 s (right).
      if (mistake === 'knack_late') reaction = cue.coughAtMs - (near ? uniform(0, 150) : uniform(-300, 150));
      else if (near) reaction = cue.coughAtMs - uniform(500, 800);
    }
    if (mistake === 'slow_rise') reaction = uniform(200, 400);
    const rs = shape(riseShape);
    const riseTimeMs = mistake === 'slow_rise' ? uniform(1000, 1300) : fast ? uniform(150, 300) : uniform(200, 420);
    let peak = mvcCmH2O * peakFraction;
    // A correct squeeze moves the abdomen a little; bearing down moves it more than the squeeze.
    let strain = peak * uniform(0, 0.15);
    if (mistake === 'straining') {
      peak *= uniform(0.5, 0.7);
      strain = peak * uniform(1.3, 1.8);
    }
    const spec: Squeeze = {
      startMs: Math.max(nowMs + reaction, earliestNextMs),
      peakCmH2O: peak,
      riseMs: riseMsFor(rs, riseTimeMs),
      holdMs: 0,
      fade: mistake === 'fading' ? uniform(0.35, 0.42) : cue.holdMs >= 4000 ? uniform(0.02, cue.effort === 'moderate' ? 0.2 : 0.12) : 0,
      releaseMs: mistake === 'slow_rise' ? 300 : fast || short ? uniform(250, 450) : uniform(350, 700),
      tremorCmH2O: peak * uniform(0.015, 0.03),
      riseShape: rs,
      releaseShape: shape(releaseShape),
      residualCmH2O: 0,
      residualTauMs: 8000,
      strainCmH2O: strain,
      flicks: cue.flicks,
    };
    const width =
      cue.holdMs *
      (mistake === 'short_hold'
        ? near
          ? uniform(0.6, 0.68)
          : uniform(0.35, 0.55)
        : short
          ? uniform(0.85, 1)
          : mistake === 'slow_rise'
            ? uniform(0.95, 1)
            : uniform(0.95, 1.05));
    // Held to the relax cue, whenever it began (the Knack done late still holds to the end).
    // Held to the relax cue, however late it began.
    spec.holdMs = holdFor(spec, cue.coughAtMs !== undefined ? width - Math.max(0, reaction - 400) : width);
    if (mistake === 'knack_released' && cue.coughAtMs !== undefined) {
      // Lets go as the cough comes (within 0.3 s of its cue), or near the threshold 0.45–0.75 s after it.
      spec.holdMs = Math.max(0, cue.coughAtMs + (near ? uniform(450, 750) : uniform(0, 300)) - reaction - spec.riseMs);
    }
    return spec;
  };

  const onSqueeze = (cue: SqueezeCue) => {
    letGoOfTension();
    const forced = options.mistakes?.[cue.step];
    const feasible = feasibleMistakes(cue, user.hasReference);
    let mistake: Mistake | null = forced !== undefined && feasible.includes(forced) ? forced : null;
    if (forced === undefined && !cue.assessment && feasible.length > 0 && rng() < (options.mistakeRate ?? 0)) {
      mistake = feasible[Math.floor(rng() * feasible.length)];
    }
    const s = user.squeeze(squeezeFor(cue, mistake));
    if (mistake === 'incomplete_relaxation') {
      // Lets go only part of the way, holding the rest until the next cue: the release and the
      // tension's rise share shape and length, so the pressure falls smoothly to the held level.
      // The held level stands clear of breathing (a few cmH2O at least) yet stays below half the
      // squeeze, so the squeeze itself still reads as released.
      const releaseStart = squeezeEndMs(s) - s.releaseMs;
      const end = s.peakCmH2O * (1 - s.fade);
      tension = user.squeeze({
        startMs: releaseStart,
        peakCmH2O: Math.max(end * uniform(0.35, 0.42), Math.min(MIN_TENSION_CMH2O, 0.45 * end)),
        riseMs: s.releaseMs,
        riseShape: s.releaseShape,
        holdMs: cue.holdMs + cue.restMs + 60_000,
        fade: 0,
        releaseMs: TENSION_RELEASE_MS,
        releaseShape: 'cosine',
        tremorCmH2O: 0,
        strainCmH2O: 0,
      });
    }
    if (cue.restMs >= 5000 && rng() < (options.coughRate ?? 0)) {
      const relaxAt = nowMs + cue.holdMs;
      user.cough({ atMs: relaxAt + cue.restMs * uniform(0.4, 0.6), amplitudeCmH2O: uniform(25, 55), widthMs: uniform(250, 450) });
    }
    truths.push({ step: cue.step, mistake, cueMs: nowMs, onsetMs: s.startMs, squeeze: s });
  };

  /** The Knack's cough, a human reaction after its cue: a short spike of abdominal pressure. */
  const onCough = () => {
    user.cough({ atMs: nowMs + uniform(150, 400), amplitudeCmH2O: uniform(20, 50), widthMs: uniform(250, 450) });
  };

  const sampleAt = user.sampleAt.bind(user);
  return {
    user,
    mvcCmH2O,
    get hasReference() {
      return user.hasReference;
    },
    sampleAt(tMs, out) {
      nowMs = tMs;
      planFree();
      sampleAt(tMs, out);
      user.forgetBefore(tMs - 60_000);
    },
    onCue(cue) {
      switch (cue.kind) {
        case 'start':
          inProgram = true;
          truths = [];
          quiet();
          break;
        case 'squeeze':
          onSqueeze(cue);
          break;
        case 'cough':
          onCough();
          break;
        case 'relax':
          break;
        case 'end':
          letGoOfTension();
          inProgram = false;
          if (options.freePractice !== false) freeNextMs = nowMs + FREE_RESUME_MS;
          break;
      }
    },
    truth: () => truths,
  };
}

/** Share of training squeezes the in-app simulated user gets wrong when the address says nothing. */
export const DEFAULT_APP_MISTAKE_RATE = 0.2;

/**
 * Coach settings from the page address, for demos and the end-to-end test:
 * `?mistakes=1:short_hold,3:weak` forces mistakes on those squeezes, `?mistakeRate=0.2` sets
 * the share of random ones (0 turns them off). Unknown names are ignored.
 */
export function coachOptionsFromSearch(search: string): CoachOptions {
  const q = new URLSearchParams(search);
  const mistakes: Record<number, Mistake> = {};
  for (const item of (q.get('mistakes') ?? '').split(',')) {
    const [rep, name] = item.split(':');
    const m = MISTAKES.find((f) => f === name);
    if (m !== undefined && /^\d+$/.test(rep ?? '')) mistakes[Number(rep)] = m;
  }
  // By default the in-app user gets about one rep in five wrong, so the feedback has something
  // to say; forced mistakes (tests) come without random ones unless a rate is given too.
  const given = q.get('mistakeRate');
  const rate = given === null ? (Object.keys(mistakes).length > 0 ? 0 : DEFAULT_APP_MISTAKE_RATE) : Number(given);
  return { mistakes, mistakeRate: Number.isFinite(rate) && rate > 0 && rate <= 1 ? rate : 0 };
}
