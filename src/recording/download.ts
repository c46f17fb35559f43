import { formatCsv, type Recording } from './csv';

/** File name with the local date and time, so saved sessions sort by when they were made. */
export function recordingFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `pelvic-floor-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}.csv`;
}

/** Hands a session to the user as CSV (the format `npm run analyze` reads). False when it is empty. */
export function saveRecording(recording: Recording, startedAt: Date): boolean {
  if (recording.t.length === 0) return false;
  downloadFile(new Blob([formatCsv(recording)], { type: 'text/csv' }), recordingFileName(startedAt));
  return true;
}

/** Hands a file to the user (a download). */
export function downloadFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked later, not at once: the browser may still be reading it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
