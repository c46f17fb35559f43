/** The one session opened from the history, with its rep results and its recording. */
import { createStore } from 'zustand/vanilla';
import type { JournalRecording } from '../journal/journal';
import type { SessionMeta } from '../journal/schema';
import type { RepResult, SessionSummary } from '../programs/types';
import type { HistoryStore } from './historyStore';

/** A session opened from the history: what it was, its rep results and its curve. */
export interface SessionDetail {
  readonly meta: SessionMeta;
  readonly results: readonly RepResult[];
  readonly summary: SessionSummary | null;
  readonly recording: JournalRecording;
}

export interface SessionDetailState {
  /** The session shown instead of the list; null: the list. */
  readonly openId: string | null;
  /** null while loading (or when it failed). */
  readonly detail: SessionDetail | null;
  readonly failed: boolean;
  /** After going back, the session whose line takes the focus again. */
  readonly lastOpenedId: string | null;
}

export const sessionDetailStore = createStore<SessionDetailState>(() => ({ openId: null, detail: null, failed: false, lastOpenedId: null }));

export async function openSession(history: HistoryStore, id: string): Promise<void> {
  sessionDetailStore.setState({ openId: id, detail: null, failed: false });
  const loaded = await history.loadSession(id);
  // Another session (or the list) was opened meanwhile.
  if (sessionDetailStore.getState().openId !== id) return;
  if (!loaded) {
    sessionDetailStore.setState({ failed: true });
    return;
  }
  const results = loaded.events.flatMap((e) => (e.kind === 'result' ? [e.data] : []));
  const summary = loaded.events.reduce<SessionSummary | null>((s, e) => (e.kind === 'summary' ? e.data : s), null);
  sessionDetailStore.setState({ detail: { meta: loaded.meta, results, summary, recording: loaded.recording } });
}

export function closeSession(): void {
  sessionDetailStore.setState((s) => ({ openId: null, detail: null, failed: false, lastOpenedId: s.openId }));
}
