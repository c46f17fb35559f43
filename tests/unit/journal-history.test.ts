import 'fake-indexeddb/auto';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { openJournal, type NewSession } from '../../src/journal/journal';
import { formatCsv, parseCsv, type Recording } from '../../src/recording/csv';
import { createHistoryStore, type HistoryStore } from '../../src/store/historyStore';
import { SessionHistory } from '../../src/ui/SessionHistory';
import { openTestJournal } from '../fixtures/journals';
import { flatten, stream, userWith } from '../fixtures/simulate';

const meta = (startedAtMs: number, over: Partial<NewSession> = {}): NewSession => ({
  startedAtMs,
  programId: 'strength',
  params: null,
  settings: {},
  mvcCmH2O: null,
  device: { name: 'Simulated sensor', profile: 'reference', simulated: true },
  ...over,
});

/** Server rendering reads a store's initial state (zustand's server snapshot): render what it holds now. */
const render = (history: HistoryStore) => {
  history.store.getInitialState = history.store.getState;
  return renderToStaticMarkup(createElement(SessionHistory, { history }));
};

const open = openTestJournal;

describe('history store', () => {
  it('lists sessions newest first, saves one as CSV with its cues, and deletes one', async () => {
    const journal = await open();
    const older = await journal.beginSession(meta(Date.UTC(2025, 11, 1, 20, 40)));
    const newer = await journal.beginSession(meta(Date.UTC(2025, 11, 2, 8, 5), { programId: null }));
    const samples = flatten(stream(userWith(11, { hasReference: true }), { durationMs: 3000 }));
    await journal.appendChunk(older, samples);
    await journal.appendEvent(older, { kind: 'cue', tMs: 1000, data: { cue: 'squeeze' } });
    await journal.updateSession(older, { repsJudged: 1 });
    await journal.endSession(older, Date.UTC(2025, 11, 1, 20, 50));

    const saved: { recording: Recording; startedAt: Date }[] = [];
    const history = createHistoryStore(journal, (recording, startedAt) => {
      saved.push({ recording, startedAt });
      return recording.t.length > 0;
    });
    await history.refresh();
    const { items } = history.store.getState();
    expect(items.map((i) => [i.id, i.programId, i.repsJudged, i.status])).toEqual([
      [newer, null, 0, 'active'],
      [older, 'strength', 1, 'ended'],
    ]);

    expect(await history.saveAsCsv(older)).toBe(true);
    expect(saved[0].startedAt.getTime()).toBe(Date.UTC(2025, 11, 1, 20, 40));
    const back = parseCsv(formatCsv(saved[0].recording));
    expect(back.t.length).toBe(samples.t.length);
    expect(back.cues).toEqual([{ tMs: saved[0].recording.t.find((x) => x >= 1000), kind: 'squeeze' }]);

    // A session without samples: nothing to save, and the line says so.
    expect(await history.saveAsCsv(newer)).toBe(false);
    expect(history.store.getState().notice).toEqual({ id: newer, key: 'history.nothingToSave' });

    expect(await history.remove(older)).toBe(true);
    expect(history.store.getState().items.map((i) => i.id)).toEqual([newer]);
    expect(await journal.loadSession(older)).toBeNull();
  });

  it('shows the journal problem when sessions cannot be kept', async () => {
    const journal = await openJournal({
      open() {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory);
    const history = createHistoryStore(journal);
    await history.refresh();
    expect(history.store.getState()).toMatchObject({ items: [], loaded: true, problem: 'journal.unavailable' });
  });
});

describe('SessionHistory', () => {
  it('has one line per session with its program, reps (singular and plural), an interrupted note, and named buttons', async () => {
    const factory = new IDBFactory();
    const journal = await open(factory);
    const first = await journal.beginSession(meta(Date.UTC(2025, 11, 1, 20, 40), { programId: 'endurance' }));
    await journal.updateSession(first, { repsJudged: 1 });
    await journal.endSession(first, Date.UTC(2025, 11, 1, 20, 50));
    const second = await journal.beginSession(meta(Date.UTC(2025, 11, 3, 7, 15), { resume: { programId: 'strength', nextStep: 12 } }));
    await journal.updateSession(second, { repsJudged: 12 });
    const after = await open(factory);
    await after.markInterrupted();

    const history = createHistoryStore(after);
    await history.refresh();
    const html = render(history);
    expect(html).toContain('<h2 id="session-history-heading" tabindex="-1">Session history</h2>');
    const list = html.match(/<ul aria-label="Session history">(.*)<\/ul>/)?.[1] ?? '';
    const lines = list.split('</li>').filter((l) => l !== '');
    expect(lines).toHaveLength(2);
    const fmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    const whenSecond = fmt.format(new Date(Date.UTC(2025, 11, 3, 7, 15)));
    const whenFirst = fmt.format(new Date(Date.UTC(2025, 11, 1, 20, 40)));
    expect(lines[0]).toContain('Strength');
    expect(lines[0]).toContain('12 reps');
    expect(lines[0]).toContain('Interrupted');
    expect(lines[0]).toContain(`aria-label="Save the session of ${whenSecond} as CSV"`);
    expect(lines[0]).toContain(`aria-label="Delete the session of ${whenSecond}"`);
    expect(lines[1]).toContain('Endurance');
    expect(lines[1]).toMatch(/1 rep(?!s)/);
    expect(lines[1]).not.toContain('Interrupted');
    expect(lines[1]).toContain(`aria-label="Save the session of ${whenFirst} as CSV"`);
  });

  it('says so when there are no sessions yet', async () => {
    const history = createHistoryStore(await open());
    await history.refresh();
    const html = render(history);
    expect(html).toContain('No sessions yet.');
    expect(html).not.toContain('<ul');
  });
});
