/**
 * The training journal's IndexedDB schema: what a session keeps on the device while it runs, so
 * a crash or a closed tab loses at most the last second of it.
 *
 * Versioned: a later version bumps JOURNAL_DB_VERSION and adds an `if (oldVersion < 2)` step to
 * upgradeJournal; existing steps are never edited, so every old database walks the same path.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { CueKind } from '../pipeline/types';
import type { BlockSummary, MvcValue, ProgramId, ProgramParams, RepResult, SessionSummary } from '../programs/types';

export const JOURNAL_DB_NAME = 'pft-journal';
export const JOURNAL_DB_VERSION = 1;

/** Plain JSON, for what has no app type yet (settings, the resume state, notes). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

export type SessionStatus = 'active' | 'ended' | 'interrupted';

export interface SessionDevice {
  /** As shown to the user (the device's advertised name, or "Simulated sensor"). */
  readonly name: string;
  /** DeviceProfile.id. */
  readonly profile: string;
  readonly simulated: boolean;
}

/** One row of the `sessions` store. */
export interface SessionMeta {
  readonly id: string;
  /** Wall clock, ms since the epoch. */
  readonly startedAtMs: number;
  /** Wall clock of the last change to this row. */
  readonly updatedAtMs: number;
  readonly endedAtMs: number | null;
  /** 'active' while it runs; still 'active' at the next start means the app died: 'interrupted'. */
  readonly status: SessionStatus;
  /** null: a free session (no program). */
  readonly programId: ProgramId | null;
  readonly params: ProgramParams | null;
  /** Cue preferences and the like, as a plain object. */
  readonly settings: JsonObject;
  /** The MVC the session is scored against, cmH2O; null while none is known. */
  readonly mvcCmH2O: number | null;
  readonly device: SessionDevice;
  /** Reps scored so far. */
  readonly repsJudged: number;
  /** Opaque to the journal: what the session needs to continue a program (step index etc.). */
  readonly resume: JsonObject | null;
}

/** Samples as the journal takes them; one chunk holds about a second of stream time. */
export interface JournalChunk {
  /** Stream time, ms. */
  readonly t: Float64Array;
  /** Main channel, cmH2O. */
  readonly p: Float32Array;
  /** Reference channel (NaN: missing reading), null when none of these samples has one. */
  readonly ref: Float32Array | null;
}

/** One row of the `chunks` store, key [sessionId, seq]. */
export interface StoredChunk extends JournalChunk {
  readonly sessionId: string;
  /** 0, 1, 2, … in stream order within the session. */
  readonly seq: number;
}

/** What a session writes besides samples, on its stream time `tMs`. */
export type JournalEvent =
  /** A cue the user was given (the CSV `cue` column). */
  | { readonly kind: 'cue'; readonly tMs: number; readonly data: { readonly cue: CueKind } }
  /** The link dropped ('start') or came back ('end'); the samples have a hole in between. */
  | { readonly kind: 'gap'; readonly tMs: number; readonly data: { readonly edge: 'start' | 'end' } }
  /** One line of the rep results: a scored rep or a missed cue. */
  | { readonly kind: 'result'; readonly tMs: number; readonly data: RepResult }
  /** A set ended (0-based index). */
  | { readonly kind: 'set'; readonly tMs: number; readonly data: { readonly index: number; readonly summary: BlockSummary } }
  /** The session's summary, when the program ended or was stopped. */
  | { readonly kind: 'summary'; readonly tMs: number; readonly data: SessionSummary }
  /** An MVC became known (strength test, or an estimate). */
  | { readonly kind: 'calibration'; readonly tMs: number; readonly data: MvcValue }
  /** Anything else worth keeping; free-form. */
  | { readonly kind: 'note'; readonly tMs: number; readonly data: JsonValue };

export type JournalEventKind = JournalEvent['kind'];

/** One row of the `events` store: the event, its session, and its auto-increment key. */
export type StoredEvent = JournalEvent & { readonly sessionId: string; readonly id?: number };

export interface JournalSchema extends DBSchema {
  sessions: { key: string; value: SessionMeta };
  chunks: { key: [string, number]; value: StoredChunk };
  events: { key: number; value: StoredEvent; indexes: { bySession: string } };
}

export type JournalDb = IDBPDatabase<JournalSchema>;
/** The version-change transaction: a later step migrates existing rows through it. */
export type JournalUpgradeTx = IDBPTransaction<JournalSchema, StoreNames<JournalSchema>[], 'versionchange'>;

/** Brings a database from `oldVersion` (0: new) to JOURNAL_DB_VERSION. */
export function upgradeJournal(db: JournalDb, oldVersion: number, _tx: JournalUpgradeTx): void {
  if (oldVersion < 1) {
    db.createObjectStore('sessions', { keyPath: 'id' });
    db.createObjectStore('chunks', { keyPath: ['sessionId', 'seq'] });
    const events = db.createObjectStore('events', { keyPath: 'id', autoIncrement: true });
    events.createIndex('bySession', 'sessionId');
  }
}
