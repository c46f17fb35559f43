/** Hands the reminders to the user as an .ics file their calendar app opens (as src/recording/download.ts does for CSV). */
export function saveCalendar(text: string, fileName = 'pelvic-floor-reminders.ics'): void {
  const blob = new Blob([text], { type: 'text/calendar' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
