/**
 * What a training session hands its journal, the moment it exists. The journal (src/journal)
 * decides how and when it reaches storage; a session with no journal keeps everything in memory.
 */
import type { CueKind, SampleBatch } from '../pipeline/types';
import type { BlockSummary, MvcValue, ProgramId, ProgramParams, RepResult, SessionSummary } from '../programs/types';

export interface SessionStart {
  readonly startedAtMs: number;
  readonly device: { readonly name: string | null; readonly profile: string | null; readonly simulated: boolean };
  readonly mvcCmH2O: number | null;
}

/** Enough to continue an interrupted program where it stopped. */
export interface ResumePoint {
  readonly programId: ProgramId;
  readonly params: ProgramParams;
  /** The first step not yet done. */
  readonly nextStep: number;
}

export type JournalEntry =
  | { readonly kind: 'cue'; readonly tMs: number; readonly cue: CueKind }
  /** Samples stopped ('start', at the last sample before) or came back ('end', at the first after). */
  | { readonly kind: 'gap'; readonly tMs: number; readonly edge: 'start' | 'end' }
  | { readonly kind: 'result'; readonly tMs: number; readonly result: RepResult }
  | { readonly kind: 'set'; readonly tMs: number; readonly set: number; readonly summary: BlockSummary }
  | { readonly kind: 'summary'; readonly tMs: number; readonly summary: SessionSummary }
  | { readonly kind: 'calibration'; readonly tMs: number; readonly mvc: MvcValue };

export interface SessionPatch {
  readonly programId?: ProgramId | null;
  readonly params?: ProgramParams | null;
  readonly settings?: Readonly<Record<string, boolean | number | string>>;
  readonly mvcCmH2O?: number | null;
  readonly repsJudged?: number;
  readonly resume?: ResumePoint | null;
  readonly device?: SessionStart['device'];
}

export interface SessionJournal {
  samples(batch: SampleBatch): void;
  /** Samples stopped (a gap) or a set ended: everything buffered or queued goes to storage now. */
  flush(): void;
  record(entry: JournalEntry): void;
  describe(patch: SessionPatch): void;
  end(): void;
}

/** Opens the journal of one session. */
export type JournalOpener = (start: SessionStart) => SessionJournal;
