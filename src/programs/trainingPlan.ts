/**
 * The training plan: a pure function from what the journal holds (every program run, newest or
 * oldest first) and the time now to what to do today. The rules, each with its source, are in
 * docs/plan.md; every number below cites where it comes from.
 *
 *   no assessment ─▶ assess (PERFECT) ─▶ build: the physiotherapy programme, one step a week
 *                                         │  re-test every 2 weeks, held back by faulty sets
 *                                         └▶ maintain: 1–3 times a week, after 5–6 months
 */
import type { Message } from '../i18n/messages';
import { getProgram, isAssessment } from './catalog';
import { planSteps } from './plan';
import { FAULT_CODES, type FaultCode, type MvcValue, type ProgramId, type ProgramParams, type SessionSummary, type SourceRef } from './types';

/**
 * What the plan reads of one journal session: structurally a part of the journal's
 * SessionOutcome (this layer does not import the journal).
 */
export interface PlanOutcome {
  readonly meta: { readonly startedAtMs: number; readonly programId: ProgramId | null; readonly params: ProgramParams | null };
  /** Every program run's summary, in the order they ended. */
  readonly summaries: readonly SessionSummary[];
  readonly calibrations: readonly MvcValue[];
}

/** The physiotherapy programme's numbers at one step of the plan. */
export interface PlanLevel {
  readonly holdS: number;
  readonly reps: number;
  /** Quick squeezes at the end of each hold. */
  readonly flicks: number;
}

export type PlanPhase = 'assess' | 'build' | 'maintain';

/** What Start runs now, and why (one sentence). */
export interface PlanTask {
  readonly programId: ProgramId;
  readonly params: ProgramParams;
  readonly why: Message;
}

export interface TrainingPlan {
  readonly phase: PlanPhase;
  /** Training week since the first assessment, 1-based; null before it. */
  readonly week: number | null;
  readonly level: PlanLevel | null;
  readonly next: PlanTask;
  /** Sets of training done and left, per day (3 a day) or, in maintenance, per week. */
  readonly sets: { readonly target: number; readonly done: number; readonly left: number; readonly per: 'day' | 'week' };
  readonly retestDue: boolean;
  /** Why the level does not go up while the last sets look like this; null: nothing holds it back. */
  readonly heldBack: Message | null;
  /** After about 8 weeks without progress: see a physiotherapist. */
  readonly physio: Message | null;
  /** Entering maintenance: what it means. */
  readonly maintenance: Message | null;
  /** The strength test's MVC, newest (the scale for "too weak"); null: none yet. */
  readonly mvc: { readonly cmH2O: number; readonly atMs: number } | null;
  /** The last program run, for a one-line "last time". */
  readonly last: { readonly programId: ProgramId; readonly completion: number; readonly averageScore: number | null } | null;
  /** Where the numbers of what is shown come from. */
  readonly sources: readonly SourceRef[];
}

/** The plan's numbers, each with its source (docs/plan.md). */
export const PLAN = {
  /** 000: "Gjør tre serier daglig"; 002: three times a day; 003: three rounds a day. */
  setsPerDay: 3,
  /** 000: hold 6–8 s, build up to 8–12 repetitions; 000 and Bø: then 3 quick squeezes at the end of each hold. */
  start: { holdS: 6, reps: 8, flicks: 0 },
  top: { holdS: 8, reps: 12, flicks: 3 },
  /** 000: "start with a shorter hold if it is hard"; the programme's shortest hold (catalog bounds). */
  minHoldS: 3,
  minReps: 1,
  holdStepS: 1,
  repsStep: 2,
  /** Bø 1999: rest twice the hold at first. */
  restPerHold: 2,
  /** Trainers with a sensor (PeriCoach) re-test every 2 weeks. */
  retestDays: 14,
  /** 003: two months before you notice a change; 000: contact a physiotherapist if progress does not come. */
  noProgressWeeks: 8,
  /** Perineometry: a repeated measurement differs by about 3 cmH2O; less is no change. */
  measurementErrorCmH2O: 3,
  /** Bø 1999: 5–6 months; 003: up to half a year for the full effect. At the top step after 5, regardless after 6. */
  maintenanceAtTopWeeks: 22,
  maintenanceWeeks: 26,
  /** 003: 1–3 times a week keeps the muscles working; Bø 1999: twice a week. */
  maintenanceSetsPerWeek: 2,
  /** The sets a step up looks at: a day's worth. */
  judgedSets: 3,
  /** A set went well: most squeezes done (≥ 80 %), scored ≥ 60 on average (fault-free reps score 60–100, docs/scoring.md) … */
  goodCompletion: 0.8,
  goodScore: 60,
  /** … and no fault in half of its squeezes or more. */
  dominantFault: 0.5,
} as const;

const DAY_MS = 24 * 3600 * 1000;
const WEEK_MS = 7 * DAY_MS;
/** The plan trains with the physiotherapy programme (000, Bø 1999). */
const PLAN_PROGRAM: ProgramId = 'nff';

const SRC = {
  nff: { doc: '000', cite: 'source.cite.nff' },
  nffTrial: { doc: 'bo1999', cite: 'source.cite.nffTrial' },
  start: { doc: 'laycock2001', cite: 'source.cite.planStart' },
  retest: { doc: 'trainers', cite: 'source.cite.retest' },
  physio: { doc: '000', cite: 'source.cite.physio' },
  twoMonths: { doc: '003', cite: 'source.cite.twoMonths' },
  error: { doc: 'perineometry', cite: 'source.cite.measurementError' },
  maintenance: { doc: '003', cite: 'source.cite.maintenance' },
  maintenanceTrial: { doc: 'bo1999', cite: 'source.cite.maintenanceTrial' },
  threeADay: { doc: '003', cite: 'source.cite.threeADay' },
} as const satisfies Record<string, SourceRef>;

/** One program run, with the wall-clock time of its session. */
interface Run {
  readonly atMs: number;
  readonly summary: SessionSummary;
  readonly params: ProgramParams;
}

function runsOf(outcomes: readonly PlanOutcome[], nowMs: number): Run[] {
  const runs = outcomes.flatMap((o) =>
    o.summaries.map((summary) => ({
      atMs: o.meta.startedAtMs,
      summary,
      // Older journals kept the parameters only on the session (its last program's).
      params: summary.params ?? (o.meta.programId === summary.programId && o.meta.params ? o.meta.params : getProgram(summary.programId).defaults),
    })),
  );
  // Stable: runs of one session keep the order they ended in.
  return runs.filter((r) => r.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs);
}

/** A run that measured: a strength test with its result, or a whole PERFECT assessment. */
const measured = (r: Run): boolean =>
  (r.summary.programId === 'mvc' && r.summary.measuredMvcCmH2O !== null) ||
  (r.summary.programId === 'perfect' && r.summary.completed && r.summary.perfect !== null);

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Where the programme starts (Laycock & Jerwood 2001: the assessment is the programme): hold the
 * seconds you held, as many times as you managed, within the programme's 3–8 s and up to 12.
 * A strength test alone says nothing of endurance: the programme's own start (000).
 */
export function startLevel(summary: SessionSummary): PlanLevel {
  const p = summary.perfect;
  if (p === null) return PLAN.start;
  return { holdS: clamp(p.enduranceS, PLAN.minHoldS, PLAN.top.holdS), reps: clamp(p.repetitions, PLAN.minReps, PLAN.top.reps), flicks: 0 };
}

/**
 * One step up (000: start shorter and build up; Bø: quick squeezes last): the hold to 6 s, the
 * repetitions to 8, the hold to 8 s, the repetitions to 12, then 3 quick squeezes.
 */
export function nextLevel(l: PlanLevel): PlanLevel {
  if (l.holdS < PLAN.start.holdS) return { ...l, holdS: l.holdS + PLAN.holdStepS };
  if (l.reps < PLAN.start.reps) return { ...l, reps: Math.min(PLAN.start.reps, l.reps + PLAN.repsStep) };
  if (l.holdS < PLAN.top.holdS) return { ...l, holdS: l.holdS + PLAN.holdStepS };
  if (l.reps < PLAN.top.reps) return { ...l, reps: Math.min(PLAN.top.reps, l.reps + PLAN.repsStep) };
  return { ...l, flicks: PLAN.top.flicks };
}

const isTop = (l: PlanLevel) => l.holdS >= PLAN.top.holdS && l.reps >= PLAN.top.reps && l.flicks >= PLAN.top.flicks;
const higher = (a: PlanLevel, b: PlanLevel) => a.holdS > b.holdS || a.reps > b.reps || a.flicks > b.flicks;
const maxLevel = (a: PlanLevel, b: PlanLevel): PlanLevel => ({
  holdS: Math.max(a.holdS, b.holdS),
  reps: Math.max(a.reps, b.reps),
  flicks: Math.max(a.flicks, b.flicks),
});

export function levelParams(l: PlanLevel): ProgramParams {
  // One set at a time: the day's 3 go where they fit (000: in a row or spread over the day).
  return { ...getProgram(PLAN_PROGRAM).defaults, holdMs: l.holdS * 1000, restMs: l.holdS * PLAN.restPerHold * 1000, reps: l.reps, sets: 1, flicks: l.flicks };
}

/** Squeezes a run asked for (sets × reps, or the program's fixed steps). */
const planned = (r: Run) => r.params.sets * r.params.reps;
const stepsToGive = (r: Run) => planSteps(getProgram(r.summary.programId), r.params).length - (r.summary.fromStep ?? 0);

/** Sets of training a run counts for: sets in which at least half the squeezes were done. */
function setsDone(r: Run): number {
  if (getProgram(r.summary.programId).kind !== 'training') return 0;
  const enough = Math.max(1, Math.ceil(r.params.reps / 2));
  return r.summary.sets.filter((s) => s.repsDone >= enough).length;
}

/** Why these sets do not allow a step up; null: they do. */
export function holdsBack(runs: readonly Run[]): Message | null {
  if (runs.some((r) => !r.summary.completed)) return { key: 'plan.heldBack.stopped' };
  const done = runs.reduce((a, r) => a + r.summary.session.repsDone, 0);
  const asked = runs.reduce((a, r) => a + planned(r), 0);
  if (asked > 0 && done / asked < PLAN.goodCompletion) return { key: 'plan.heldBack.missed' };
  const counts = Object.fromEntries(FAULT_CODES.map((f) => [f, runs.reduce((a, r) => a + (r.summary.session.faults[f] ?? 0), 0)])) as Record<FaultCode, number>;
  const dominant = FAULT_CODES.find((f) => done > 0 && counts[f] / done >= PLAN.dominantFault);
  if (dominant !== undefined) return { key: 'plan.heldBack.fault', params: { fault: { key: `fault.${dominant}` } } };
  const scores = runs.flatMap((r) => (r.summary.session.averageScore === null ? [] : [r.summary.session.averageScore]));
  if (scores.length > 0 && scores.reduce((a, b) => a + b, 0) / scores.length < PLAN.goodScore)
    return { key: 'plan.heldBack.score', params: { score: PLAN.goodScore } };
  return null;
}

/** The runs were done at (at least) this level: hold, repetitions and quick squeezes. */
const atLevel = (runs: readonly Run[], l: PlanLevel) =>
  runs.every((r) => r.params.holdMs >= l.holdS * 1000 && r.params.reps >= l.reps && r.params.flicks >= l.flicks);

/** The level after each whole week since the start (index k: at the end of week k; 0: the start). */
function levelsByWeek(runs: readonly Run[], startMs: number, start: PlanLevel, weeks: number): PlanLevel[] {
  const levels = [start];
  let level = start;
  for (let k = 1; k <= weeks; k++) {
    const from = startMs + (k - 1) * WEEK_MS;
    const to = startMs + k * WEEK_MS;
    const inWeek = runs.filter((r) => r.atMs >= from && r.atMs < to);
    // A re-test with PERFECT that shows more than the level moves it up at once (Laycock).
    for (const r of inWeek) if (r.summary.programId === 'perfect' && measured(r) && r.atMs > startMs) level = maxLevel(level, startLevel(r.summary));
    const judged = inWeek.filter((r) => r.summary.programId === PLAN_PROGRAM).slice(-PLAN.judgedSets);
    if (judged.length > 0 && atLevel(judged, level) && holdsBack(judged) === null) level = nextLevel(level);
    levels.push(level);
  }
  return levels;
}

/** Local midnight of the day of `ms`, and of the Monday of its week. */
function dayStart(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}
function weekStart(ms: number): number {
  const d = new Date(dayStart(ms));
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7)).getTime();
}

/**
 * "2 sets left today": the count's plural form is the reader's language's (`plural`, e.g.
 * Intl.PluralRules#select); the catalog has the "one" and "other" forms.
 */
export function setsLeftMessage(sets: TrainingPlan['sets'], plural: (n: number) => Intl.LDMLPluralRule): Message {
  const base = sets.per === 'day' ? 'plan.setsLeft' : 'plan.setsLeftWeek';
  if (sets.left === 0) return { key: `${base}.none`, params: { target: sets.target } };
  return { key: plural(sets.left) === 'one' ? `${base}.one` : `${base}.other`, params: { count: sets.left } };
}

/**
 * Why Start runs what it runs: the plan's reason when its program is the one picked, else that
 * the plan asks for another one (a plan sentence about an assessment under "Strength" misleads).
 */
export function nextMessage(next: PlanTask, pickedId: ProgramId): Message {
  if (pickedId === next.programId) return next.why;
  return { key: 'plan.next.other', params: { planned: { key: `program.${next.programId}.name` }, picked: { key: `program.${pickedId}.name` } } };
}

/** The strength measures a re-test gives, for "is there progress?". */
function progressed(runs: readonly Run[], sinceMs: number): boolean {
  const before = runs.filter((r) => r.atMs <= sinceMs && measured(r));
  const after = runs.filter((r) => r.atMs > sinceMs && measured(r));
  const mvcs = (rs: readonly Run[]) => rs.flatMap((r) => (r.summary.measuredMvcCmH2O === null ? [] : [r.summary.measuredMvcCmH2O]));
  const profiles = (rs: readonly Run[]) => rs.flatMap((r) => (r.summary.perfect === null ? [] : [r.summary.perfect]));
  const mvcThen = mvcs(before).at(-1) ?? mvcs(after)[0];
  const mvcNow = mvcs(after).at(-1);
  if (mvcThen !== undefined && mvcNow !== undefined && mvcNow - mvcThen >= PLAN.measurementErrorCmH2O) return true;
  const pThen = profiles(before).at(-1) ?? profiles(after)[0];
  const pNow = profiles(after).at(-1);
  if (pThen === undefined || pNow === undefined) return false;
  const power = pThen.powerCmH2O !== null && pNow.powerCmH2O !== null && pNow.powerCmH2O - pThen.powerCmH2O >= PLAN.measurementErrorCmH2O;
  return power || pNow.enduranceS > pThen.enduranceS || pNow.repetitions > pThen.repetitions;
}

export function trainingPlan(outcomes: readonly PlanOutcome[], nowMs: number): TrainingPlan {
  const runs = runsOf(outcomes, nowMs);
  const mvc =
    [...outcomes]
      .sort((a, b) => a.meta.startedAtMs - b.meta.startedAtMs)
      .filter((o) => o.meta.startedAtMs <= nowMs)
      .flatMap((o) => o.calibrations.flatMap((c) => (c.source === 'test' ? [{ cmH2O: c.cmH2O, atMs: o.meta.startedAtMs }] : [])))
      .at(-1) ?? null;
  const lastRun = runs.at(-1);
  const last = lastRun
    ? {
        programId: lastRun.summary.programId,
        // Of the steps this run was to give: a set continued from its third rep had the rest to do.
        completion: Math.min(1, lastRun.summary.session.repsDone / Math.max(1, stepsToGive(lastRun))),
        // An assessment measures; its summary gives no score, nor does this line.
        averageScore: isAssessment(lastRun.summary.programId) ? null : lastRun.summary.session.averageScore,
      }
    : null;
  const today = runs.filter((r) => r.atMs >= dayStart(nowMs)).reduce((a, r) => a + setsDone(r), 0);
  const daySets = (done: number) => ({ target: PLAN.setsPerDay, done, left: Math.max(0, PLAN.setsPerDay - done), per: 'day' as const });

  const assessments = runs.filter(measured);
  const first = assessments[0];
  if (first === undefined) {
    const sets = daySets(today);
    return {
      phase: 'assess',
      week: null,
      level: null,
      next: { programId: 'perfect', params: getProgram('perfect').defaults, why: { key: 'plan.next.assess' } },
      sets,
      retestDue: false,
      heldBack: null,
      physio: null,
      maintenance: null,
      mvc,
      last,
      sources: [SRC.start, SRC.threeADay],
    };
  }

  const weeks = Math.floor((nowMs - first.atMs) / WEEK_MS);
  const start = startLevel(first.summary);
  const levels = levelsByWeek(runs, first.atMs, start, weeks);
  let level = levels[weeks];
  // A PERFECT re-test this week counts at once, not at the week's end.
  for (const r of runs)
    if (r.atMs >= first.atMs + weeks * WEEK_MS && r.atMs > first.atMs && r.summary.programId === 'perfect' && measured(r))
      level = maxLevel(level, startLevel(r.summary));

  const planRuns = runs.filter((r) => r.summary.programId === PLAN_PROGRAM);
  const lastSets = planRuns.filter((r) => r.atMs >= first.atMs).slice(-PLAN.judgedSets);
  const heldBack = lastSets.length > 0 ? holdsBack(lastSets) : null;

  const lastAssessment = assessments[assessments.length - 1];
  const retestDue = nowMs - lastAssessment.atMs >= PLAN.retestDays * DAY_MS;

  const maintain = weeks >= PLAN.maintenanceWeeks || (weeks >= PLAN.maintenanceAtTopWeeks && isTop(level));
  const sets = maintain
    ? (() => {
        const done = runs.filter((r) => r.atMs >= weekStart(nowMs)).reduce((a, r) => a + setsDone(r), 0);
        return { target: PLAN.maintenanceSetsPerWeek, done, left: Math.max(0, PLAN.maintenanceSetsPerWeek - done), per: 'week' as const };
      })()
    : daySets(today);

  // About 8 weeks without progress in strength (a re-test) or in the programme (a step up).
  const since = nowMs - PLAN.noProgressWeeks * WEEK_MS;
  const trainedSince = planRuns.some((r) => r.atMs > since);
  const levelThen = levels[Math.max(0, weeks - PLAN.noProgressWeeks)];
  const stalled = weeks >= PLAN.noProgressWeeks && trainedSince && !higher(level, levelThen) && !progressed(runs, since);
  const physio: Message | null = stalled ? { key: 'plan.physio', params: { weeks: PLAN.noProgressWeeks } } : null;

  const week = weeks + 1;
  const train: PlanTask = {
    programId: PLAN_PROGRAM,
    params: levelParams(level),
    why:
      level.flicks > 0
        ? { key: 'plan.next.trainFlicks', params: { week, hold: level.holdS, reps: level.reps, flicks: level.flicks } }
        : { key: 'plan.next.train', params: { week, hold: level.holdS, reps: level.reps, rest: level.holdS * PLAN.restPerHold } },
  };
  const next: PlanTask = retestDue
    ? { programId: 'mvc', params: getProgram('mvc').defaults, why: { key: 'plan.next.retest', params: { days: PLAN.retestDays } } }
    : train;

  const sources: SourceRef[] = [SRC.nff, SRC.nffTrial, SRC.start, SRC.threeADay];
  if (retestDue) sources.push(SRC.retest);
  if (physio) sources.push(SRC.physio, SRC.twoMonths, SRC.error);
  if (maintain) sources.push(SRC.maintenance, SRC.maintenanceTrial);

  return {
    phase: maintain ? 'maintain' : 'build',
    week,
    level,
    next,
    sets,
    retestDue,
    heldBack,
    physio,
    maintenance: maintain ? { key: 'plan.maintenance' } : null,
    mvc,
    last,
    sources,
  };
}
