import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Journal, JournalProblemKey, LoadedSession, SessionOutcome } from '../journal/journal';
import type { SessionStatus } from '../journal/schema';
import type { Recording } from '../recording/csv';
import { saveRecording } from '../recording/download';
import { isProgramId } from '../programs/catalog';
import type { ProgramId, ProgramParams } from '../programs/types';
import type { ResumePoint } from '../session/journalPort';

/** One line of the session history. */
export interface SessionItem {
  readonly id: string;
  /** Wall clock, ms since the epoch. */
  readonly startedAtMs: number;
  /** null: a free session. */
  readonly programId: ProgramId | null;
  readonly repsJudged: number;
  readonly status: SessionStatus;
  /** Where an interrupted program can go on; null: nothing to continue. */
  readonly resume: ResumePoint | null;
}

export type HistoryNoticeKey = 'history.nothingToSave' | 'history.loadFailed';

export interface HistoryState {
  /** Newest first. */
  readonly items: readonly SessionItem[];
  /** False until the first refresh has finished (so "no sessions yet" is not shown too early). */
  readonly loaded: boolean;
  /** Why the last action on a session did nothing, for that session's line. */
  readonly notice: { readonly id: string; readonly key: HistoryNoticeKey } | null;
  /** The journal cannot keep (all of) the sessions. */
  readonly problem: JournalProblemKey | null;
}

export interface HistoryStore {
  readonly store: StoreApi<HistoryState>;
  /** Reads the list again from the journal. */
  refresh(): Promise<void>;
  /** Deletes a session for good (samples and events too); true when it is gone. */
  remove(id: string): Promise<boolean>;
  /** A session as a Recording (samples, cues), or null when it cannot be read. */
  loadRecording(id: string): Promise<Recording | null>;
  /** Hands a session to the user as a CSV file; false (with a notice) when there was nothing to save. */
  saveAsCsv(id: string): Promise<boolean>;
  /** The offer to continue this session's program is taken or declined: it is not made again. */
  settleResume(id: string): Promise<void>;
  /** Every session with what it came to (for progress and the report), newest first. */
  listOutcomes(): Promise<SessionOutcome[]>;
  /** One session with its samples and events; null when it cannot be read. */
  loadSession(id: string): Promise<LoadedSession | null>;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The journal keeps the resume point as plain JSON: read back only what is whole. */
function resumeOf(v: unknown): ResumePoint | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  const p = (typeof r.params === 'object' && r.params !== null ? r.params : {}) as Record<string, unknown>;
  const fields = ['holdMs', 'restMs', 'reps', 'sets', 'setRestMs', 'flicks'] as const;
  if (typeof r.programId !== 'string' || !isProgramId(r.programId) || !isNum(r.nextStep) || !fields.every((f) => isNum(p[f]))) return null;
  const params = Object.fromEntries(fields.map((f) => [f, p[f]])) as unknown as ProgramParams;
  return { programId: r.programId, params, nextStep: r.nextStep };
}

const itemOf = (m: Omit<SessionItem, 'resume'> & { readonly resume: unknown }): SessionItem => ({
  id: m.id,
  startedAtMs: m.startedAtMs,
  programId: m.programId,
  repsJudged: m.repsJudged,
  status: m.status,
  resume: m.status === 'interrupted' ? resumeOf(m.resume) : null,
});

/**
 * The session history over a journal. `save` hands a recording to the user (a download in the
 * browser); tests pass their own.
 */
export function createHistoryStore(journal: Journal, save: (recording: Recording, startedAt: Date) => boolean = saveRecording): HistoryStore {
  const store = createStore<HistoryState>(() => ({ items: [], loaded: false, notice: null, problem: journal.problem?.key ?? null }));
  journal.onProblem((p) => store.setState({ problem: p.key }));

  const loadRecording = async (id: string): Promise<Recording | null> => {
    const loaded = await journal.loadSession(id);
    if (!loaded) return null;
    const { t, p, ref, cues, gaps } = loaded.recording;
    // A gap still open when the session ended has no sample after it: the recording just ends there.
    return { t, p, ref, cues, gaps: gaps.flatMap((g) => (g.toMs === null ? [] : [{ fromMs: g.fromMs, toMs: g.toMs }])) };
  };

  return {
    store,
    async refresh() {
      const sessions = await journal.listSessions();
      store.setState({ items: sessions.map(itemOf), loaded: true });
    },
    async remove(id) {
      const gone = await journal.deleteSession(id);
      if (gone) store.setState((s) => ({ items: s.items.filter((i) => i.id !== id), notice: s.notice?.id === id ? null : s.notice }));
      return gone;
    },
    loadRecording,
    listOutcomes: () => journal.listOutcomes(),
    loadSession: (id) => journal.loadSession(id),
    async settleResume(id) {
      await journal.updateSession(id, { resume: null });
      store.setState((s) => ({ items: s.items.map((i) => (i.id === id ? { ...i, resume: null } : i)) }));
    },
    async saveAsCsv(id) {
      const item = store.getState().items.find((i) => i.id === id);
      const recording = item ? await loadRecording(id) : null;
      if (!item || !recording) {
        store.setState({ notice: { id, key: 'history.loadFailed' } });
        return false;
      }
      const saved = save(recording, new Date(item.startedAtMs));
      store.setState({ notice: saved ? null : { id, key: 'history.nothingToSave' } });
      return saved;
    },
  };
}
