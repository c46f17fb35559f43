import { afterEach, describe, expect, it } from 'vitest';
import { escapeText, foldLine, remindersCalendar } from '../../src/reminders/ics';
import { DEFAULT_TIMES, addReminder, downloadReminders, reminderStore, removeReminder } from '../../src/store/reminderStore';

const texts = { summary: 'Pelvic-floor training', description: 'Time for one set; open the app, then squeeze.' };
const NOW = new Date(2026, 11, 1, 23, 40).getTime();

/** Content lines with folding undone (RFC 5545 3.1). */
const unfold = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

describe('reminders calendar (.ics)', () => {
  it('has one daily VEVENT per time, at floating local time from today, with UID, DTSTAMP, SUMMARY and DESCRIPTION', () => {
    const ics = remindersCalendar(['20:00', '08:00', '13:00'], texts, NOW);
    const lines = unfold(ics);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
    expect(lines.filter((l) => l === 'RRULE:FREQ=DAILY')).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('DTSTART'))).toEqual(['DTSTART:20261201T080000', 'DTSTART:20261201T130000', 'DTSTART:20261201T200000']);
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual([
      'UID:daily-0800@pelvic-floor-trainer',
      'UID:daily-1300@pelvic-floor-trainer',
      'UID:daily-2000@pelvic-floor-trainer',
    ]);
    const stamp = new Date(NOW).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    expect(lines.filter((l) => l.startsWith('DTSTAMP:'))).toEqual([`DTSTAMP:${stamp}`, `DTSTAMP:${stamp}`, `DTSTAMP:${stamp}`]);
    expect(lines).toContain('SUMMARY:Pelvic-floor training');
    expect(lines).toContain('DESCRIPTION:Time for one set\\; open the app\\, then squeeze.');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('ends every line with CRLF and folds lines longer than 75 octets without splitting a character', () => {
    const long = {
      summary: 'Bekkenbunnstrening – tre serier daglig, hold 6–8 sekunder, øk til 8–12 repetisjoner, så tre raske knip',
      description: 'x'.repeat(300),
    };
    const ics = remindersCalendar(['07:30'], long, NOW);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const raw = ics.split('\r\n');
    for (const line of raw) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(raw.some((l) => l.startsWith(' '))).toBe(true);
    expect(unfold(ics)).toContain(`SUMMARY:${escapeText(long.summary)}`);
    expect(unfold(ics)).toContain(`DESCRIPTION:${'x'.repeat(300)}`);
    // Multi-octet characters stay whole across a fold.
    const folded = foldLine('SUMMARY:' + 'ø'.repeat(100));
    expect(folded.split('\r\n ').join('')).toBe('SUMMARY:' + 'ø'.repeat(100));
    for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
  });

  it('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('leaves out malformed and repeated times', () => {
    const lines = unfold(remindersCalendar(['08:00', '8:00', '25:00', '08:00', 'noon'], texts, NOW));
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  });
});

describe('reminder times', () => {
  afterEach(() => reminderStore.setState({ times: DEFAULT_TIMES, issue: null }));

  it('starts at 08:00, 13:00 and 20:00; adds and removes times, refusing bad ones with a reason', () => {
    expect(reminderStore.getState().times).toEqual(['08:00', '13:00', '20:00']);
    expect(addReminder('06:45')).toBe(true);
    expect(reminderStore.getState()).toEqual({ times: ['06:45', '08:00', '13:00', '20:00'], issue: null });
    expect(addReminder('13:00')).toBe(false);
    expect(reminderStore.getState().issue).toBe('reminders.duplicate');
    expect(addReminder('')).toBe(false);
    expect(reminderStore.getState().issue).toBe('reminders.invalid');
    removeReminder('08:00');
    expect(reminderStore.getState().times).toEqual(['06:45', '13:00', '20:00']);

    const saved: string[] = [];
    expect(downloadReminders(texts, (ics) => saved.push(ics), NOW)).toBe(true);
    expect(unfold(saved[0]).filter((l) => l.startsWith('DTSTART'))).toHaveLength(3);
    for (const time of ['06:45', '13:00', '20:00']) removeReminder(time);
    expect(downloadReminders(texts, (ics) => saved.push(ics), NOW)).toBe(false);
    expect(reminderStore.getState().issue).toBe('reminders.none');
    expect(saved).toHaveLength(1);
  });
});
