import { describe, expect, it } from 'vitest';
import type { Journal } from '../../src/journal/journal';
import { journalOpener } from '../../src/session/journaling';

/** A journal that only notes, in order, what it was asked to write. */
function notingJournal() {
  const writes: string[] = [];
  const note = (what: string) => async () => {
    writes.push(what);
    return true;
  };
  const journal = {
    beginSession: async () => 'session-1',
    appendEvent: async (_id: string, event: { kind: string }) => note(`event ${event.kind}`)(),
    appendChunk: note('chunk'),
    updateSession: note('patch'),
    endSession: note('end'),
  } as unknown as Journal;
  return { journal, writes };
}

const start = { startedAtMs: 0, device: { name: 'Sim', profile: 'reference', simulated: true }, mvcCmH2O: null };
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('the session journal', () => {
  it('writes in a task of its own, after the one that measured, in the order things happened', async () => {
    const { journal, writes } = notingJournal();
    const session = journalOpener(journal)(start);
    await settle();
    session.record({ kind: 'cue', tMs: 10, cue: 'squeeze' });
    session.describe({ repsJudged: 1 });
    session.record({ kind: 'gap', tMs: 20, edge: 'start' });
    // Nothing in this task, nor in its microtasks (where a rep's end is still being shown).
    await Promise.resolve();
    await Promise.resolve();
    expect(writes).toEqual([]);
    await settle();
    expect(writes).toEqual(['event cue', 'patch', 'event gap']);
  });

  it('keeps nothing back when the session ends', async () => {
    const { journal, writes } = notingJournal();
    const session = journalOpener(journal)(start);
    session.record({ kind: 'cue', tMs: 10, cue: 'relax' });
    session.end();
    await settle();
    expect(writes).toEqual(['event cue', 'end']);
  });
});
