import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Journal, NewSession } from '../../src/journal/journal';
import { getProgram } from '../../src/programs/catalog';
import type { SessionSummary } from '../../src/programs/types';
import { createPlanStore, knownMvc } from '../../src/store/planStore';
import { profileStore } from '../../src/store/profileStore';
import { openTestJournal } from '../fixtures/journals';
import { block, DAY } from '../fixtures/outcomes';

const START = new Date(2026, 2, 2, 8, 0).getTime();

const meta = (startedAtMs: number): NewSession => ({
  startedAtMs,
  programId: null,
  params: null,
  settings: {},
  mvcCmH2O: null,
  device: { name: 'Simulated sensor', profile: 'reference', simulated: true },
});

const summary = (programId: SessionSummary['programId'], over: Partial<SessionSummary> = {}): SessionSummary => ({
  programId,
  params: getProgram(programId).defaults,
  completed: true,
  sets: [block(3)],
  session: block(3),
  mvc: null,
  measuredMvcCmH2O: null,
  perfect: null,
  ...over,
});

/** One connection that ran `summaries` one after the other, as the app journals it. */
async function session(journal: Journal, at: number, summaries: readonly SessionSummary[]): Promise<void> {
  const id = await journal.beginSession(meta(at));
  for (const s of summaries) {
    await journal.appendEvent(id, { kind: 'summary', tMs: 1000, data: s });
    if (s.measuredMvcCmH2O !== null) await journal.appendEvent(id, { kind: 'calibration', tMs: 1000, data: { cmH2O: s.measuredMvcCmH2O, source: 'test' } });
  }
  await journal.endSession(id, at + 600_000);
}

describe('plan store over the journal', () => {
  it('reads every program of a session, takes the MVC from the newest strength test, and selects the plan’s next program', async () => {
    for (const mvcs of [
      [24, 27],
      [40, 35],
    ]) {
      const journal = await openTestJournal();
      let now = START;
      const plan = createPlanStore(journal, () => now);
      await plan.refresh();
      expect(plan.store.getState().plan).toMatchObject({ phase: 'assess', next: { programId: 'perfect' } });
      expect(profileStore.getState().selectedId).toBe('perfect');
      expect(knownMvc(plan)).toBeNull();

      // One connection: the strength test, then a set of the programme (a set of training counts for the day).
      await session(journal, START, [summary('mvc', { measuredMvcCmH2O: mvcs[0] }), summary('nff')]);
      await session(journal, START + DAY, [summary('mvc', { measuredMvcCmH2O: mvcs[1] })]);
      now = START + DAY + 3600_000;
      await plan.refresh();
      const state = plan.store.getState().plan;
      expect(state).toMatchObject({ phase: 'build', week: 1, next: { programId: 'nff', params: { holdMs: 6000, reps: 8, sets: 1 } } });
      expect(knownMvc(plan)).toBe(mvcs[1]);
      expect(profileStore.getState()).toMatchObject({ selectedId: 'nff', params: { holdMs: 6000, restMs: 12_000, reps: 8 } });

      // A program the user picks stays picked while the plan's task is the same.
      plan.choose('strength');
      expect(profileStore.getState()).toMatchObject({ selectedId: 'strength', params: getProgram('strength').defaults });
      await plan.refresh();
      expect(profileStore.getState().selectedId).toBe('strength');
      plan.choose('nff');
      expect(profileStore.getState().params).toMatchObject({ holdMs: 6000, restMs: 12_000, sets: 1 });
    }
  });
});
