import { formatCsv } from './csv';
import type { Recorder } from './recorder';

/** File name with the local date and time, so saved sessions sort by when they were made. */
export function recordingFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `pelvic-floor-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}.csv`;
}

/** Hands the session to the user as CSV (the format `npm run analyze` reads). False when there is nothing yet. */
export function saveRecording(recorder: Recorder, now = new Date()): boolean {
  if (recorder.length === 0) return false;
  const { t, p, ref } = recorder.data();
  const blob = new Blob([formatCsv({ t, p, ref, cues: recorder.cues })], { type: 'text/csv' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = recordingFileName(now);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
