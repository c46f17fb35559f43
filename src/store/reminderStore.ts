import { createStore } from 'zustand/vanilla';
import { saveCalendar } from '../reminders/download';
import { isReminderTime, remindersCalendar, type ReminderTexts, type ReminderTime } from '../reminders/ics';

export type ReminderIssueKey = 'reminders.invalid' | 'reminders.duplicate' | 'reminders.none';

export interface ReminderState {
  /** Sorted, each once. */
  readonly times: readonly ReminderTime[];
  /** Why the last change did nothing; null: it went through. */
  readonly issue: ReminderIssueKey | null;
}

/** Three a day (000, 002, 003): morning, midday, evening. */
export const DEFAULT_TIMES: readonly ReminderTime[] = ['08:00', '13:00', '20:00'];
const STORAGE_KEY = 'pft.reminders.v1';

function load(): readonly ReminderTime[] {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null');
    if (!Array.isArray(raw)) return DEFAULT_TIMES;
    return [...new Set(raw.filter((v): v is string => typeof v === 'string' && isReminderTime(v)))].sort();
  } catch {
    return DEFAULT_TIMES;
  }
}

export const reminderStore = createStore<ReminderState>(() => ({ times: load(), issue: null }));

reminderStore.subscribe((s, prev) => {
  if (s.times === prev.times) return;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(s.times));
  } catch {
    // Private mode or full storage: the times last until the page closes.
  }
});

/** Reads the times again from storage, after an import restored them or a deletion removed them. */
export function reloadReminders(): void {
  reminderStore.setState({ times: load(), issue: null });
}

/** Adds a time of day ("HH:MM"); a malformed or repeated one is refused with a reason. */
export function addReminder(time: string): boolean {
  const { times } = reminderStore.getState();
  if (!isReminderTime(time)) {
    reminderStore.setState({ issue: 'reminders.invalid' });
    return false;
  }
  if (times.includes(time)) {
    reminderStore.setState({ issue: 'reminders.duplicate' });
    return false;
  }
  reminderStore.setState({ times: [...times, time].sort(), issue: null });
  return true;
}

export function removeReminder(time: ReminderTime): void {
  reminderStore.setState((s) => ({ times: s.times.filter((t) => t !== time), issue: null }));
}

/**
 * Downloads the calendar file of the chosen times (`texts`: title and description in the user's
 * language). False, with a reason, when there is no time to remind at.
 */
export function downloadReminders(texts: ReminderTexts, save: (ics: string) => void = saveCalendar, nowMs = Date.now()): boolean {
  const { times } = reminderStore.getState();
  if (times.length === 0) {
    reminderStore.setState({ issue: 'reminders.none' });
    return false;
  }
  save(remindersCalendar(times, texts, nowMs));
  reminderStore.setState({ issue: null });
  return true;
}
