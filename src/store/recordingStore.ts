import { createStore } from 'zustand/vanilla';
import type { Recording } from '../recording/csv';

/** A session recorded before the current connection, kept until the page is closed. */
export interface EarlierRecording {
  readonly startedAtMs: number;
  readonly recording: Recording;
}

/** At most this many earlier sessions are kept (a 30-min session at 100 Hz is ~1.4 MB). */
const KEEP = 5;

export const recordingStore = createStore<{ earlier: readonly EarlierRecording[] }>(() => ({ earlier: [] }));

export function keepEarlierRecording(recording: Recording, startedAtMs: number): void {
  recordingStore.setState((s) => ({ earlier: [...s.earlier, { startedAtMs, recording }].slice(-KEEP) }));
}
