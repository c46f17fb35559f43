/**
 * Writes sessions straight into the app's journal (IndexedDB, the schema of src/journal/schema.ts),
 * for what takes too long to do live: a PERFECT assessment is about 4 minutes of squeezing.
 */
import type { Page } from '@playwright/test';
import { JOURNAL_DB_NAME, JOURNAL_DB_VERSION } from '../../../src/journal/schema';
import type { SimulatedSession } from '../../fixtures/simulatedOutcomes';

/** About a second of samples per chunk, as the app writes them. */
const CHUNK = 50;

interface SeedRow {
  readonly meta: unknown;
  readonly chunks: readonly { readonly sessionId: string; readonly seq: number; readonly t: number[]; readonly p: number[] }[];
  readonly events: readonly unknown[];
}

/** The page must have opened the app once (so the journal's stores exist). */
export async function seedJournal(page: Page, sessions: readonly SimulatedSession[]): Promise<void> {
  const rows = sessions.map(({ outcome, recording }): SeedRow => {
    const id = outcome.meta.id;
    const chunks = [];
    for (let i = 0, seq = 0; i < recording.t.length; i += CHUNK, seq++) {
      chunks.push({ sessionId: id, seq, t: [...recording.t.slice(i, i + CHUNK)], p: [...recording.p.slice(i, i + CHUNK)] });
    }
    const end = recording.t.length > 0 ? recording.t[recording.t.length - 1] : 0;
    const events = [
      ...recording.cues.map((c) => ({ kind: 'cue', tMs: c.tMs, data: { cue: c.kind } })),
      ...outcome.results.map((r) => ({ kind: 'result', tMs: r.kind === 'rep' ? r.rep.detectedAtMs : r.cueMs, data: r })),
      ...outcome.calibrations.map((c) => ({ kind: 'calibration', tMs: end, data: c })),
      ...(outcome.summary ? [{ kind: 'summary', tMs: end, data: outcome.summary }] : []),
    ].map((e) => ({ ...e, sessionId: id }));
    return { meta: outcome.meta, chunks, events: JSON.parse(JSON.stringify(events)) as unknown[] };
  });
  await page.evaluate(
    async ({ name, version, rows }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name, version);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(String(request.error)));
      });
      const tx = db.transaction(['sessions', 'chunks', 'events'], 'readwrite');
      for (const row of rows) {
        tx.objectStore('sessions').put(row.meta);
        for (const c of row.chunks) tx.objectStore('chunks').put({ ...c, t: Float64Array.from(c.t), p: Float32Array.from(c.p), ref: null });
        for (const e of row.events) tx.objectStore('events').add(e);
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(new Error(String(tx.error)));
      });
      db.close();
    },
    { name: JOURNAL_DB_NAME, version: JOURNAL_DB_VERSION, rows },
  );
}
