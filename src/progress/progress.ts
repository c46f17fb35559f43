/**
 * Progress over weeks, from what the journal keeps of every session (its outcome: results,
 * summary, calibrations; no samples). Pure: the Progress screen, the report and the tests run
 * the same functions. Method and meaning of each series: docs/progress.md.
 */
import type { Message } from '../i18n/messages';
import type { SessionOutcome } from '../journal/journal';
import { getProgram, isProgramId } from '../programs/catalog';
import { summarize } from '../programs/summary';
import type { PerfectProfile, RepResult, ScoredRep } from '../programs/types';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Endurance counts the seconds a squeeze stays above this share of the MVC (protocols.md: 60 %, some apps 75 %). */
export const ENDURANCE_LEVEL = 0.6;
/** The adherence calendar shows this many weeks, the current one last. */
export const ADHERENCE_WEEKS = 4;
/** Below this many days between the first and the last week, the summary counts days, not weeks. */
const SPAN_IN_DAYS_BELOW = 14;

/** Strongest squeeze of a week: from a strength test (or the PERFECT power squeeze), else the best training peak. */
export interface StrongestSqueeze {
  readonly cmH2O: number;
  readonly source: 'test' | 'peak';
}

/** One week with at least one session; weeks without any are left out (the x axis is the week number). */
export interface WeekPoint {
  /** 0-based weeks since the week (Monday to Sunday, local time) of the first session. */
  readonly week: number;
  /** Local Monday 00:00 of the week, ms since the epoch. */
  readonly startMs: number;
  readonly sessions: number;
  readonly strongest: StrongestSqueeze | null;
  /** Longest time above 60 % of the MVC in one squeeze that week, s. */
  readonly enduranceS: number | null;
  /** Mean score of the training reps, 0–100. */
  readonly averageScore: number | null;
  /**
   * Strength kept to the end of a set: the last squeeze's peak as % of the first, at most 100,
   * averaged over the training sets. A last squeeze stronger than the first is no tiring (the
   * first was not the strongest), and a patient reads "100 % kept" where a fatigue index of −20 %
   * puzzles.
   */
  readonly strengthKeptPct: number | null;
}

export interface PerfectPoint {
  readonly atMs: number;
  readonly week: number;
  readonly profile: PerfectProfile;
}

export interface DayCount {
  /** Local midnight, ms since the epoch. */
  readonly dayStartMs: number;
  /** Training sets done that day; null for a day still to come. */
  readonly sets: number | null;
}

export interface Progress {
  readonly sessions: number;
  readonly weeks: readonly WeekPoint[];
  readonly perfect: readonly PerfectPoint[];
  /** ADHERENCE_WEEKS full weeks, Monday first, ending with the current week. */
  readonly adherence: readonly DayCount[];
  /** One plain sentence about the strongest squeeze over time. */
  readonly summary: Message;
}

/** Local midnight of the day of `ms`. */
export function dayStart(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Local Monday 00:00 of the week of `ms`. */
export function weekStart(ms: number): number {
  const d = new Date(dayStart(ms));
  const sinceMonday = (d.getDay() + 6) % 7;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - sinceMonday).getTime();
}

const mean = (xs: readonly number[]): number | null => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const max = (xs: readonly number[]): number | null => (xs.length > 0 ? Math.max(...xs) : null);

/** The reps a squeeze cue asked for (not extras between cues). */
export function cuedReps(results: readonly RepResult[]): ScoredRep[] {
  return results.flatMap((r) => (r.kind === 'rep' && r.rep.role === 'cued' ? [r.rep] : []));
}

/** Strength figures leave strained reps out: their peak is abdominal pressure, not the squeeze. */
const unstrained = (reps: readonly ScoredRep[]) => reps.filter((r) => r.straining !== true);

const isTraining = (o: SessionOutcome) => o.meta.programId !== null && isProgramId(o.meta.programId) && getProgram(o.meta.programId).kind === 'training';

/** Maximal squeezes a test measured in this session: strength test, calibrations, the PERFECT power squeeze. */
function testedMvc(o: SessionOutcome): number | null {
  const values = o.calibrations.filter((c) => c.source === 'test').map((c) => c.cmH2O);
  if (o.summary?.measuredMvcCmH2O != null) values.push(o.summary.measuredMvcCmH2O);
  if (o.summary?.perfect?.powerCmH2O != null) values.push(o.summary.perfect.powerCmH2O);
  return max(values.filter((v) => v > 0));
}

function bestPeak(o: SessionOutcome): number | null {
  return max(unstrained(cuedReps(o.results)).map((r) => r.peakCmH2O));
}

/**
 * Seconds a rep stayed above `level` cmH2O (above rest), from its measures alone: the hold (full
 * width at half maximum) counts in full when even its last second (peak × (1 − hold fade)) is
 * above the level; when it faded through the level, the share above it, taking the fade as
 * linear from the peak to the last second.
 */
export function secondsAbove(rep: Pick<ScoredRep, 'peakCmH2O' | 'holdFade' | 'durationMs'>, level: number): number {
  const holdS = Math.max(0, rep.durationMs) / 1000;
  if (rep.peakCmH2O < level) return 0;
  const end = rep.peakCmH2O * (1 - Math.max(0, rep.holdFade));
  if (end >= level) return holdS;
  return (holdS * (rep.peakCmH2O - level)) / (rep.peakCmH2O - end);
}

/** The MVC a session's squeezes are measured against: the one it was scored with, else what it measured. */
function sessionMvc(o: SessionOutcome): number | null {
  return o.meta.mvcCmH2O ?? o.summary?.mvc?.cmH2O ?? testedMvc(o) ?? bestPeak(o);
}

/** Longest time above 60 % of the session's MVC in one unstrained cued squeeze, s. */
export function enduranceOf(o: SessionOutcome): number | null {
  const mvc = sessionMvc(o);
  const reps = unstrained(cuedReps(o.results));
  if (mvc === null || mvc <= 0 || reps.length === 0) return null;
  return Math.max(...reps.map((r) => secondsAbove(r, ENDURANCE_LEVEL * mvc)));
}

/** Sets of a training session with at least one squeeze done (a stopped set counts once begun). */
export function setsDone(o: SessionOutcome): number {
  if (!isTraining(o)) return 0;
  return new Set(o.results.flatMap((r) => (r.kind === 'rep' && r.rep.role === 'cued' ? [r.set] : []))).size;
}

/** Share of its first squeeze's peak that each training set with at least 2 unstrained squeezes kept to its last (≤ 1). */
function setsKept(o: SessionOutcome): number[] {
  if (!isTraining(o)) return [];
  const bySet = new Map<number, RepResult[]>();
  for (const r of o.results) bySet.set(r.set, [...(bySet.get(r.set) ?? []), r]);
  return [...bySet.values()].flatMap((rs) => {
    const f = summarize(rs, null).fatigue;
    return f === null ? [] : [Math.min(1, 1 - f)];
  });
}

/** A completed PERFECT assessment's profile (a stopped one would understate the parts not done). */
export function perfectOf(o: SessionOutcome): PerfectProfile | null {
  return o.meta.programId === 'perfect' && o.summary?.completed ? o.summary.perfect : null;
}

function strongestOf(group: readonly SessionOutcome[]): StrongestSqueeze | null {
  const tested = max(group.flatMap((o) => testedMvc(o) ?? []));
  if (tested !== null) return { cmH2O: tested, source: 'test' };
  const peak = max(group.flatMap((o) => bestPeak(o) ?? []));
  return peak !== null && peak > 0 ? { cmH2O: peak, source: 'peak' } : null;
}

const weekIndex = (ms: number, firstWeekMs: number) => Math.round((weekStart(ms) - firstWeekMs) / WEEK_MS);

/** Every series of the Progress screen, from the journal's outcomes (any order), as of `nowMs`. */
export function computeProgress(outcomes: readonly SessionOutcome[], nowMs: number): Progress {
  const sorted = [...outcomes].sort((a, b) => a.meta.startedAtMs - b.meta.startedAtMs);
  const firstWeekMs = sorted.length > 0 ? weekStart(sorted[0].meta.startedAtMs) : weekStart(nowMs);
  const byWeek = new Map<number, SessionOutcome[]>();
  for (const o of sorted) {
    const w = weekIndex(o.meta.startedAtMs, firstWeekMs);
    byWeek.set(w, [...(byWeek.get(w) ?? []), o]);
  }
  const weeks = [...byWeek.entries()].map(([week, group]): WeekPoint => {
    const training = group.filter(isTraining);
    const score = mean(training.flatMap((o) => cuedReps(o.results).map((r) => r.score)));
    const kept = mean(group.flatMap(setsKept));
    return {
      week,
      startMs: weekStart(group[0].meta.startedAtMs),
      sessions: group.length,
      strongest: strongestOf(group),
      enduranceS: max(group.flatMap((o) => enduranceOf(o) ?? [])),
      averageScore: score,
      strengthKeptPct: kept === null ? null : 100 * kept,
    };
  });
  const perfect = sorted.flatMap((o) => {
    const profile = perfectOf(o);
    return profile ? [{ atMs: o.meta.startedAtMs, week: weekIndex(o.meta.startedAtMs, firstWeekMs), profile }] : [];
  });
  return { sessions: sorted.length, weeks, perfect, adherence: adherence(sorted, nowMs), summary: summarySentence(sorted.length, weeks, sorted) };
}

/** Training sets per day over the last ADHERENCE_WEEKS weeks (Monday to Sunday), today's week last. */
export function adherence(outcomes: readonly SessionOutcome[], nowMs: number): DayCount[] {
  const today = dayStart(nowMs);
  const first = weekStart(nowMs) - (ADHERENCE_WEEKS - 1) * WEEK_MS;
  const counts = new Map<number, number>();
  for (const o of outcomes) {
    const day = dayStart(o.meta.startedAtMs);
    counts.set(day, (counts.get(day) ?? 0) + setsDone(o));
  }
  const first0 = new Date(first);
  return Array.from({ length: ADHERENCE_WEEKS * 7 }, (_, i) => {
    const day = new Date(first0.getFullYear(), first0.getMonth(), first0.getDate() + i).getTime();
    return { dayStartMs: day, sets: day > today ? null : (counts.get(day) ?? 0) };
  });
}

function spanMessage(ms: number): Message {
  const days = Math.max(1, Math.round(ms / DAY_MS));
  if (days < SPAN_IN_DAYS_BELOW) return days === 1 ? { key: 'progress.span.day' } : { key: 'progress.span.days', params: { count: days } };
  return { key: 'progress.span.weeks', params: { count: Math.round(days / 7) } };
}

/**
 * "Your strongest squeeze went from 22 to 31 cmH2O in 6 weeks.": the first week's strongest
 * squeeze against the last week's, over the time between the first and the last session.
 */
function summarySentence(sessions: number, weeks: readonly WeekPoint[], sorted: readonly SessionOutcome[]): Message {
  if (sessions === 0) return { key: 'progress.summary.none' };
  const measured = weeks.filter((w) => w.strongest !== null);
  if (measured.length === 0) return { key: 'progress.summary.noSqueeze' };
  const first = measured[0];
  const last = measured[measured.length - 1];
  if (measured.length === 1) return { key: 'progress.summary.first', params: { value: Math.round(last.strongest?.cmH2O ?? 0) } };
  const inWeek = (w: WeekPoint) => sorted.filter((o) => weekStart(o.meta.startedAtMs) === w.startMs);
  const span = inWeek(last).at(-1)!.meta.startedAtMs - inWeek(first)[0].meta.startedAtMs;
  return {
    key: 'progress.summary.change',
    params: { from: Math.round(first.strongest?.cmH2O ?? 0), to: Math.round(last.strongest?.cmH2O ?? 0), span: spanMessage(span) },
  };
}
