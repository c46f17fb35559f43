/**
 * Your data: everything the app keeps, exported to one file, imported from one, or deleted.
 * Sessions live in the journal (IndexedDB), settings in localStorage under PREFERENCES_PREFIX.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { version as appVersion } from '../../package.json';
import { DataFileReader, linesOf, PREFERENCES_PREFIX, writeDataFile, type DataFileProblem, type Preferences } from '../journal/dataFile';
import type { Journal } from '../journal/journal';
import type { JsonValue } from '../journal/schema';
import { downloadFile } from '../recording/download';
import type { HistoryStore } from './historyStore';
import { reloadProfile, resetProfile } from './profileStore';
import { reloadReminders } from './reminderStore';

export type DataTask = 'export' | 'import' | 'delete';

/** What the last action came to, for the line under the buttons. */
export type DataOutcome =
  | { readonly kind: 'exported'; readonly sessions: number; readonly unreadable: number }
  | { readonly kind: 'exportFailed' }
  | {
      readonly kind: 'imported';
      readonly added: number;
      /** Already here (same session): kept as it was. */
      readonly present: number;
      /** Could not be read: not imported. */
      readonly skipped: number;
      /** False: the file ends early or misses sessions. */
      readonly complete: boolean;
      /** Settings from the file were taken (this device had none of its own). */
      readonly settingsRestored: boolean;
    }
  /** Refused as a whole: nothing imported. */
  | { readonly kind: 'importRefused'; readonly problem: DataFileProblem }
  /** Storage failed midway: what had been added was taken back. */
  | { readonly kind: 'importFailed' }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'deleteFailed' };

export interface DataState {
  /** The action under way (the buttons wait for it). */
  readonly busy: DataTask | null;
  readonly outcome: DataOutcome | null;
}

export interface DataActions {
  readonly store: StoreApi<DataState>;
  /** Every session (samples, events) and the settings, as one file handed to the user. */
  exportAll(): Promise<void>;
  /** Adds what a data file holds; never changes or removes what is here. */
  importFile(file: Blob): Promise<void>;
  /** Every session and every setting, gone. */
  deleteAll(): Promise<void>;
}

export interface DataServices {
  readonly journal: Journal;
  readonly history: HistoryStore;
  /** null: no localStorage (blocked); settings are then neither exported nor restored. */
  readonly storage?: Storage | null;
  /** Hands the file to the user; a download by default. */
  readonly save?: (blob: Blob, fileName: string) => void;
  /** Ends the session being recorded (the sensor is let go) before everything is deleted. */
  readonly stopRecording?: () => void;
  /** The journal's sessions changed (import, delete): what is built on them (the plan) reads again. */
  readonly onDataChanged?: () => void;
  readonly now?: () => number;
}

const APP_NAME = 'Pelvic floor trainer';

/** `pelvic-floor-data-2026-03-14.json`, local date. */
export function dataFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `pelvic-floor-data-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}

function defaultStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function preferenceKeys(storage: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFERENCES_PREFIX)) keys.push(key);
  }
  return keys;
}

/** The app's localStorage entries, parsed; an entry that is not JSON is left out. */
export function readPreferences(storage: Storage | null): Preferences {
  const prefs: Record<string, JsonValue> = {};
  if (!storage) return prefs;
  for (const key of preferenceKeys(storage)) {
    try {
      prefs[key] = JSON.parse(storage.getItem(key) ?? 'null') as JsonValue;
    } catch {
      // Not written by this app as JSON: not worth carrying over.
    }
  }
  return prefs;
}

/** Writes the entries this device does not have; its own are kept. True when any was written. */
export function restorePreferences(storage: Storage | null, prefs: Preferences): boolean {
  if (!storage) return false;
  let restored = false;
  for (const [key, value] of Object.entries(prefs)) {
    if (!key.startsWith(PREFERENCES_PREFIX) || storage.getItem(key) !== null) continue;
    try {
      storage.setItem(key, JSON.stringify(value));
      restored = true;
    } catch {
      // Full or blocked storage: the sessions matter more than the settings.
    }
  }
  return restored;
}

export function clearPreferences(storage: Storage | null): void {
  if (!storage) return;
  for (const key of preferenceKeys(storage)) storage.removeItem(key);
}

export function createDataActions(services: DataServices): DataActions {
  const { journal, history } = services;
  const storage = services.storage === undefined ? defaultStorage() : services.storage;
  const save = services.save ?? downloadFile;
  const now = services.now ?? Date.now;
  const store = createStore<DataState>(() => ({ busy: null, outcome: null }));

  /** One action at a time; its outcome replaces the last one. */
  async function run(task: DataTask, body: () => Promise<DataOutcome>): Promise<void> {
    if (store.getState().busy !== null) return;
    store.setState({ busy: task, outcome: null });
    let outcome: DataOutcome;
    try {
      outcome = await body();
    } finally {
      store.setState({ busy: null });
    }
    store.setState({ outcome });
  }

  return {
    store,
    exportAll: () =>
      run('export', async () => {
        const at = now();
        try {
          const file = await writeDataFile(journal.exportSessions(), at, { name: APP_NAME, version: appVersion }, readPreferences(storage));
          save(file.blob, dataFileName(new Date(at)));
          return { kind: 'exported', sessions: file.sessions, unreadable: file.unreadable };
        } catch {
          return { kind: 'exportFailed' };
        }
      }),
    importFile: (file) =>
      run('import', async () => {
        const reader = new DataFileReader(linesOf(file.stream()));
        let result;
        try {
          result = await journal.importSessions(reader.sessions());
        } catch {
          // The file itself failed to read (moved, or not readable): the journal took back what it had added.
          return { kind: 'importRefused', problem: { kind: 'notDataFile' } };
        }
        void history.refresh();
        services.onDataChanged?.();
        if (reader.problem) return { kind: 'importRefused', problem: reader.problem };
        if (!result.ok) return { kind: 'importFailed' };
        const settingsRestored = reader.header !== null && restorePreferences(storage, reader.header.preferences);
        if (settingsRestored) {
          reloadProfile();
          reloadReminders();
        }
        return { kind: 'imported', added: result.added, present: result.present, skipped: reader.skipped, complete: reader.complete, settingsRestored };
      }),
    deleteAll: () =>
      run('delete', async () => {
        services.stopRecording?.();
        const deleted = await journal.deleteAll();
        await history.refresh();
        services.onDataChanged?.();
        if (!deleted) return { kind: 'deleteFailed' };
        // The profile store saves what it is set to: reset it first, then clear what it saved.
        resetProfile();
        clearPreferences(storage);
        reloadReminders();
        return { kind: 'deleted' };
      }),
  };
}
