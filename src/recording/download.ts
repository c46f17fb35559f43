import { formatCsv, type Recording } from './csv';

/** File name with the local date and time, so saved sessions sort by when they were made. */
export function recordingFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `pelvic-floor-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}.csv`;
}

/** Hands a session to the user as CSV (the format `npm run analyze` reads). False when it is empty. */
export function saveRecording(recording: Recording, startedAt: Date): boolean {
  if (recording.t.length === 0) return false;
  const blob = new Blob([formatCsv(recording)], { type: 'text/csv' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = recordingFileName(startedAt);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
