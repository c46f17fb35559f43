/** Progress and the physiotherapist report, computed from the journal when their screen opens. */
import { createStore } from 'zustand/vanilla';
import type { JournalRecording } from '../journal/journal';
import { computeProgress, type Progress } from '../progress/progress';
import { buildReport, reportSession, type Report } from '../progress/report';
import type { HistoryStore } from './historyStore';

export interface ProgressState {
  /** null until loaded. */
  readonly progress: Progress | null;
  readonly report: Report | null;
  /** The recording of the session the report measures (its curve); null without one. */
  readonly reportRecording: JournalRecording | null;
}

export const progressStore = createStore<ProgressState>(() => ({ progress: null, report: null, reportRecording: null }));

export async function loadProgress(history: HistoryStore, nowMs = Date.now()): Promise<void> {
  const outcomes = await history.listOutcomes();
  progressStore.setState({ progress: computeProgress(outcomes, nowMs) });
}

export async function loadReport(history: HistoryStore, nowMs = Date.now()): Promise<void> {
  const outcomes = await history.listOutcomes();
  const measured = reportSession(outcomes);
  const loaded = measured ? await history.loadSession(measured.meta.id) : null;
  const recording = loaded && loaded.recording.t.length > 0 ? loaded.recording : null;
  progressStore.setState({ report: buildReport(outcomes, recording, nowMs), reportRecording: recording });
}
