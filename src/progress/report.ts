/**
 * The report for a physiotherapist: the latest PERFECT profile, Glazer-style measures of the
 * latest assessment (where its data has them), the strongest squeeze over time, adherence and
 * faults by kind. Pure; the report page only lays it out. Definitions: docs/progress.md.
 */
import type { Message, MessageKey } from '../i18n/messages';
import type { JournalRecording, SessionOutcome } from '../journal/journal';
import { getProgram, isAssessment, isProgramId } from '../programs/catalog';
import { planSteps } from '../programs/plan';
import { LEAD_IN_MS } from '../programs/runner';
import { FAULT_CODES, type FaultCode, type PerfectProfile, type PhaseId, type ScoredRep } from '../programs/types';
import { computeProgress, cuedReps, perfectOf, weekStart, type DayCount, type WeekPoint } from './progress';

/** Rest samples are taken this long after a rep has relaxed (or released, if it never relaxed). */
const SETTLE_MS = 1000;
/** A hold shorter than this (after the rise) has no plateau to average. */
const MIN_HOLD_MS = 500;

export type MeasureId =
  'restLevel' | 'restVariability' | 'quickPeak' | 'riseTime' | 'releaseTime' | 'holdMean' | 'holdSteadiness' | 'enduranceDecline' | 'repetitionFatigue';

export interface ReportMeasure {
  readonly id: MeasureId;
  /** The value with its unit, as a message. */
  readonly value: Message;
}

export interface ReportAssessment {
  readonly id: string;
  readonly atMs: number;
  readonly programId: SessionOutcome['meta']['programId'];
}

export interface Report {
  readonly perfect: { readonly atMs: number; readonly profile: PerfectProfile } | null;
  /** The session the measures and the curve are of; null when no session has squeezes. */
  readonly assessment: ReportAssessment | null;
  readonly measures: readonly ReportMeasure[];
  readonly weeks: readonly WeekPoint[];
  readonly adherence: readonly DayCount[];
  readonly adherenceSummary: Message;
  /** Faults of the squeezes of the adherence weeks, most frequent first; only kinds that occurred. */
  readonly faults: readonly { readonly code: FaultCode; readonly count: number }[];
  readonly summary: Message;
}

/** What each measure is called and its one-line explanation (catalog keys). */
export const MEASURE_TEXT: { readonly [M in MeasureId]: { readonly name: MessageKey; readonly explain: MessageKey } } = {
  restLevel: { name: 'report.m.restLevel', explain: 'report.e.restLevel' },
  restVariability: { name: 'report.m.restVariability', explain: 'report.e.restVariability' },
  quickPeak: { name: 'report.m.quickPeak', explain: 'report.e.quickPeak' },
  riseTime: { name: 'report.m.riseTime', explain: 'report.e.riseTime' },
  releaseTime: { name: 'report.m.releaseTime', explain: 'report.e.releaseTime' },
  holdMean: { name: 'report.m.holdMean', explain: 'report.e.holdMean' },
  holdSteadiness: { name: 'report.m.holdSteadiness', explain: 'report.e.holdSteadiness' },
  enduranceDecline: { name: 'report.m.enduranceDecline', explain: 'report.e.enduranceDecline' },
  repetitionFatigue: { name: 'report.m.repetitionFatigue', explain: 'report.e.repetitionFatigue' },
};

const mean = (xs: readonly number[]): number | null => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function sd(xs: ArrayLike<number>): number | null {
  if (xs.length < 2) return null;
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += xs[i];
  m /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - m) ** 2;
  return Math.sqrt(v / (xs.length - 1));
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}

const assessmentSession = (o: SessionOutcome) => isAssessment(o.meta.programId);

/** The session the report measures: the latest completed PERFECT, else the latest assessment, else the latest session with squeezes. */
export function reportSession(outcomes: readonly SessionOutcome[]): SessionOutcome | null {
  const newest = [...outcomes].sort((a, b) => b.meta.startedAtMs - a.meta.startedAtMs).filter((o) => cuedReps(o.results).length > 0);
  return newest.find((o) => perfectOf(o) !== null) ?? newest.find(assessmentSession) ?? newest[0] ?? null;
}

const inPhases = (o: SessionOutcome, phases: readonly PhaseId[]): ScoredRep[] =>
  o.results.flatMap((r) => (r.kind === 'rep' && r.rep.role === 'cued' && phases.includes(r.phase) ? [r.rep] : []));

/** Squeezes meant to be held (not the quick ones). */
const HOLD_PHASES: readonly PhaseId[] = ['main', 'power', 'endurance', 'repetitions'];

/** Stretches of stream time a rep occupies, from its onset until it settled back to rest. */
function repWindows(reps: readonly ScoredRep[]): [number, number][] {
  return reps.map((r) => [r.onsetMs, (r.relaxedMs ?? r.releaseMs) + SETTLE_MS]);
}

/**
 * When the cue of step `cueIndex` said relax (stream ms), from the session's program and numbers;
 * null when the session does not say which program it ran.
 */
function relaxCueMs(o: SessionOutcome, cueIndex: number, cueMs: number): number | null {
  const { programId, params } = o.meta;
  if (programId === null || params === null || !isProgramId(programId)) return null;
  const step = planSteps(getProgram(programId), params)[cueIndex];
  return step ? cueMs + step.holdMs : null;
}

/** Longer than any rest a program has between its cues (between sets: a minute), ms. */
const PROGRAM_PAUSE_MS = 120_000;

/**
 * The stretches of the recording a program ran in: from the lead-in before a cue to the end of
 * the last squeeze (its relax cue, its release, its relaxing) plus settling, a pause longer than
 * any a program has starting a new stretch. A connection records before and after its programs
 * too, and what the person did then (squeezing freely, a sensor put down) is not their rest.
 */
function programSpans(o: SessionOutcome): [number, number][] {
  const spans: [number, number][] = [];
  const items = o.results
    .map((r) => {
      const start = r.kind === 'rep' ? r.rep.onsetMs : r.cueMs;
      const rep = r.kind === 'missed' ? null : r.rep;
      const cue = r.kind === 'rep' ? r.rep.cueIndex : r.cueIndex;
      const relax = cue === null ? null : relaxCueMs(o, cue, r.kind === 'rep' ? r.rep.onsetMs : r.cueMs);
      return [start, Math.max(rep ? (rep.relaxedMs ?? rep.releaseMs) : start, relax ?? start)] as const;
    })
    .sort((x, y) => x[0] - y[0]);
  for (const [start, end] of items) {
    const last = spans.at(-1);
    if (last && start - last[1] <= PROGRAM_PAUSE_MS) last[1] = Math.max(last[1], end + SETTLE_MS);
    else spans.push([start - LEAD_IN_MS, end + SETTLE_MS]);
  }
  return spans;
}

/**
 * Samples at rest: within the program's stretches (the whole recording when it ran none), outside
 * every rep (all reps, extras too, squeezes cut by the sensor) and every link gap.
 */
function restSamples(o: SessionOutcome, rec: JournalRecording): number[] {
  const spans = programSpans(o);
  const reps = o.results.flatMap((r) => (r.kind === 'rep' ? [r.rep] : []));
  const windows = repWindows(reps);
  // A squeeze the sensor was lost in: from its cue (or its onset, if earlier) until it was over,
  // as far as anyone can tell: the relax cue or the end of the gap that cut it, whichever is
  // later, and settled. The person may have squeezed on through the gap and after it; what was
  // measured of it ends at the gap.
  for (const r of o.results) {
    if (r.kind !== 'cut') continue;
    const gap = rec.gaps.find((g) => g.fromMs >= r.cueMs);
    let end = r.rep?.releaseMs ?? r.cueMs;
    if (gap) end = Math.max(end, gap.toMs ?? Number.POSITIVE_INFINITY);
    end = Math.max(end, relaxCueMs(o, r.cueIndex, r.cueMs) ?? end);
    windows.push([Math.min(r.cueMs, r.rep?.onsetMs ?? r.cueMs), end + SETTLE_MS]);
  }
  const out: number[] = [];
  for (let i = 0; i < rec.t.length; i++) {
    const t = rec.t[i];
    if (spans.length > 0 && !spans.some(([a, b]) => t >= a && t < b)) continue;
    if (windows.some(([a, b]) => t >= a && t < b)) continue;
    if (rec.gaps.some((g) => t >= g.fromMs && (g.toMs === null || t < g.toMs))) continue;
    out.push(rec.p[i]);
  }
  return out;
}

/** Mean pressure above rest over each hold's plateau (from the end of the rise to the release). */
function holdMeans(reps: readonly ScoredRep[], rec: JournalRecording): number[] {
  return reps.flatMap((r) => {
    // A rise that ran into lost samples is known only as a range: its upper end is when the rise
    // was over for sure. Left out: a rep with neither (stored before ranges were kept).
    const from = r.onsetMs + (Number.isFinite(r.riseTimeMs) ? r.riseTimeMs : (r.riseTimeMaxMs ?? Number.NaN));
    if (!(r.releaseMs - from >= MIN_HOLD_MS)) return [];
    let sum = 0;
    let n = 0;
    for (let i = 0; i < rec.t.length; i++) {
      if (rec.t[i] >= from && rec.t[i] <= r.releaseMs) {
        sum += rec.p[i] - r.baselineCmH2O;
        n++;
      }
    }
    return n > 0 ? [sum / n] : [];
  });
}

const cm = (value: number): Message => ({ key: 'report.v.cmH2O', params: { value } });
const seconds = (value: number): Message => ({ key: 'report.v.seconds', params: { value } });
const pct = (value: number): Message => ({ key: 'report.v.pct', params: { value } });

/**
 * Glazer-style measures of one session, where its data has them: rest level and variability
 * need the recording, quick-squeeze peak needs quick squeezes, endurance decline a hold, the
 * fatigue across repetitions the PERFECT repetitions.
 */
export function reportMeasures(o: SessionOutcome, recording: JournalRecording | null): ReportMeasure[] {
  const measures: ReportMeasure[] = [];
  const add = (id: MeasureId, value: Message | null) => value && measures.push({ id, value });
  const all = cuedReps(o.results);
  const holds = inPhases(o, HOLD_PHASES).filter((r) => r.straining !== true);
  const rest = recording && recording.t.length > 0 ? restSamples(o, recording) : [];
  const restLevel = median(rest) ?? mean(all.map((r) => r.baselineCmH2O));
  add('restLevel', restLevel === null ? null : cm(restLevel));
  const variability = sd(rest);
  add('restVariability', variability === null ? null : cm(variability));
  const quick = mean((o.meta.programId === 'speed' ? all : inPhases(o, ['fast'])).map((r) => r.peakCmH2O));
  add('quickPeak', quick === null ? null : cm(quick));
  // A rise lost in a gap has no rise time (NaN).
  const rise = mean(all.flatMap((r) => (Number.isFinite(r.riseTimeMs) ? [r.riseTimeMs] : [])));
  add('riseTime', rise === null ? null : seconds(rise / 1000));
  const release = mean(all.flatMap((r) => (r.relaxedMs === null ? [] : [r.relaxedMs - r.releaseMs])));
  add('releaseTime', release === null ? null : seconds(release / 1000));
  const holdMean = recording ? mean(holdMeans(holds, recording)) : null;
  add('holdMean', holdMean === null ? null : cm(holdMean));
  const steadiness = mean(holds.map((r) => r.steadiness));
  add('holdSteadiness', steadiness === null ? null : pct(100 * steadiness));
  // The endurance squeeze of a PERFECT, else the longest hold.
  const endurance = inPhases(o, ['endurance'])[0] ?? [...holds].sort((a, b) => b.durationMs - a.durationMs)[0];
  add('enduranceDecline', endurance ? pct(100 * Math.max(0, endurance.holdFade)) : null);
  const repetitions = inPhases(o, ['repetitions']).filter((r) => r.straining !== true);
  const firstPeak = repetitions[0]?.peakCmH2O ?? 0;
  add('repetitionFatigue', repetitions.length >= 2 && firstPeak > 0 ? pct((100 * (firstPeak - repetitions.at(-1)!.peakCmH2O)) / firstPeak) : null);
  return measures;
}

/** Everything the report shows, as of `nowMs`; `recording` is the report session's (reportSession), if it could be read. */
export function buildReport(outcomes: readonly SessionOutcome[], recording: JournalRecording | null, nowMs: number): Report {
  const progress = computeProgress(outcomes, nowMs);
  const measured = reportSession(outcomes);
  const latestPerfect = [...outcomes].sort((a, b) => b.meta.startedAtMs - a.meta.startedAtMs).find((o) => perfectOf(o) !== null);
  const since = progress.adherence[0]?.dayStartMs ?? weekStart(nowMs);
  const faults = Object.fromEntries(FAULT_CODES.map((f) => [f, 0])) as Record<FaultCode, number>;
  for (const o of outcomes) {
    if (o.meta.startedAtMs < since) continue;
    for (const r of o.results) if (r.kind === 'rep') for (const f of r.rep.faults) faults[f]++;
  }
  const done = progress.adherence.filter((d) => d.sets !== null);
  const trained = done.filter((d) => (d.sets ?? 0) > 0);
  return {
    perfect: latestPerfect ? { atMs: latestPerfect.meta.startedAtMs, profile: perfectOf(latestPerfect)! } : null,
    assessment: measured ? { id: measured.meta.id, atMs: measured.meta.startedAtMs, programId: measured.meta.programId } : null,
    measures: measured ? reportMeasures(measured, recording) : [],
    weeks: progress.weeks,
    adherence: progress.adherence,
    adherenceSummary: {
      key: 'report.adherence',
      params: { sets: trained.reduce((a, d) => a + (d.sets ?? 0), 0), days: trained.length, of: done.length },
    },
    faults: FAULT_CODES.filter((f) => faults[f] > 0)
      .map((code) => ({ code, count: faults[code] }))
      .sort((a, b) => b.count - a.count),
    summary: progress.summary,
  };
}
