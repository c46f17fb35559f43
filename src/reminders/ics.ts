/**
 * Daily reminders as an iCalendar file (RFC 5545), so any calendar app reminds the user, with no
 * server: one VEVENT per time of day, repeating every day (RRULE:FREQ=DAILY), at floating local
 * time (the same clock time wherever the phone is). 003 (1177.se): "set a reminder for every day".
 */

/** "HH:MM", 24-hour clock. */
export type ReminderTime = string;

export interface ReminderTexts {
  /** The event's title, in the user's language. */
  readonly summary: string;
  readonly description: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isReminderTime(value: string): value is ReminderTime {
  return TIME.test(value);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): CRLF and one space before each further
 * part, never inside a UTF-8 character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    // The first line holds 75 octets; each continuation line 74 after its leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utcStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/**
 * The calendar file: a daily event per valid time (sorted, each once), starting on the local
 * date of `nowMs`. UIDs depend on the time only, so importing a new file updates the events of
 * an earlier one instead of doubling them.
 */
export function remindersCalendar(times: readonly ReminderTime[], texts: ReminderTexts, nowMs: number): string {
  const day = new Date(nowMs);
  const date = `${day.getFullYear()}${pad(day.getMonth() + 1)}${pad(day.getDate())}`;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Pelvic floor trainer//Reminders//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const time of [...new Set(times.filter(isReminderTime))].sort()) {
    const hhmm = time.replace(':', '');
    lines.push(
      'BEGIN:VEVENT',
      `UID:daily-${hhmm}@pelvic-floor-trainer`,
      `DTSTAMP:${utcStamp(nowMs)}`,
      `DTSTART:${date}T${hhmm}00`,
      'DURATION:PT10M',
      'RRULE:FREQ=DAILY',
      `SUMMARY:${escapeText(texts.summary)}`,
      `DESCRIPTION:${escapeText(texts.description)}`,
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:PT0M',
      `DESCRIPTION:${escapeText(texts.summary)}`,
      'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
