import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SampleChunker } from '../../src/journal/chunker';
import { DATA_FILE_FORMAT, DATA_FILE_VERSION, DataFileReader, linesOf, writeDataFile, type Preferences } from '../../src/journal/dataFile';
import type { Journal, SessionData } from '../../src/journal/journal';
import type { JournalEvent } from '../../src/journal/schema';
import type { BlockSummary, RepResult, SessionSummary } from '../../src/programs/types';
import { createDataActions, type DataOutcome } from '../../src/store/dataStore';
import { createHistoryStore } from '../../src/store/historyStore';
import { dataOutcomeText, isDataProblem } from '../../src/ui/dataText';
import { openTestJournal } from '../fixtures/journals';
import { measuredRep } from '../fixtures/reps';
import { stream, userWith } from '../fixtures/simulate';

const APP = { name: 'test', version: '0.0.0' };
const faults = { straining: 0, knack_late: 0, knack_released: 0, incomplete_relaxation: 0, weak: 1, short_hold: 0, late_onset: 0, slow_rise: 0, fading: 0 };
const block: BlockSummary = {
  repsDone: 3,
  missed: 1,
  cut: 0,
  averageScore: 71,
  bestPeakCmH2O: 31.5,
  bestPeakPctMvc: null,
  averagePeakPctMvc: null,
  totalHoldMs: 9100,
  fatigue: 0.12,
  faults,
  focus: 'weak',
};
const summary: SessionSummary = {
  programId: 'strength',
  completed: true,
  sets: [block],
  session: block,
  mvc: { cmH2O: 38, source: 'test' },
  measuredMvcCmH2O: null,
  perfect: { powerCmH2O: 30, enduranceS: 7, repetitions: 5, fast: 8 },
};
const scored: RepResult = {
  kind: 'rep',
  set: 0,
  phase: 'main',
  // A measure that is NaN (nothing to measure) travels too, as does the range of a rise time not known.
  rep: {
    ...measuredRep({ peakCmH2O: 28.25, steadiness: Number.NaN, riseTimeMs: Number.NaN, riseTimeMinMs: 120.5, riseTimeMaxMs: 610.25 }),
    score: 64,
    faults: [],
    feedback: { key: 'feedback.great' },
    cueIndex: 0,
    role: 'cued',
  },
};

/** A session of `seed`'s virtual user with samples (a reference channel for odd seeds) and one event of every kind. */
async function recordSession(journal: Journal, seed: number, startedAtMs: number): Promise<string> {
  const id = await journal.beginSession({
    startedAtMs,
    programId: 'strength',
    params: { holdMs: 4000, restMs: 4000, reps: 3, sets: 1, setRestMs: 60_000, flicks: 0 },
    settings: { visual: true, sound: false },
    mvcCmH2O: 38,
    device: { name: 'Simulated sensor', profile: 'reference', simulated: true },
  });
  const writes: Promise<boolean>[] = [];
  const chunker = new SampleChunker((c) => writes.push(journal.appendChunk(id, c)));
  for (const b of stream(userWith(seed, { hasReference: seed % 2 === 1 }), { durationMs: 6000 + 1000 * seed, rateHz: 100 })) chunker.push(b);
  chunker.flush();
  const events: JournalEvent[] = [
    { kind: 'cue', tMs: 1000, data: { cue: 'squeeze' } },
    { kind: 'gap', tMs: 2500, data: { edge: 'start' } },
    { kind: 'gap', tMs: 3100, data: { edge: 'end' } },
    { kind: 'result', tMs: 5200, data: scored },
    { kind: 'result', tMs: 5300, data: { kind: 'missed', set: 0, phase: 'main', cueIndex: 1, cueMs: 5000 } },
    { kind: 'calibration', tMs: 5400, data: { cmH2O: 31, source: 'estimate' } },
    { kind: 'set', tMs: 5500, data: { index: 0, summary: block } },
    { kind: 'summary', tMs: 5600, data: summary },
    { kind: 'note', tMs: 5700, data: { text: 'felt tired', seed } },
  ];
  for (const e of events) writes.push(journal.appendEvent(id, e));
  writes.push(journal.updateSession(id, { repsJudged: 2 }));
  writes.push(journal.endSession(id, startedAtMs + 60_000));
  expect(await Promise.all(writes)).not.toContain(false);
  return id;
}

const bytes = (a: Float64Array | Float32Array | null) => (a ? new Uint8Array(a.buffer, a.byteOffset, a.byteLength) : null);

/** Everything the journal holds, samples as their bytes (so equal means bit-exact). */
async function snapshot(journal: Journal) {
  const out = [];
  for (const meta of await journal.listSessions()) {
    const loaded = await journal.loadSession(meta.id);
    expect(loaded).not.toBeNull();
    const { recording, events } = loaded!;
    out.push({
      meta,
      t: bytes(recording.t),
      p: bytes(recording.p),
      ref: bytes(recording.ref),
      events: events.map(({ kind, tMs, data }) => ({ kind, tMs, data })),
    });
  }
  return out;
}

async function exportText(journal: Journal, prefs: Preferences = {}): Promise<string> {
  return (await writeDataFile(journal.exportSessions(), Date.UTC(2026, 2, 14), APP, prefs)).blob.text();
}

async function importText(journal: Journal, text: string) {
  const reader = new DataFileReader(linesOf(new Blob([text]).stream()));
  const outcome = await journal.importSessions(reader.sessions());
  return { reader, outcome };
}

/** A journal with sessions of the given seeds. */
async function journalWith(...seeds: number[]): Promise<Journal> {
  const journal = await openTestJournal();
  for (const seed of seeds) await recordSession(journal, seed, 1_760_000_000_000 + seed * 86_400_000);
  return journal;
}

describe('data file', () => {
  it('round trip: export, delete all, import gives back every session, its samples bit for bit, and its events', async () => {
    for (const seeds of [[1], [2, 3, 4]]) {
      const journal = await journalWith(...seeds);
      const before = await snapshot(journal);
      const text = await exportText(journal);

      expect(await journal.deleteAll()).toBe(true);
      expect(await journal.listSessions()).toEqual([]);
      expect(await journal.listOutcomes()).toEqual([]);

      const { reader, outcome } = await importText(journal, text);
      expect(outcome).toEqual({ added: seeds.length, present: 0, ok: true });
      expect(reader).toMatchObject({ problem: null, skipped: 0, read: seeds.length, complete: true });
      const after = await snapshot(journal);
      expect(after).toEqual(before);
      // Samples are really there (not two empty recordings), with and without a reference channel.
      expect(after.every((s) => s.t !== null && s.t.length > 8 * 500)).toBe(true);
      expect(after.some((s) => s.ref !== null)).toBe(seeds.some((s) => s % 2 === 1));
      expect(Number.isNaN(((after[0].events[3].data as RepResult & { kind: 'rep' }).rep as { steadiness: number }).steadiness)).toBe(true);
      expect((after[0].events[3].data as RepResult & { kind: 'rep' }).rep).toMatchObject({ riseTimeMinMs: 120.5, riseTimeMaxMs: 610.25 });

      // Into another browser (a fresh journal) as well.
      const elsewhere = await openTestJournal();
      await importText(elsewhere, text);
      expect(await snapshot(elsewhere)).toEqual(before);
    }
  });

  it('keeps Float32 samples bit-exact, NaN, -0, subnormals and extremes included', async () => {
    const p = new Float32Array([0, -0, Number.NaN, Infinity, -Infinity, 1.4e-45, 3.4028234663852886e38, 0.1, -27.333]);
    const t = new Float64Array(p.length).map((_, i) => 1000 + i * 10.000000001);
    const ref = new Float32Array(p.length).fill(Number.NaN);
    ref[3] = 4.2;
    const meta = (await (await journalWith(1)).listSessions())[0];
    const session: SessionData = { meta, chunks: [{ t, p, ref }], events: [] };
    const journal = await openTestJournal();
    expect(await journal.importSessions([session])).toEqual({ added: 1, present: 0, ok: true });
    const text = await exportText(journal);
    const elsewhere = await openTestJournal();
    await importText(elsewhere, text);
    const loaded = await elsewhere.loadSession(meta.id);
    expect(bytes(loaded!.recording.t)).toEqual(bytes(t));
    expect(bytes(loaded!.recording.p)).toEqual(bytes(p));
    expect(bytes(loaded!.recording.ref)).toEqual(bytes(ref));
  });

  it('is versioned JSON: format, version, export time, app version, preferences, every session', async () => {
    const text = await exportText(await journalWith(1, 2), { 'pft.programs.v1': { mvc: { cmH2O: 31, dateMs: 1 } } });
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(file).toMatchObject({
      format: DATA_FILE_FORMAT,
      version: DATA_FILE_VERSION,
      exportedAt: '2026-03-14T00:00:00.000Z',
      app: APP,
      preferences: { 'pft.programs.v1': { mvc: { cmH2O: 31, dateMs: 1 } } },
      sessionCount: 2,
    });
    expect(file.sessions).toHaveLength(2);
    // Read whole, as any JSON reader would (here: re-indented), it imports the same.
    const journal = await openTestJournal();
    const { reader, outcome } = await importText(journal, JSON.stringify(file, null, 2));
    expect(outcome).toEqual({ added: 2, present: 0, ok: true });
    expect(reader.complete).toBe(true);
    expect(reader.header?.preferences).toEqual(file.preferences);
  });

  it('a session already here is kept as it is, never duplicated or overwritten', async () => {
    const journal = await journalWith(1, 2);
    const text = await exportText(journal);
    const [first] = await journal.listSessions();
    await journal.updateSession(first.id, { repsJudged: 99 });
    const before = await snapshot(journal);
    const { outcome } = await importText(journal, text);
    expect(outcome).toEqual({ added: 0, present: 2, ok: true });
    expect(await snapshot(journal)).toEqual(before);
    expect((await journal.listSessions()).find((s) => s.id === first.id)?.repsJudged).toBe(99);
  });

  describe('a damaged file is reported and loses nothing already here', () => {
    /** The target: a journal with its own session; the file: three other sessions. */
    async function setUp() {
      const here = await journalWith(7);
      const text = await exportText(await journalWith(1, 2, 3));
      return { here, text, before: await snapshot(here) };
    }

    it('not JSON, not a data file, or cut inside its first line: refused, nothing imported', async () => {
      const { here, text, before } = await setUp();
      for (const damaged of [
        '',
        'hello',
        't_ms,pressure_cmH2O\n0,1.5\n',
        '{"format":"something-else","version":1,"sessions":[]}',
        text.slice(0, 40),
        '\u0000\u00ff\u00fe',
      ]) {
        const { reader, outcome } = await importText(here, damaged);
        expect(reader.problem, JSON.stringify(damaged.slice(0, 30))).toEqual({ kind: 'notDataFile' });
        expect(outcome).toEqual({ added: 0, present: 0, ok: true });
      }
      expect(await snapshot(here)).toEqual(before);
    });

    it('from a newer version: refused with that version, nothing imported', async () => {
      const { here, text, before } = await setUp();
      for (const version of [DATA_FILE_VERSION + 1, 17]) {
        const newer = text.replace(`"version":${DATA_FILE_VERSION},`, `"version":${version},`);
        const { reader, outcome } = await importText(here, newer);
        expect(reader.problem).toEqual({ kind: 'newerVersion', version });
        expect(outcome.added).toBe(0);
        // Read whole (not line by line), the same.
        expect((await importText(here, JSON.stringify(JSON.parse(newer)))).reader.problem).toEqual({ kind: 'newerVersion', version });
      }
      expect(await snapshot(here)).toEqual(before);
    });

    it('a session with a broken chunk or event is skipped whole; the others are imported', async () => {
      const { here, text, before } = await setUp();
      const lines = text.split('\n');
      const breakages: [string, (line: string) => string][] = [
        ['base64 of the samples', (l) => l.replace(/"p":"[A-Za-z0-9+/]{4}/, '"p":"@@@@')],
        ['sample count', (l) => l.replace(/"n":(\d+)/, (_, n: string) => `"n":${Number(n) + 1}`)],
        ['an event kind', (l) => l.replace('"kind":"gap"', '"kind":"gape"')],
        ['a result', (l) => l.replace('"score":64', '"score":"64"')],
        ['the range of a rise time', (l) => l.replace('"riseTimeMaxMs":610.25', '"riseTimeMaxMs":"610.25"')],
        ['the session row', (l) => l.replace('"status":"ended"', '"status":"lost"')],
        ['not JSON', (l) => l.slice(0, 100)],
      ];
      for (const [what, breakIt] of breakages) {
        const target = await openTestJournal();
        await importText(target, text.replace(lines[1], breakIt(lines[1]))).then(({ reader, outcome }) => {
          expect(reader.skipped, what).toBe(1);
          expect(reader.problem).toBeNull();
          expect(outcome).toEqual({ added: 2, present: 0, ok: true });
        });
        expect(await target.listSessions()).toHaveLength(2);
      }
      const { reader } = await importText(here, text.replace(lines[2], breakages[0][1](lines[2])));
      expect(reader.skipped).toBe(1);
      const after = await snapshot(here);
      expect(after).toHaveLength(3);
      expect(after.filter((s) => s.meta.id === before[0].meta.id)).toEqual(before);
    });

    it('a truncated file: the whole sessions before the cut are imported, the cut is reported', async () => {
      const { here, text, before } = await setUp();
      const lines = text.split('\n');
      for (const [cutAt, read] of [
        [lines[0].length + 1 + lines[1].length + 1 + 50, 1],
        [text.length - 10, 3],
        [Math.floor(text.length * 0.5), null],
      ] as const) {
        const target = await openTestJournal();
        const { reader, outcome } = await importText(target, text.slice(0, cutAt));
        expect(reader.complete).toBe(false);
        expect(reader.problem).toBeNull();
        if (read !== null) expect(reader.read).toBe(read);
        expect(outcome.added).toBe(reader.read);
        expect(reader.skipped).toBeLessThanOrEqual(1);
      }
      await importText(here, text.slice(0, Math.floor(text.length * 0.7)));
      expect((await snapshot(here)).filter((s) => s.meta.id === before[0].meta.id)).toEqual(before);
    });

    it('a file with a session line missing is reported as incomplete', async () => {
      const { text } = await setUp();
      const lines = text.split('\n');
      const { reader } = await importText(await openTestJournal(), [...lines.slice(0, 2), ...lines.slice(3)].join('\n'));
      expect(reader.read).toBe(2);
      expect(reader.complete).toBe(false);
    });
  });

  it('a write that fails midway takes back what the import had added: the journal is as it was', async () => {
    const source = await journalWith(1, 2, 3);
    const sessions: SessionData[] = [];
    for await (const { data } of source.exportSessions()) sessions.push(data!);
    const here = await journalWith(7);
    const before = await snapshot(here);
    // IndexedDB cannot store a function: the second session's write fails.
    const unstorable = { ...sessions[1], events: [{ kind: 'note', tMs: 0, data: { f: () => 0 } } as unknown as JournalEvent] };
    expect(await here.importSessions([sessions[0], unstorable, sessions[2]])).toEqual({ added: 0, present: 0, ok: false });
    expect(await snapshot(here)).toEqual(before);

    // And when the file fails to read midway, the same (and the import says why).
    async function* failing() {
      yield sessions[0];
      throw new Error('file gone');
    }
    await expect(here.importSessions(failing())).rejects.toThrow('file gone');
    expect(await snapshot(here)).toEqual(before);
  });
});

/** localStorage as a Map. */
class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  clear() {
    this.map.clear();
  }
}

describe('your data (export, delete all, import)', () => {
  async function setUp(...seeds: number[]) {
    const journal = await journalWith(...seeds);
    const history = createHistoryStore(journal);
    const storage = new MemoryStorage();
    storage.setItem('pft.programs.v1', JSON.stringify({ mvc: { cmH2O: 33, dateMs: 5 }, safetyAcknowledged: true }));
    storage.setItem('other.app', 'kept');
    const saved: { blob: Blob; name: string }[] = [];
    let stopped = 0;
    const data = createDataActions({
      journal,
      history,
      storage,
      save: (blob, name) => saved.push({ blob, name }),
      stopRecording: () => stopped++,
      now: () => new Date(2026, 2, 14, 9, 30).getTime(),
    });
    const outcome = () => data.store.getState().outcome;
    return { journal, history, storage, saved, data, outcome, stopped: () => stopped };
  }

  it('restores sessions and settings in an emptied browser, and says what it did', async () => {
    const { journal, history, storage, saved, data, outcome, stopped } = await setUp(1, 2);
    const before = await snapshot(journal);
    await data.exportAll();
    expect(outcome()).toEqual({ kind: 'exported', sessions: 2, unreadable: 0 });
    expect(saved.map((s) => s.name)).toEqual(['pelvic-floor-data-2026-03-14.json']);

    await data.deleteAll();
    expect(stopped()).toBe(1);
    expect(outcome()).toEqual({ kind: 'deleted' });
    expect(history.store.getState().items).toEqual([]);
    expect(await journal.listSessions()).toEqual([]);
    expect(storage.getItem('pft.programs.v1')).toBeNull();
    expect(storage.getItem('other.app')).toBe('kept');

    await data.importFile(saved[0].blob);
    expect(outcome()).toEqual({ kind: 'imported', added: 2, present: 0, skipped: 0, complete: true, settingsRestored: true } satisfies DataOutcome);
    expect(await snapshot(journal)).toEqual(before);
    expect(JSON.parse(storage.getItem('pft.programs.v1')!)).toMatchObject({ mvc: { cmH2O: 33, dateMs: 5 }, safetyAcknowledged: true });
    await history.refresh();
    expect(history.store.getState().items.map((i) => i.id)).toEqual(before.map((s) => s.meta.id));
  });

  it("keeps this device's own settings and sessions; a damaged file changes nothing", async () => {
    const { journal, storage, saved, data, outcome } = await setUp(3);
    await data.exportAll();
    storage.setItem('pft.programs.v1', JSON.stringify({ mvc: { cmH2O: 40, dateMs: 9 } }));
    await data.importFile(saved[0].blob);
    expect(outcome()).toEqual({ kind: 'imported', added: 0, present: 1, skipped: 0, complete: true, settingsRestored: false });
    expect(JSON.parse(storage.getItem('pft.programs.v1')!)).toEqual({ mvc: { cmH2O: 40, dateMs: 9 } });

    const before = await snapshot(journal);
    await data.importFile(new Blob(['{"format":"pelvic-floor-trainer-data","version":99,"sessions":[]}']));
    expect(outcome()).toEqual({ kind: 'importRefused', problem: { kind: 'newerVersion', version: 99 } });
    await data.importFile(new Blob(['not a data file']));
    expect(outcome()).toEqual({ kind: 'importRefused', problem: { kind: 'notDataFile' } });
    expect(await snapshot(journal)).toEqual(before);
  });
});

describe('reading and reporting', () => {
  it('splits a stream into lines wherever its reads end, characters of several bytes included', async () => {
    const text = 'første linje\r\n{"navn":"Bø – øvelse"}\n\nsiste';
    const encoded = new TextEncoder().encode(text);
    for (const size of [1, 2, 3, 7, encoded.length]) {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < encoded.length; i += size) controller.enqueue(encoded.slice(i, i + size));
          controller.close();
        },
      });
      const lines: string[] = [];
      for await (const line of linesOf(stream)) lines.push(line);
      expect(lines, `reads of ${size} bytes`).toEqual(['første linje\r', '{"navn":"Bø – øvelse"}', '', 'siste']);
    }
  });

  it('says in plain words what an import did', () => {
    const imported = { kind: 'imported', added: 3, present: 1, skipped: 2, complete: false, settingsRestored: true } as const;
    expect(dataOutcomeText(imported)).toBe(
      '3 sessions imported. 1 session was already here and was kept as it is. 2 sessions could not be read and were skipped. ' +
        'The file ends early or has sessions missing: it was probably not copied completely. Your settings from the file were restored.',
    );
    expect(dataOutcomeText({ ...imported, added: 1, present: 0, skipped: 0, complete: true, settingsRestored: false })).toBe('1 session imported.');
    expect(isDataProblem(imported)).toBe(true);
    expect(dataOutcomeText({ kind: 'importRefused', problem: { kind: 'newerVersion', version: 3 } })).toContain('(file version 3)');
  });

  it('says what an export saved, and that a file made before any session holds the settings only', () => {
    expect(dataOutcomeText({ kind: 'exported', sessions: 2, unreadable: 0 })).toBe('The file with 2 sessions is saved in your downloads.');
    expect(dataOutcomeText({ kind: 'exported', sessions: 0, unreadable: 0 })).toBe(
      'The file is saved in your downloads. It holds your settings: there is no session on this device yet.',
    );
  });
});
