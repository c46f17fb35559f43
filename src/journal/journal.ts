/**
 * The training journal: everything a session measures, written to IndexedDB as it happens.
 *
 * Every write is its own transaction, created at the call and committed right away, so a crash
 * loses only what was not yet handed to the journal (the chunker's last second). Writes never
 * throw into the caller's stream: a failure is reported once per session through onProblem, with
 * a message key, and the session keeps running in memory.
 */
import { wrap } from 'idb';
import type { Cue } from '../pipeline/types';
import type { MvcValue, RepResult, SessionSummary } from '../programs/types';
import type { Recording } from '../recording/csv';
import {
  JOURNAL_DB_NAME,
  JOURNAL_DB_VERSION,
  type JournalChunk,
  type JournalDb,
  type JournalEvent,
  type JournalUpgradeTx,
  type SessionMeta,
  type StoredChunk,
  type StoredEvent,
  upgradeJournal,
} from './schema';

export type JournalProblemKey = 'journal.full' | 'journal.unavailable';

export interface JournalProblem {
  readonly key: JournalProblemKey;
  /** The session whose writes stopped; null when the journal as a whole is unavailable. */
  readonly sessionId: string | null;
  /** The browser's error, for logs (not for the user). */
  readonly detail: string;
}

/** What a session is begun with; the journal fills in id, times, status and counters. */
export type NewSession = Omit<SessionMeta, 'id' | 'updatedAtMs' | 'endedAtMs' | 'status' | 'repsJudged' | 'resume'> &
  Partial<Pick<SessionMeta, 'repsJudged' | 'resume'>>;

/** What a running session may change about itself. */
export type SessionPatch = Partial<Pick<SessionMeta, 'status' | 'repsJudged' | 'resume' | 'mvcCmH2O' | 'settings' | 'params' | 'programId'>>;

/** A stretch of stream time without samples because the link dropped; toMs null: never came back. */
export interface RecordingGap {
  readonly fromMs: number;
  readonly toMs: number | null;
}

/** A Recording (saveable as CSV) with the link drops that explain its holes. */
export interface JournalRecording extends Omit<Recording, 'gaps'> {
  readonly gaps: readonly RecordingGap[];
}

/**
 * What a session came to, without its samples: enough for the plan, progress and the report.
 * Events are in the order they were written; cues and gaps are left out (they follow the samples).
 */
export interface SessionOutcome {
  readonly meta: SessionMeta;
  /** The session's last summary (null: it ended before the program did, or was a free session). */
  readonly summary: SessionSummary | null;
  /** Every program run's summary, in the order they ended (one connection can run several programs). */
  readonly summaries: readonly SessionSummary[];
  readonly results: readonly RepResult[];
  /** MVCs that became known during the session. */
  readonly calibrations: readonly MvcValue[];
}

export interface LoadedSession {
  readonly meta: SessionMeta;
  readonly recording: JournalRecording;
  /** Every event, in the order it was written. */
  readonly events: readonly StoredEvent[];
}

/** A session whole, as the data file carries it: its row, its samples in seq order, its events in written order. */
export interface SessionData {
  readonly meta: SessionMeta;
  readonly chunks: readonly JournalChunk[];
  readonly events: readonly JournalEvent[];
}

/** One session read for export; data null: it could not be read (reported). */
export interface ExportedSession {
  readonly id: string;
  readonly data: SessionData | null;
}

export interface ImportOutcome {
  /** Sessions written. */
  readonly added: number;
  /** Sessions whose id was already here: the one here is kept, untouched. */
  readonly present: number;
  /** False: a write failed (reported); what this import had added was removed again. */
  readonly ok: boolean;
}

export interface Journal {
  /** False for the journal that keeps nothing (IndexedDB unavailable). */
  readonly persistent: boolean;
  /** The first problem so far, or null. */
  readonly problem: JournalProblem | null;
  /** Calls `listener` on every problem (at once with the current one, if any); returns unsubscribe. */
  onProblem(listener: (problem: JournalProblem) => void): () => void;
  /** Writes the session's row ('active') and resolves with its id (also when the write failed). */
  beginSession(meta: NewSession): Promise<string>;
  /** The following methods resolve true once committed, false when not written; they never reject. */
  appendChunk(sessionId: string, chunk: JournalChunk): Promise<boolean>;
  appendEvent(sessionId: string, event: JournalEvent): Promise<boolean>;
  updateSession(sessionId: string, patch: SessionPatch): Promise<boolean>;
  endSession(sessionId: string, endedAtMs: number): Promise<boolean>;
  /** Newest first; [] when the journal cannot be read (reported). */
  listSessions(): Promise<SessionMeta[]>;
  /** null when there is no such session, or it cannot be read (reported). */
  loadSession(sessionId: string): Promise<LoadedSession | null>;
  /** Every session with what it came to, newest first; [] when the journal cannot be read (reported). */
  listOutcomes(): Promise<SessionOutcome[]>;
  /** Removes the row, its samples and its events in one transaction. */
  deleteSession(sessionId: string): Promise<boolean>;
  /**
   * At startup, sessions still 'active' (the app was closed while the sensor was connected): one
   * in the middle of a program (it has a resume point) becomes 'interrupted', the others (their
   * program had finished, or there was none) 'ended', at their last change. Returns the
   * interrupted ones, newest first.
   */
  markInterrupted(): Promise<SessionMeta[]>;
  /** Every session with its samples and events, newest first, one at a time (so months of data never sit in memory at once). */
  exportSessions(): AsyncGenerator<ExportedSession>;
  /**
   * Adds sessions, each in one transaction (whole or not at all). A session whose id is here
   * already is left as it is; 'active' ones become 'interrupted' (they are not running here).
   * When a write fails the sessions this call added are removed again, so the journal is as it was;
   * the same when `sessions` throws (then this rejects with its error).
   */
  importSessions(sessions: AsyncIterable<SessionData> | Iterable<SessionData>): Promise<ImportOutcome>;
  /** Removes every session, sample and event in one transaction; sessions still recording write nothing more. */
  deleteAll(): Promise<boolean>;
  close(): void;
}

/**
 * Opens the journal on `factory` (default: the browser's indexedDB). Never rejects: without
 * IndexedDB (private browsing, blocked storage) it resolves to a journal that keeps nothing and
 * reports 'journal.unavailable'.
 */
export async function openJournal(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<Journal> {
  if (factory === undefined) return new MemoryOnlyJournal('no IndexedDB in this browser');
  try {
    const request = factory.open(JOURNAL_DB_NAME, JOURNAL_DB_VERSION);
    request.addEventListener('upgradeneeded', (event) => {
      upgradeJournal(wrap(request.result) as JournalDb, event.oldVersion, wrap(request.transaction!) as unknown as JournalUpgradeTx);
    });
    const db = (await wrap(request)) as unknown as JournalDb;
    return new IdbJournal(db);
  } catch (e) {
    return new MemoryOnlyJournal(describe(e));
  }
}

/**
 * Asks the browser not to evict the journal under storage pressure. Resolves whether that was
 * granted; false where the API is missing or refuses. Never throws.
 */
export async function requestPersistence(): Promise<boolean> {
  try {
    const storage = globalThis.navigator?.storage;
    if (!storage || typeof storage.persist !== 'function') return false;
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

function describe(e: unknown): string {
  if (e instanceof Error || e instanceof DOMException) return `${e.name}: ${e.message}`;
  return String(e);
}

function problemKey(e: unknown): JournalProblemKey {
  return typeof e === 'object' && e !== null && 'name' in e && e.name === 'QuotaExceededError' ? 'journal.full' : 'journal.unavailable';
}

function newId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

const byNewest = (a: SessionMeta, b: SessionMeta) => b.startedAtMs - a.startedAtMs || (a.id < b.id ? 1 : -1);

/** Reports problems: the first one is kept as `problem`, each session reports once. */
class ProblemReporter {
  problem: JournalProblem | null = null;
  private readonly listeners = new Set<(p: JournalProblem) => void>();

  onProblem(listener: (problem: JournalProblem) => void): () => void {
    this.listeners.add(listener);
    if (this.problem) listener(this.problem);
    return () => this.listeners.delete(listener);
  }

  report(problem: JournalProblem): void {
    this.problem ??= problem;
    for (const l of this.listeners) {
      try {
        l(problem);
      } catch {
        // A listener's bug must not reach the sample stream either.
      }
    }
  }
}

/** Keeps nothing: what the app gets when IndexedDB cannot be opened. */
class MemoryOnlyJournal implements Journal {
  readonly persistent = false;
  private readonly reporter = new ProblemReporter();

  constructor(detail: string) {
    this.reporter.report({ key: 'journal.unavailable', sessionId: null, detail });
  }

  get problem(): JournalProblem | null {
    return this.reporter.problem;
  }

  onProblem(listener: (problem: JournalProblem) => void): () => void {
    return this.reporter.onProblem(listener);
  }

  beginSession(): Promise<string> {
    return Promise.resolve(newId());
  }

  appendChunk(): Promise<boolean> {
    return Promise.resolve(false);
  }

  appendEvent(): Promise<boolean> {
    return Promise.resolve(false);
  }

  updateSession(): Promise<boolean> {
    return Promise.resolve(false);
  }

  endSession(): Promise<boolean> {
    return Promise.resolve(false);
  }

  listSessions(): Promise<SessionMeta[]> {
    return Promise.resolve([]);
  }

  loadSession(): Promise<LoadedSession | null> {
    return Promise.resolve(null);
  }

  listOutcomes(): Promise<SessionOutcome[]> {
    return Promise.resolve([]);
  }

  deleteSession(): Promise<boolean> {
    return Promise.resolve(false);
  }

  markInterrupted(): Promise<SessionMeta[]> {
    return Promise.resolve([]);
  }

  /** Nothing is kept, so nothing to export. */
  async *exportSessions(): AsyncGenerator<ExportedSession> {}

  importSessions(): Promise<ImportOutcome> {
    return Promise.resolve({ added: 0, present: 0, ok: false });
  }

  deleteAll(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): void {}
}

type AnyTx = { readonly done: Promise<void>; commit(): void; abort(): void };

/** Attach a handler to tx.done at once, so a failing transaction is never an unhandled rejection. */
function guarded<T extends AnyTx>(tx: T): T {
  tx.done.catch(() => {});
  return tx;
}

function commitNow(tx: AnyTx): void {
  // Explicit commit: no waiting for the end of the task before the data is on its way to disk.
  try {
    if (typeof tx.commit === 'function') tx.commit();
  } catch {
    // Already finishing, or aborted: tx.done tells how it ended.
  }
}

function abortQuietly(tx: AnyTx | null): void {
  try {
    tx?.abort();
  } catch {
    // Already finished or aborted.
  }
}

/** Keys of every chunk of one session, in seq order. */
function chunkRange(sessionId: string): IDBKeyRange {
  return IDBKeyRange.bound([sessionId, -Infinity], [sessionId, Infinity]);
}

class IdbJournal implements Journal {
  readonly persistent = true;
  private readonly reporter = new ProblemReporter();
  /** Next chunk seq of each session this journal writes; a Promise while it is being looked up. */
  private readonly nextSeq = new Map<string, number | Promise<number>>();
  /** Sessions whose sample or event writes failed: they are no longer written (see write()). */
  private readonly failed = new Set<string>();
  /** Sessions that have reported a problem (once each). */
  private readonly reported = new Set<string>();
  /** Sessions begun or continued here: markInterrupted leaves them alone. */
  private readonly live = new Set<string>();

  constructor(private readonly db: JournalDb) {}

  get problem(): JournalProblem | null {
    return this.reporter.problem;
  }

  onProblem(listener: (problem: JournalProblem) => void): () => void {
    return this.reporter.onProblem(listener);
  }

  async beginSession(meta: NewSession): Promise<string> {
    const id = newId();
    const now = Date.now();
    const row: SessionMeta = { repsJudged: 0, resume: null, ...meta, id, updatedAtMs: now, endedAtMs: null, status: 'active' };
    this.nextSeq.set(id, 0);
    this.live.add(id);
    await this.write(id, 'meta', () => {
      const tx = guarded(this.db.transaction('sessions', 'readwrite'));
      return { tx, requests: [tx.store.put(row)] };
    });
    return id;
  }

  appendChunk(sessionId: string, chunk: JournalChunk): Promise<boolean> {
    if (this.failed.has(sessionId)) return Promise.resolve(false);
    const seq = this.takeSeq(sessionId);
    const put = (s: number) =>
      this.write(sessionId, 'data', () => {
        const tx = guarded(this.db.transaction('chunks', 'readwrite'));
        return { tx, requests: [tx.store.put({ sessionId, seq: s, t: chunk.t, p: chunk.p, ref: chunk.ref })] };
      });
    // Known seq (the usual case): the transaction is created now, before the caller goes on.
    return typeof seq === 'number' ? put(seq) : seq.then(put, (e: unknown) => this.fail(sessionId, 'data', e));
  }

  appendEvent(sessionId: string, event: JournalEvent): Promise<boolean> {
    if (this.failed.has(sessionId)) return Promise.resolve(false);
    const row = { ...event, sessionId } as StoredEvent;
    return this.write(sessionId, 'data', () => {
      const tx = guarded(this.db.transaction('events', 'readwrite'));
      return { tx, requests: [tx.store.add(row)] };
    });
  }

  updateSession(sessionId: string, patch: SessionPatch): Promise<boolean> {
    return this.patch(sessionId, patch);
  }

  endSession(sessionId: string, endedAtMs: number): Promise<boolean> {
    this.live.delete(sessionId);
    this.nextSeq.delete(sessionId);
    return this.patch(sessionId, { status: 'ended', endedAtMs });
  }

  async listSessions(): Promise<SessionMeta[]> {
    try {
      const rows = await this.db.getAll('sessions');
      return rows.sort(byNewest);
    } catch (e) {
      this.reporter.report({ key: problemKey(e), sessionId: null, detail: describe(e) });
      return [];
    }
  }

  async loadSession(sessionId: string): Promise<LoadedSession | null> {
    const rows = await this.readRows(sessionId);
    return rows && { meta: rows.meta, recording: rebuildRecording(rows.chunks, rows.events), events: rows.events };
  }

  async listOutcomes(): Promise<SessionOutcome[]> {
    try {
      const tx = guarded(this.db.transaction(['sessions', 'events'], 'readonly'));
      const [metas, events] = await Promise.all([tx.objectStore('sessions').getAll(), tx.objectStore('events').getAll(), tx.done]);
      return outcomesOf(metas, events);
    } catch (e) {
      this.reporter.report({ key: problemKey(e), sessionId: null, detail: describe(e) });
      return [];
    }
  }

  async deleteSession(sessionId: string): Promise<boolean> {
    this.live.delete(sessionId);
    this.nextSeq.delete(sessionId);
    try {
      const tx = guarded(this.db.transaction(['sessions', 'chunks', 'events'], 'readwrite'));
      const events = tx.objectStore('events');
      const eventKeys = await events.index('bySession').getAllKeys(sessionId);
      await Promise.all([
        tx.objectStore('sessions').delete(sessionId),
        tx.objectStore('chunks').delete(chunkRange(sessionId)),
        ...eventKeys.map((k) => events.delete(k)),
        tx.done,
      ]);
      return true;
    } catch (e) {
      this.reporter.report({ key: problemKey(e), sessionId, detail: describe(e) });
      return false;
    }
  }

  async markInterrupted(): Promise<SessionMeta[]> {
    const marked: SessionMeta[] = [];
    try {
      const tx = guarded(this.db.transaction('sessions', 'readwrite'));
      const now = Date.now();
      for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
        const meta = cursor.value;
        if (meta.status !== 'active' || this.live.has(meta.id)) continue;
        if (meta.resume === null) {
          await cursor.update({ ...meta, status: 'ended', endedAtMs: meta.updatedAtMs });
          continue;
        }
        const interrupted: SessionMeta = { ...meta, status: 'interrupted', updatedAtMs: now };
        await cursor.update(interrupted);
        marked.push(interrupted);
      }
      await tx.done;
    } catch (e) {
      this.reporter.report({ key: problemKey(e), sessionId: null, detail: describe(e) });
      return [];
    }
    return marked.sort(byNewest);
  }

  async *exportSessions(): AsyncGenerator<ExportedSession> {
    for (const { id } of await this.listSessions()) yield { id, data: await this.readSessionData(id) };
  }

  async importSessions(sessions: AsyncIterable<SessionData> | Iterable<SessionData>): Promise<ImportOutcome> {
    const added: string[] = [];
    let present = 0;
    try {
      for await (const session of sessions) {
        let wrote: boolean;
        try {
          wrote = await this.importSession(session);
        } catch (e) {
          this.reporter.report({ key: problemKey(e), sessionId: null, detail: describe(e) });
          await this.removeSessions(added);
          return { added: 0, present, ok: false };
        }
        if (wrote) added.push(session.meta.id);
        else present++;
      }
    } catch (e) {
      // The source failed (a file that can no longer be read): take back what it gave, and say so.
      await this.removeSessions(added);
      throw e;
    }
    return { added: added.length, present, ok: true };
  }

  async deleteAll(): Promise<boolean> {
    // A session still recording would otherwise write samples under a row that is gone.
    for (const id of this.live) this.failed.add(id);
    this.live.clear();
    this.nextSeq.clear();
    try {
      const tx = guarded(this.db.transaction(['sessions', 'chunks', 'events'], 'readwrite'));
      await Promise.all([tx.objectStore('sessions').clear(), tx.objectStore('chunks').clear(), tx.objectStore('events').clear(), tx.done]);
      return true;
    } catch (e) {
      this.reporter.report({ key: problemKey(e), sessionId: null, detail: describe(e) });
      return false;
    }
  }

  close(): void {
    this.db.close();
  }

  /** A session's row, chunks and events as stored (events without their keys); null when it cannot be read. */
  private async readSessionData(sessionId: string): Promise<SessionData | null> {
    const rows = await this.readRows(sessionId);
    return (
      rows && {
        meta: rows.meta,
        chunks: rows.chunks.map(({ t, p, ref }) => ({ t, p, ref })),
        events: rows.events.map(({ id: _id, sessionId: _session, ...event }) => event),
      }
    );
  }

  /** A session's row, chunks and events, read in one transaction; null when it is not there or cannot be read. */
  private async readRows(sessionId: string): Promise<{ meta: SessionMeta; chunks: StoredChunk[]; events: StoredEvent[] } | null> {
    try {
      const tx = guarded(this.db.transaction(['sessions', 'chunks', 'events'], 'readonly'));
      const [meta, chunks, events] = await Promise.all([
        tx.objectStore('sessions').get(sessionId),
        tx.objectStore('chunks').getAll(chunkRange(sessionId)),
        tx.objectStore('events').index('bySession').getAll(sessionId),
        tx.done,
      ]);
      return meta ? { meta, chunks, events } : null;
    } catch (e) {
      this.reporter.report({ key: problemKey(e), sessionId, detail: describe(e) });
      return null;
    }
  }

  /** One session in one transaction; false (nothing written) when its id is here already. Rejects when the write fails. */
  private async importSession({ meta, chunks, events }: SessionData): Promise<boolean> {
    const tx = guarded(this.db.transaction(['sessions', 'chunks', 'events'], 'readwrite'));
    const rows = tx.objectStore('sessions');
    if ((await rows.getKey(meta.id)) !== undefined) {
      await tx.done;
      return false;
    }
    const row: SessionMeta = meta.status === 'active' ? { ...meta, status: 'interrupted' } : meta;
    const requests: Promise<unknown>[] = [];
    try {
      const chunkStore = tx.objectStore('chunks');
      const eventStore = tx.objectStore('events');
      // add, never put: nothing already stored can be overwritten, even under the same key.
      requests.push(rows.add(row));
      chunks.forEach(({ t, p, ref }, seq) => requests.push(chunkStore.add({ sessionId: meta.id, seq, t, p, ref })));
      for (const event of events) requests.push(eventStore.add({ ...event, sessionId: meta.id }));
      commitNow(tx);
      await Promise.all([...requests, tx.done]);
    } catch (e) {
      // Also when a request could not even be made (a value storage cannot hold): none of it stays.
      abortQuietly(tx);
      for (const r of requests) r.catch(() => {});
      throw e;
    }
    return true;
  }

  /** Takes back sessions an import added (best effort: the import has failed already). */
  private async removeSessions(ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.deleteSession(id);
  }

  /** The seq for the next chunk of a session, advancing the counter (synchronously when known). */
  private takeSeq(sessionId: string): number | Promise<number> {
    const next = this.nextSeq.get(sessionId) ?? this.lookUpNextSeq(sessionId);
    if (typeof next === 'number') {
      this.nextSeq.set(sessionId, next + 1);
      return next;
    }
    // Chained, so chunks that arrive during the look-up still get consecutive seqs, in order.
    const following = next.then((s) => s + 1);
    // A failed look-up is reported by the write that awaits it; the chain itself must not be an unhandled rejection.
    following.catch(() => {});
    this.nextSeq.set(sessionId, following);
    return next;
  }

  /** After the last chunk already stored (a session continued after an interruption). */
  private async lookUpNextSeq(sessionId: string): Promise<number> {
    const tx = guarded(this.db.transaction('chunks', 'readonly'));
    const cursor = await tx.store.openCursor(chunkRange(sessionId), 'prev');
    return cursor ? cursor.value.seq + 1 : 0;
  }

  /** Read-modify-write of a session row, in one transaction. */
  private patch(sessionId: string, patch: SessionPatch & { endedAtMs?: number | null }, seen?: (meta: SessionMeta) => void): Promise<boolean> {
    return this.writeAsync(sessionId, async () => {
      const tx = guarded(this.db.transaction('sessions', 'readwrite'));
      const meta = await tx.store.get(sessionId);
      if (!meta) {
        await tx.done;
        return false;
      }
      const updated: SessionMeta = { ...meta, ...patch, id: meta.id, updatedAtMs: Date.now() };
      const put = tx.store.put(updated);
      commitNow(tx);
      await Promise.all([put, tx.done]);
      seen?.(updated);
      return true;
    });
  }

  /**
   * One transaction, created synchronously by `start`, committed at once. 'data' writes (samples,
   * events) of a session stop after its first failure: a write in the middle failing would leave a
   * silent hole, while stopping keeps an exact prefix of the session, and storage that is full now
   * is very likely still full a second later. 'meta' writes are tried regardless (tiny, and they
   * tell the history the session ended).
   */
  private write(sessionId: string, what: 'data' | 'meta', start: () => { tx: AnyTx; requests: Promise<unknown>[] }): Promise<boolean> {
    let tx: AnyTx | null = null;
    try {
      const started = start();
      tx = started.tx;
      commitNow(tx);
      const all = Promise.all([...started.requests, tx.done]);
      const txNow = tx;
      return all.then(
        () => true,
        (e: unknown) => {
          abortQuietly(txNow);
          return this.fail(sessionId, what, e);
        },
      );
    } catch (e) {
      abortQuietly(tx);
      return Promise.resolve(this.fail(sessionId, what, e));
    }
  }

  private async writeAsync(sessionId: string, body: () => Promise<boolean>): Promise<boolean> {
    try {
      return await body();
    } catch (e) {
      return this.fail(sessionId, 'meta', e);
    }
  }

  private fail(sessionId: string, what: 'data' | 'meta', e: unknown): false {
    if (what === 'data') this.failed.add(sessionId);
    if (!this.reported.has(sessionId)) {
      this.reported.add(sessionId);
      this.reporter.report({ key: problemKey(e), sessionId, detail: describe(e) });
    }
    return false;
  }
}

/** Samples in seq order, cues and gaps from the events. */
/** Groups events (in key order, so written order) under their sessions. */
export function outcomesOf(metas: readonly SessionMeta[], events: readonly StoredEvent[]): SessionOutcome[] {
  const byId = new Map(
    metas.map((meta) => [
      meta.id,
      { meta, summary: null as SessionSummary | null, summaries: [] as SessionSummary[], results: [] as RepResult[], calibrations: [] as MvcValue[] },
    ]),
  );
  for (const e of events) {
    const o = byId.get(e.sessionId);
    if (!o) continue;
    if (e.kind === 'summary') {
      o.summary = e.data;
      o.summaries.push(e.data);
    } else if (e.kind === 'result') o.results.push(e.data);
    else if (e.kind === 'calibration') o.calibrations.push(e.data);
  }
  return [...byId.values()].sort((a, b) => byNewest(a.meta, b.meta));
}

function rebuildRecording(chunks: readonly JournalChunk[], events: readonly StoredEvent[]): JournalRecording {
  let n = 0;
  let withRef = false;
  for (const c of chunks) {
    n += c.t.length;
    withRef ||= c.ref !== null;
  }
  const t = new Float64Array(n);
  const p = new Float32Array(n);
  const ref = withRef ? new Float32Array(n).fill(Number.NaN) : null;
  let at = 0;
  for (const c of chunks) {
    t.set(c.t, at);
    p.set(c.p, at);
    if (ref && c.ref) ref.set(c.ref, at);
    at += c.t.length;
  }
  const cues: Cue[] = [];
  const gaps: { fromMs: number; toMs: number | null }[] = [];
  for (const e of events) {
    if (e.kind === 'cue') cues.push({ tMs: e.tMs, kind: e.data.cue });
    else if (e.kind === 'gap') {
      const open = gaps[gaps.length - 1];
      if (e.data.edge === 'start') {
        if (!open || open.toMs !== null) gaps.push({ fromMs: e.tMs, toMs: null });
      } else if (open && open.toMs === null) open.toMs = e.tMs;
    }
  }
  cues.sort((a, b) => a.tMs - b.tMs);
  return { t, p, ref, cues, gaps };
}
