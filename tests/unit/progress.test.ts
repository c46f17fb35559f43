import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/messages';
import { adherence, computeProgress, secondsAbove, weekStart } from '../../src/progress/progress';
import type { RepResult } from '../../src/programs/types';
import { DAY_MS, metaOf, outcome, simulatedSession } from '../fixtures/simulatedOutcomes';
import { measuredRep } from '../fixtures/reps';

/** A Wednesday noon, local time: the week starts two days before. */
const WED = new Date(2026, 0, 7, 12, 0).getTime();

function scored(set: number, cueIndex: number, peakCmH2O: number, over: Partial<Parameters<typeof measuredRep>[0]> = {}): RepResult {
  return {
    kind: 'rep',
    set,
    phase: 'main',
    rep: { ...measuredRep({ index: cueIndex, peakCmH2O, ...over }), score: 80, faults: [], feedback: { key: 'feedback.great' }, cueIndex, role: 'cued' },
  };
}

describe('endurance: seconds above a level, from the rep measures', () => {
  it('counts the whole hold when even its last second stays above the level', () => {
    expect(secondsAbove({ peakCmH2O: 30, holdFade: 0.1, durationMs: 8000 }, 18)).toBe(8);
  });
  it('counts the share above the level when the hold fades through it (linear fade)', () => {
    // 30 → 15 over the hold; the level 20 is two thirds of the way down.
    expect(secondsAbove({ peakCmH2O: 30, holdFade: 0.5, durationMs: 9000 }, 20)).toBeCloseTo(6, 6);
  });
  it('is 0 for a squeeze that never reaches the level', () => {
    expect(secondsAbove({ peakCmH2O: 10, holdFade: 0, durationMs: 9000 }, 20)).toBe(0);
  });
});

// Minutes of virtual squeezing per test: slow on a busy machine.
describe('progress over weeks, through the detection pipeline', { timeout: 30_000 }, () => {
  // A user getting stronger: 22 cmH2O in week 1, 31 in week 6; a strength test and a training set each time.
  for (const seed of [101, 102, 103]) {
    it(`seed ${seed}: the strongest squeeze follows the strength tests, and the summary says so in words`, () => {
      const later = WED + 35 * DAY_MS;
      const sessions = [
        simulatedSession(seed, 'mvc', WED, { coach: { mvcCmH2O: 22 } }),
        simulatedSession(seed + 50, 'strength', WED + 3_600_000, { coach: { mvcCmH2O: 22 }, params: { reps: 4 } }),
        simulatedSession(seed, 'mvc', later, { coach: { mvcCmH2O: 31 } }),
        simulatedSession(seed + 50, 'strength', later + 3_600_000, { coach: { mvcCmH2O: 31 }, params: { reps: 4 } }),
      ].map((s) => s.outcome);
      const p = computeProgress(sessions.reverse(), later + DAY_MS);
      expect(p.sessions).toBe(4);
      expect(p.weeks.map((w) => [w.week, w.sessions, w.strongest?.source])).toEqual([
        [0, 2, 'test'],
        [5, 2, 'test'],
      ]);
      // The virtual user squeezes at 82–100 % of its true maximum.
      const [first, last] = p.weeks.map((w) => w.strongest?.cmH2O ?? 0);
      expect(first).toBeGreaterThan(0.8 * 22);
      expect(first).toBeLessThan(1.1 * 22);
      expect(last).toBeGreaterThan(0.8 * 31);
      expect(last).toBeLessThan(1.1 * 31);
      expect(p.summary.key).toBe('progress.summary.change');
      expect(t(p.summary)).toBe(`Your strongest squeeze went from ${Math.round(first)} to ${Math.round(last)} cmH2O in 5 weeks.`);
      // Training reps are scored and timed: held about the 6 s asked, well above 60 % of the maximum.
      for (const w of p.weeks) {
        expect(w.averageScore).toBeGreaterThan(40);
        expect(w.enduranceS).toBeGreaterThan(3);
        expect(w.enduranceS).toBeLessThan(10);
      }
      // Only the later training set falls within the 4 weeks of the calendar.
      expect(p.adherence.reduce((a, d) => a + (d.sets ?? 0), 0)).toBe(1);
    });
  }

  it('a completed PERFECT assessment is one profile point; a stopped one is left out', () => {
    const done = simulatedSession(104, 'perfect', WED, { coach: { mvcCmH2O: 35 } }).outcome;
    const summary = done.summary!;
    const stopped = outcome(metaOf('stopped', WED + DAY_MS, 'perfect'), done.results.slice(0, 3), { ...summary, completed: false });
    const p = computeProgress([done, stopped], WED + 2 * DAY_MS);
    expect(p.perfect).toHaveLength(1);
    expect(p.perfect[0].profile).toEqual(summary.perfect);
    expect(p.perfect[0].profile.powerCmH2O).toBeGreaterThan(0.8 * 35);
    // The power squeeze is a maximal squeeze: it counts as a test for the strongest squeeze.
    expect(p.weeks[0].strongest).toEqual({ cmH2O: summary.perfect!.powerCmH2O, source: 'test' });
    // An assessment is no training set.
    expect(p.adherence.every((d) => d.sets === null || d.sets === 0)).toBe(true);
  });
});

describe('progress from hand-written outcomes', () => {
  it('with no session, says how progress will show', () => {
    const p = computeProgress([], WED);
    expect(p.weeks).toEqual([]);
    expect(t(p.summary)).toBe('No sessions yet. After your first set, your progress shows here.');
    expect(p.adherence).toHaveLength(28);
  });

  it('with one session, names the strongest squeeze so far (the best unstrained peak without a test)', () => {
    const o = outcome(metaOf('a', WED, 'strength'), [scored(0, 0, 21.6), scored(0, 1, 40, { straining: true }), scored(0, 2, 18)]);
    const p = computeProgress([o], WED);
    expect(p.weeks[0].strongest).toEqual({ cmH2O: 21.6, source: 'peak' });
    expect(t(p.summary)).toBe('Your strongest squeeze so far: 22 cmH2O. Keep training: changes show over weeks.');
  });

  it('with sessions but no squeeze, says none was measured', () => {
    const p = computeProgress([outcome(metaOf('a', WED, null), [])], WED);
    expect(p.summary.key).toBe('progress.summary.noSqueeze');
  });

  it('counts days when the first and last weeks are close', () => {
    const p = computeProgress(
      [outcome(metaOf('a', WED, 'strength'), [scored(0, 0, 20)]), outcome(metaOf('b', WED + 6 * DAY_MS, 'strength'), [scored(0, 0, 24)])],
      WED + 6 * DAY_MS,
    );
    expect(t(p.summary)).toBe('Your strongest squeeze went from 20 to 24 cmH2O in 6 days.');
  });

  it('strength kept across sets: the mean of each set’s last / first peak, a stronger last squeeze counting as all kept', () => {
    const o = outcome(metaOf('a', WED, 'nff'), [scored(0, 0, 30), scored(0, 1, 24), scored(1, 2, 20), scored(1, 3, 20), scored(2, 4, 10), scored(2, 5, 21)]);
    expect(computeProgress([o], WED).weeks[0].strengthKeptPct).toBeCloseTo((80 + 100 + 100) / 3, 6);
  });

  it('adherence: training sets per day over 4 weeks, Monday first, days to come left open', () => {
    const monday = weekStart(WED);
    const nff = (id: string, at: number, sets: number[]) =>
      outcome(
        metaOf(id, at, 'nff'),
        sets.map((s, i) => scored(s, i, 25)),
      );
    const days = adherence(
      [
        nff('a', WED, [0, 1, 2]),
        nff('b', WED + 3_600_000, [0]),
        nff('c', WED - 8 * DAY_MS, [0, 0, 1]),
        // Too old for the calendar; an assessment is no training.
        nff('d', WED - 40 * DAY_MS, [0]),
        outcome(metaOf('e', WED, 'mvc'), [scored(0, 0, 30)]),
      ],
      WED,
    );
    expect(days).toHaveLength(28);
    expect(days[0].dayStartMs).toBe(monday - 21 * DAY_MS);
    expect(new Date(days[0].dayStartMs).getDay()).toBe(1);
    const at = (ms: number) => days.find((d) => d.dayStartMs === new Date(ms).setHours(0, 0, 0, 0))?.sets;
    expect(at(WED)).toBe(4);
    expect(at(WED - 8 * DAY_MS)).toBe(2);
    expect(at(WED + DAY_MS)).toBeNull();
    expect(days.filter((d) => d.sets === null)).toHaveLength(4);
    expect(days.reduce((a, d) => a + (d.sets ?? 0), 0)).toBe(6);
  });
});
