/**
 * Contracts of the training programs: what a program is (data), what the runner says while it
 * runs (cues, results, summaries) and what a scored rep carries. No React, no RxJS here.
 */
import type { Message, MessageKey } from '../i18n/messages';
import type { RepMeasures } from '../pipeline/types';

/** Every fault a rep can be scored with, in the order feedback gives them priority. */
export const FAULT_CODES = [
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
export type FaultCode = (typeof FAULT_CODES)[number];

export type ProgramId = 'find' | 'strength' | 'speed' | 'endurance' | 'nff' | 'relax' | 'knack' | 'mvc' | 'perfect';

/** How hard (and how fast) a squeeze is asked for; it selects the target band and what the coach does. */
export type Effort = 'gentle' | 'moderate' | 'max' | 'fast';

/** Parts of a program with a distinct purpose (the PERFECT assessment has four). */
export type PhaseId = 'main' | 'power' | 'endurance' | 'repetitions' | 'fast';

/**
 * One fault rule on one measured value: the fault threshold, and the two anchors of the 0–1
 * quality ramp used for the score (ideal → 1, threshold → 0.5, worst → 0). Whether higher is
 * better follows from ideal vs threshold.
 */
export interface RuleSpec {
  readonly threshold: number;
  readonly ideal: number;
  readonly worst: number;
}

/** The rules a program judges; an absent code is not judged for that program. */
export type FaultRules = { readonly [F in FaultCode]?: RuleSpec };

/** Adjustable parameters of a program; times in ms. */
export interface ProgramParams {
  readonly holdMs: number;
  /** Rest after each squeeze (at least as long as the hold, say the source documents). */
  readonly restMs: number;
  readonly reps: number;
  readonly sets: number;
  /** Rest between sets. */
  readonly setRestMs: number;
  /** Quick squeezes at the end of each hold (Bø's progression). */
  readonly flicks: number;
}

export type ParamField = 'holdMs' | 'restMs' | 'reps' | 'sets';

/** Safe ranges of the adjustable parameters, inclusive. */
export type ParamBounds = { readonly [F in ParamField]: readonly [number, number] };

/** A seed document (000–004, shared/seeds) or a clinical reference (shared/reference/protocols.md). */
export type SourceDoc = '000' | '001' | '002' | '003' | '004' | 'bo1999' | 'laycock2001' | 'perineometry' | 'trainers' | 'miller1998';

/** Where a program's numbers come from: the document, and what it says (a catalog message). */
export interface SourceRef {
  readonly doc: SourceDoc;
  readonly cite: MessageKey;
}

export interface ProgramDef {
  readonly id: ProgramId;
  readonly kind: 'training' | 'assessment';
  readonly effort: Effort;
  readonly defaults: ProgramParams;
  /** null: a fixed protocol (assessments), not adjustable. */
  readonly bounds: ParamBounds | null;
  readonly rules: FaultRules;
  readonly sources: readonly SourceRef[];
  /** The Knack: a "cough" cue this long after each squeeze cue, within the hold, ms. */
  readonly coughAfterMs?: number;
}

/** One squeeze of a planned session, and the rest after it. */
export interface PlanStep {
  readonly phase: PhaseId;
  /** 0-based set and rep within the set. */
  readonly set: number;
  readonly repInSet: number;
  readonly holdMs: number;
  /** Rest after this squeeze; after the last rep of a set this is the rest between sets. */
  readonly restMs: number;
  readonly effort: Effort;
  readonly flicks: number;
  /** Hold and rest are the hold measured in this earlier phase (PERFECT "Repetitions"). */
  readonly holdFromPhase?: PhaseId;
  /** A "cough" cue this long after the squeeze cue (the Knack), ms. */
  readonly coughAtMs?: number;
}

/** How a rep relates to the cues: the first rep after a squeeze cue, a further one, or none. */
export type RepRole = 'cued' | 'extra' | 'free';

export interface ScoredRep extends RepMeasures {
  /** 0–100: fault-free reps 60–100, reps with a fault below 50. */
  readonly score: number;
  readonly faults: readonly FaultCode[];
  /** One plain-language sentence: a catalog message the UI translates. */
  readonly feedback: Message;
  /** Index of the squeeze cue the rep belongs to (0-based), null if it follows none. */
  readonly cueIndex: number | null;
  readonly role: RepRole;
}

/** What the runner tells cue outputs and the virtual user, on stream time. */
export type ProgramCue =
  | { readonly kind: 'start'; readonly tMs: number; readonly leadInMs: number }
  | {
      readonly kind: 'squeeze';
      readonly tMs: number;
      /** Index of the squeeze in the session (0-based). */
      readonly step: number;
      readonly holdMs: number;
      readonly restMs: number;
      readonly effort: Effort;
      readonly flicks: number;
      /** Faults this squeeze is judged on (a person knows what is asked of them). */
      readonly judged: readonly FaultCode[];
      readonly assessment: boolean;
      /** The Knack: the "cough" cue comes this long after this one, ms. */
      readonly coughAtMs?: number;
    }
  /** The Knack: cough now, holding the squeeze through it. */
  | { readonly kind: 'cough'; readonly tMs: number; readonly step: number }
  | { readonly kind: 'relax'; readonly tMs: number; readonly step: number; readonly restMs: number }
  | { readonly kind: 'end'; readonly tMs: number; readonly completed: boolean };

/** One line of the "Rep results" list: a scored rep, or a squeeze cue nobody followed. */
export type RepResult =
  | { readonly kind: 'rep'; readonly set: number; readonly phase: PhaseId; readonly rep: ScoredRep }
  | { readonly kind: 'missed'; readonly set: number; readonly phase: PhaseId; readonly cueIndex: number; readonly cueMs: number }
  /**
   * The sensor was lost during this squeeze: what was measured up to the gap (null: nothing yet),
   * not judged. `stopped`: the user pressed Stop during it instead (nothing measured).
   */
  | {
      readonly kind: 'cut';
      readonly set: number;
      readonly phase: PhaseId;
      readonly cueIndex: number;
      readonly cueMs: number;
      readonly rep: RepMeasures | null;
      readonly stopped?: true;
    };

/**
 * A set, or the whole session. Peaks and fatigue are over the cued reps that were not strained;
 * peaks in % of MVC are null while no MVC is known.
 */
export interface BlockSummary {
  readonly repsDone: number;
  readonly missed: number;
  /** Squeezes cut short by a lost sensor (not judged). */
  readonly cut: number;
  readonly averageScore: number | null;
  readonly bestPeakCmH2O: number | null;
  readonly bestPeakPctMvc: number | null;
  readonly averagePeakPctMvc: number | null;
  /** Sum of the hold durations (full width at half maximum), ms. */
  readonly totalHoldMs: number;
  /** (first peak − last peak) / first peak; null with fewer than 2 reps. */
  readonly fatigue: number | null;
  readonly faults: { readonly [F in FaultCode]: number };
  /** The fault to work on next time (most frequent), null if none. */
  readonly focus: FaultCode | null;
}

export type MvcSource = 'test' | 'estimate';

export interface MvcValue {
  readonly cmH2O: number;
  readonly source: MvcSource;
}

/** PERFECT profile (Laycock & Jerwood 2001), as measured with pressure. */
export interface PerfectProfile {
  /** Best peak of the power squeeze, cmH2O above rest. */
  readonly powerCmH2O: number | null;
  /** Seconds held (up to 10). */
  readonly enduranceS: number;
  /** Repetitions of that hold that were held (up to 10). */
  readonly repetitions: number;
  /** Fast 1-s squeezes that reached at least half the power (up to 10). */
  readonly fast: number;
}

export interface SessionSummary {
  readonly programId: ProgramId;
  /** What the program ran with (absent in sessions journaled before it was kept). */
  readonly params?: ProgramParams;
  /** Continued after an interruption: the first step this run gave (absent: it began at the start). */
  readonly fromStep?: number;
  readonly completed: boolean;
  readonly sets: readonly BlockSummary[];
  readonly session: BlockSummary;
  /** The MVC the session was scored against (null: none yet). */
  readonly mvc: MvcValue | null;
  /** MVC test only: the best squeeze of the test that counts (held, not strained). */
  readonly measuredMvcCmH2O: number | null;
  readonly perfect: PerfectProfile | null;
}
