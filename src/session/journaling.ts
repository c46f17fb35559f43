/**
 * The training session's journal, on the IndexedDB journal (src/journal): samples in chunks of
 * about a second, every other entry the moment it exists. Writes are queued behind the
 * session's row and never throw into the stream: a failing journal is reported by the journal
 * itself (onProblem) and the session goes on in memory.
 */
import type { Journal } from '../journal/journal';
import { SampleChunker } from '../journal/chunker';
import type { JournalEvent, JsonObject } from '../journal/schema';
import type { JournalEntry, JournalOpener, SessionPatch } from './journalPort';

function toEvent(e: JournalEntry): JournalEvent {
  switch (e.kind) {
    case 'cue':
      return { kind: 'cue', tMs: e.tMs, data: { cue: e.cue } };
    case 'gap':
      return { kind: 'gap', tMs: e.tMs, data: { edge: e.edge } };
    case 'result':
      return { kind: 'result', tMs: e.tMs, data: e.result };
    case 'set':
      return { kind: 'set', tMs: e.tMs, data: { index: e.set, summary: e.summary } };
    case 'summary':
      return { kind: 'summary', tMs: e.tMs, data: e.summary };
    case 'calibration':
      return { kind: 'calibration', tMs: e.tMs, data: e.mvc };
  }
}

/** Plain data survives structured cloning as it is; the journal keeps it as JSON. */
const asJson = (value: object): JsonObject => JSON.parse(JSON.stringify(value)) as JsonObject;

export function journalOpener(journal: Journal): JournalOpener {
  return (start) => {
    const id = journal.beginSession({
      startedAtMs: start.startedAtMs,
      programId: null,
      params: null,
      settings: {},
      mvcCmH2O: start.mvcCmH2O,
      device: { name: start.device.name ?? '', profile: start.device.profile ?? '', simulated: start.device.simulated },
    });
    // Writes leave the task that produced them (a sample packet, the end of a rep): cloning and
    // storing them is the journal's own short task, not part of what the live screen waits for.
    const queued: (() => void)[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const drain = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      for (const write of queued.splice(0)) write();
    };
    const later = (write: () => void) => {
      queued.push(write);
      timer ??= setTimeout(drain, 0);
    };
    const chunker = new SampleChunker((chunk) => later(() => void id.then((sessionId) => journal.appendChunk(sessionId, chunk))));
    const patch = (p: SessionPatch) =>
      later(
        () =>
          void id.then((sessionId) =>
            journal.updateSession(sessionId, {
              ...(p.programId !== undefined ? { programId: p.programId } : {}),
              ...(p.params !== undefined ? { params: p.params } : {}),
              ...(p.mvcCmH2O !== undefined ? { mvcCmH2O: p.mvcCmH2O } : {}),
              ...(p.repsJudged !== undefined ? { repsJudged: p.repsJudged } : {}),
              ...(p.resume !== undefined ? { resume: p.resume === null ? null : asJson(p.resume) } : {}),
              ...(p.settings !== undefined ? { settings: asJson(p.settings) } : {}),
            }),
          ),
      );
    return {
      samples: (batch) => chunker.push(batch),
      flush: () => {
        chunker.flush();
        drain();
      },
      record: (entry) => later(() => void id.then((sessionId) => journal.appendEvent(sessionId, toEvent(entry)))),
      describe: patch,
      end: () => {
        chunker.flush();
        drain();
        void id.then((sessionId) => journal.endSession(sessionId, Date.now()));
      },
    };
  };
}
