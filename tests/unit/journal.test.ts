import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SampleChunker } from '../../src/journal/chunker';
import { openJournal, requestPersistence, type JournalProblem, type NewSession } from '../../src/journal/journal';
import type { JournalEvent } from '../../src/journal/schema';
import type { SampleBatch } from '../../src/pipeline/types';
import type { BlockSummary, RepResult, SessionSummary } from '../../src/programs/types';
import { openTestJournal } from '../fixtures/journals';
import { flatten, stream, userWith } from '../fixtures/simulate';

const meta = (startedAtMs = Date.now(), over: Partial<NewSession> = {}): NewSession => ({
  startedAtMs,
  programId: 'strength',
  params: { holdMs: 5000, restMs: 5000, reps: 8, sets: 3, setRestMs: 60_000, flicks: 0 },
  settings: { visual: true, sound: false, speech: true, vibration: false },
  mvcCmH2O: 38,
  device: { name: 'Simulated sensor', profile: 'reference', simulated: true },
  ...over,
});

/** Lets pending IndexedDB work (and other queued tasks) run, as between two Bluetooth packets. */
const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

const emptyFaults = {
  straining: 0,
  knack_late: 0,
  knack_released: 0,
  incomplete_relaxation: 0,
  weak: 0,
  short_hold: 0,
  late_onset: 0,
  slow_rise: 0,
  fading: 0,
};
const block: BlockSummary = {
  repsDone: 2,
  missed: 1,
  cut: 0,
  averageScore: 71,
  bestPeakCmH2O: 31.5,
  bestPeakPctMvc: 83,
  averagePeakPctMvc: 74,
  totalHoldMs: 9100,
  fatigue: 0.12,
  faults: { ...emptyFaults, weak: 1 },
  focus: 'weak',
};
const missed: RepResult = { kind: 'missed', set: 0, phase: 'main', cueIndex: 2, cueMs: 31_000 };
const summary: SessionSummary = {
  programId: 'strength',
  completed: false,
  sets: [block],
  session: block,
  mvc: { cmH2O: 38, source: 'test' },
  measuredMvcCmH2O: null,
  perfect: null,
};

const open = openTestJournal;

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('journal', () => {
  it('gives back the session it was given: samples, reference, cues, gaps, results and summary', async () => {
    for (const seed of [1, 2, 3]) {
      const factory = new IDBFactory();
      const journal = await open(factory);
      const batches = stream(userWith(seed, { hasReference: true }), { durationMs: 12_000, rateHz: 20 + 15 * seed, perBatch: seed + 2 });
      const id = await journal.beginSession(meta(1_700_000_000_000 + seed));
      const writes: Promise<boolean>[] = [];
      const chunker = new SampleChunker((c) => writes.push(journal.appendChunk(id, c)));
      const events: JournalEvent[] = [
        { kind: 'cue', tMs: 5000, data: { cue: 'squeeze' } },
        { kind: 'cue', tMs: 10_000, data: { cue: 'relax' } },
        { kind: 'gap', tMs: 6200, data: { edge: 'start' } },
        { kind: 'gap', tMs: 7400, data: { edge: 'end' } },
        { kind: 'result', tMs: 33_500, data: missed },
        { kind: 'set', tMs: 40_000, data: { index: 0, summary: block } },
        { kind: 'summary', tMs: 41_000, data: summary },
        { kind: 'gap', tMs: 11_000, data: { edge: 'start' } },
      ];
      for (const e of events) writes.push(journal.appendEvent(id, e));
      for (const b of batches) chunker.push(b);
      chunker.flush();
      writes.push(journal.updateSession(id, { repsJudged: 2, resume: { step: 3 } }));
      writes.push(journal.endSession(id, 1_700_000_050_000));
      expect(await Promise.all(writes)).not.toContain(false);

      const again = await open(factory);
      const loaded = await again.loadSession(id);
      const sent = flatten(batches);
      expect(loaded).not.toBeNull();
      expect(loaded!.recording.t).toEqual(sent.t);
      expect(loaded!.recording.p).toEqual(sent.p);
      expect(loaded!.recording.ref).toEqual(sent.ref);
      expect(loaded!.recording.cues).toEqual([
        { tMs: 5000, kind: 'squeeze' },
        { tMs: 10_000, kind: 'relax' },
      ]);
      expect(loaded!.recording.gaps).toEqual([
        { fromMs: 6200, toMs: 7400 },
        { fromMs: 11_000, toMs: null },
      ]);
      expect(loaded!.events.map(({ kind, tMs, data }) => ({ kind, tMs, data }))).toEqual(events);
      expect(loaded!.meta).toMatchObject({ id, status: 'ended', endedAtMs: 1_700_000_050_000, repsJudged: 2, resume: { step: 3 }, mvcCmH2O: 38 });
    }
  });

  it('keeps a session without a reference channel as one without (ref null)', async () => {
    const journal = await open(new IDBFactory());
    const id = await journal.beginSession(meta());
    const batches = stream(userWith(4, { hasReference: false }), { durationMs: 3000 });
    const chunker = new SampleChunker((c) => void journal.appendChunk(id, c));
    for (const b of batches) chunker.push(b);
    chunker.flush();
    await journal.endSession(id, Date.now());
    const loaded = await journal.loadSession(id);
    expect(loaded!.recording.ref).toBeNull();
    expect(loaded!.recording.t.length).toBe(flatten(batches).t.length);
  });

  it('a crash after N chunks loses at most the last chunk (at most about a second)', async () => {
    for (const [seed, n] of [
      [1, 1],
      [2, 2],
      [3, 5],
      [4, 9],
      [5, 14],
    ] as const) {
      const factory = new IDBFactory();
      const journal = await open(factory);
      const id = await journal.beginSession(meta());
      const rateHz = 25 + 10 * seed;
      const batches = stream(userWith(seed, { hasReference: seed % 2 === 0 }), { durationMs: 20_000, rateHz, perBatch: 1 + (seed % 4), jitter: 0.1 });
      const chunkSizes: number[] = [];
      const chunker = new SampleChunker((c) => {
        chunkSizes.push(c.t.length);
        // Not awaited, as the live stream never waits for the disk.
        void journal.appendChunk(id, c);
      });
      const given: SampleBatch[] = [];
      for (const b of batches) {
        chunker.push(b);
        given.push(b);
        if (chunkSizes.length === n) break;
        await nextTask();
      }
      // Crash: the journal is abandoned as it is, without flush, end or waiting for its last write.
      const sent = flatten(given);
      const after = await open(factory);
      const loaded = await after.loadSession(id);
      const got = loaded!.recording;
      const kept = got.t.length;
      const beforeLast = chunkSizes.slice(0, -1).reduce((s, x) => s + x, 0);
      expect(kept, `seed ${seed}, ${n} chunks`).toBeGreaterThanOrEqual(beforeLast);
      expect(kept).toBeLessThanOrEqual(sent.t.length);
      // What is kept is exactly the start of the stream, and what is lost spans about a second at most.
      expect(got.t).toEqual(sent.t.subarray(0, kept));
      expect(got.p).toEqual(sent.p.subarray(0, kept));
      const lostMs = kept === sent.t.length ? 0 : sent.t[sent.t.length - 1] - sent.t[kept];
      expect(lostMs).toBeLessThanOrEqual(1000 + (1000 / rateHz) * 4);
      expect(loaded!.meta.status).toBe('active');
    }
  });

  it('after a crash, markInterrupted marks the sessions still in a program and returns them newest first; the others ended', async () => {
    const factory = new IDBFactory();
    const crashed = await open(factory);
    const resume = { programId: 'strength', nextStep: 2 };
    const older = await crashed.beginSession(meta(1000, { resume }));
    const finished = await crashed.beginSession(meta(2000, { resume }));
    const newer = await crashed.beginSession(meta(3000, { resume }));
    await crashed.endSession(finished, 2500);
    // Its program had finished (no resume point) when the app was closed, the sensor still connected.
    const done = await crashed.beginSession(meta(3500));

    const journal = await open(factory);
    const current = await journal.beginSession(meta(4000, { resume }));
    const marked = await journal.markInterrupted();
    expect(marked.map((m) => m.id)).toEqual([newer, older]);
    expect(marked.every((m) => m.status === 'interrupted')).toBe(true);
    const sessions = await journal.listSessions();
    const status = Object.fromEntries(sessions.map((m) => [m.id, m.status]));
    expect(status).toEqual({ [older]: 'interrupted', [finished]: 'ended', [newer]: 'interrupted', [done]: 'ended', [current]: 'active' });
    expect(sessions.find((m) => m.id === done)?.endedAtMs).not.toBeNull();
    expect(await journal.markInterrupted()).toEqual([]);
  });

  it('lists sessions newest first', async () => {
    const journal = await open(new IDBFactory());
    const starts = [5000, 1000, 9000, 3000, 7000];
    const ids = new Map<number, string>();
    for (const s of starts) ids.set(s, await journal.beginSession(meta(s)));
    const list = await journal.listSessions();
    expect(list.map((m) => m.startedAtMs)).toEqual([9000, 7000, 5000, 3000, 1000]);
    expect(list.map((m) => m.id)).toEqual([9000, 7000, 5000, 3000, 1000].map((s) => ids.get(s)));
  });

  it('lists what each session came to (summary, results, calibrations), newest first, without cues or samples', async () => {
    const journal = await open(new IDBFactory());
    const older = await journal.beginSession(meta(1000));
    const newer = await journal.beginSession(meta(2000, { programId: null, params: null }));
    const calibration = { cmH2O: 41, source: 'test' } as const;
    const writes = [
      journal.appendEvent(older, { kind: 'cue', tMs: 10, data: { cue: 'squeeze' } }),
      journal.appendEvent(older, { kind: 'result', tMs: 20, data: missed }),
      journal.appendEvent(newer, { kind: 'calibration', tMs: 25, data: calibration }),
      journal.appendEvent(older, { kind: 'result', tMs: 30, data: { ...missed, cueIndex: 3 } }),
      journal.appendEvent(older, { kind: 'summary', tMs: 40, data: summary }),
    ];
    expect(await Promise.all(writes)).not.toContain(false);
    const outcomes = await journal.listOutcomes();
    expect(outcomes.map((o) => o.meta.id)).toEqual([newer, older]);
    expect(outcomes[0]).toMatchObject({ summary: null, summaries: [], results: [], calibrations: [calibration] });
    expect(outcomes[1].summary).toEqual(summary);
    expect(outcomes[1].summaries).toEqual([summary]);
    expect(outcomes[1].results).toEqual([missed, { ...missed, cueIndex: 3 }]);
    expect(outcomes[1].calibrations).toEqual([]);
  });

  it('delete removes the session, its samples and its events, and nothing of other sessions', async () => {
    const factory = new IDBFactory();
    const journal = await open(factory);
    const gone = await journal.beginSession(meta(1000));
    const kept = await journal.beginSession(meta(2000));
    const samples = flatten(stream(userWith(7, {}), { durationMs: 2000 }));
    for (const id of [gone, kept]) {
      await journal.appendChunk(id, samples);
      await journal.appendChunk(id, samples);
      await journal.appendEvent(id, { kind: 'cue', tMs: 100, data: { cue: 'squeeze' } });
    }
    expect(await journal.deleteSession(gone)).toBe(true);
    expect(await journal.loadSession(gone)).toBeNull();
    expect((await journal.listSessions()).map((m) => m.id)).toEqual([kept]);

    // Look at the stores directly: no row of the deleted session is left anywhere.
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = factory.open('pft-journal');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('the journal did not open'));
    });
    const all = (store: string) =>
      new Promise<{ sessionId: string }[]>((resolve) => {
        const r = raw.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result);
      });
    expect((await all('chunks')).map((c) => c.sessionId)).toEqual([kept, kept]);
    expect((await all('events')).map((e) => e.sessionId)).toEqual([kept]);
    raw.close();
    expect((await journal.loadSession(kept))!.recording.t.length).toBe(2 * samples.t.length);
  });

  it('a full disk reports journal.full once, never throws into the stream, and stops writing that session', async () => {
    const journal = await open(new IDBFactory());
    const problems: JournalProblem[] = [];
    journal.onProblem((p) => problems.push(p));
    const id = await journal.beginSession(meta());
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call on the store it belongs to
    const realPut = IDBObjectStore.prototype.put;
    let chunkPuts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'chunks' && ++chunkPuts >= 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.call(this, value, key);
    });
    const results: Promise<boolean>[] = [];
    const chunker = new SampleChunker((c) => results.push(journal.appendChunk(id, c)));
    const batches = stream(userWith(8, {}), { durationMs: 8000 });
    expect(() => {
      for (const b of batches) chunker.push(b);
    }).not.toThrow();
    const written = await Promise.all(results);
    expect(written.slice(0, 2)).toEqual([true, true]);
    expect(written.slice(2).every((w) => !w)).toBe(true);
    expect(chunkPuts).toBe(3);
    expect(problems).toEqual([expect.objectContaining({ key: 'journal.full', sessionId: id })]);
    expect(journal.problem?.key).toBe('journal.full');
    // The session's row is still kept up to date, and what was written before stays loadable.
    expect(await journal.endSession(id, Date.now())).toBe(true);
    const loaded = await journal.loadSession(id);
    expect(loaded!.meta.status).toBe('ended');
    expect(loaded!.recording.t.length).toBeGreaterThan(0);
  });

  it('a write the browser aborts reports journal.unavailable and resolves false', async () => {
    const journal = await open(new IDBFactory());
    const problems: JournalProblem[] = [];
    journal.onProblem((p) => problems.push(p));
    const id = await journal.beginSession(meta());
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call on the store it belongs to
    const realAdd = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      const request = realAdd.call(this, value, key);
      this.transaction.abort();
      return request;
    });
    expect(await journal.appendEvent(id, { kind: 'note', tMs: 0, data: { hello: 'world' } })).toBe(false);
    expect(problems.map((p) => p.key)).toEqual(['journal.unavailable']);
  });

  it('without IndexedDB, the journal keeps nothing and says journal.unavailable', async () => {
    const refusing = {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const journal = await openJournal(refusing);
    const seen: string[] = [];
    journal.onProblem((p) => seen.push(p.key));
    expect(seen).toEqual(['journal.unavailable']);
    expect(journal.persistent).toBe(false);
    const id = await journal.beginSession(meta());
    expect(await journal.appendChunk(id, flatten(stream(userWith(9, {}), { durationMs: 1000 })))).toBe(false);
    expect(await journal.listSessions()).toEqual([]);
    expect(await journal.loadSession(id)).toBeNull();
  });

  it('requestPersistence says whether storage was made persistent, and never throws', async () => {
    const nav = (storage: unknown) => vi.stubGlobal('navigator', { storage });
    nav({ persisted: async () => false, persist: async () => true });
    expect(await requestPersistence()).toBe(true);
    nav({ persisted: async () => false, persist: async () => false });
    expect(await requestPersistence()).toBe(false);
    nav({
      persist: async () => {
        throw new Error('nope');
      },
    });
    expect(await requestPersistence()).toBe(false);
    nav(undefined);
    expect(await requestPersistence()).toBe(false);
  });
});

describe('SampleChunker', () => {
  it('hands on chunks of at least a second of stream time, and all samples exactly once', () => {
    for (const seed of [1, 2, 3, 4]) {
      const batches = stream(userWith(seed, { hasReference: seed > 2 }), { durationMs: 9000, rateHz: 10 + 40 * seed, perBatch: seed * 3, jitter: 0.2 });
      const chunks: { t: Float64Array; ref: Float32Array | null }[] = [];
      const chunker = new SampleChunker((c) => chunks.push(c));
      for (const b of batches) chunker.push(b);
      const beforeFlush = chunks.length;
      chunker.flush();
      for (const c of chunks.slice(0, beforeFlush)) {
        expect(c.t[c.t.length - 1] - c.t[0]).toBeGreaterThanOrEqual(1000);
        // Cut as soon as a batch completes the second: at most one batch more.
        expect(c.t[c.t.length - 2] - c.t[0]).toBeLessThan(1000 + (seed * 3 * 1000) / (10 + 40 * seed));
      }
      expect(beforeFlush).toBeGreaterThanOrEqual(7);
      const all = Float64Array.from(chunks.flatMap((c) => Array.from(c.t)));
      expect(all).toEqual(flatten(batches).t);
      expect(chunks.every((c) => (c.ref !== null) === seed > 2)).toBe(true);
      expect(chunker.pending).toBe(0);
    }
  });

  it('gives each chunk its own buffers, sized to its samples', () => {
    const chunks: { t: Float64Array }[] = [];
    const chunker = new SampleChunker((c) => chunks.push(c));
    for (const b of stream(userWith(3, {}), { durationMs: 4000, rateHz: 400, perBatch: 40 })) chunker.push(b);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    const buffers = new Set(chunks.map((c) => c.t.buffer));
    expect(buffers.size).toBe(chunks.length);
    for (const c of chunks) expect(c.t.buffer.byteLength).toBe(c.t.length * 8);
  });
});
