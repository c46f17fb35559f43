import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/messages';
import { blockLines, resultNames, scaleNote, summarize, summaryHeadline } from '../../src/programs/summary';
import type { MvcValue, PhaseId, RepResult, ScoredRep, SessionSummary } from '../../src/programs/types';
import { measuredRep } from '../fixtures/reps';

function rep(cueIndex: number, peakCmH2O: number): RepResult {
  const scored: ScoredRep = {
    ...measuredRep({ index: cueIndex, peakCmH2O, durationMs: 4200 }),
    score: 80,
    faults: [],
    feedback: { key: 'feedback.great' },
    cueIndex,
    role: 'cued',
  };
  return { kind: 'rep', set: 0, phase: 'main', rep: scored };
}

const lines = (peaks: number[], mvc: MvcValue | null, assessment = false) =>
  blockLines(
    summarize(
      peaks.map((p, i) => rep(i, p)),
      mvc?.cmH2O ?? Math.max(...peaks),
    ),
    mvc,
    assessment,
  ).map((m) => t(m));

describe('summary lines a patient reads', () => {
  it('for the Knack, a drill of timing, says nothing of hold time or of strength kept', () => {
    const knack = blockLines(summarize([rep(0, 30), rep(1, 20)], 30), null, false, false).map((m) => t(m));
    expect(knack.join(' ')).not.toMatch(/hold|weaker|kept their strength/i);
    expect(lines([30, 20], null).join(' ')).toMatch(/hold/i);
  });

  it('says how much weaker the last squeeze was, in whole percent, only when it was weaker', () => {
    expect(lines([40, 36, 31.2], null)).toContain('Your last squeeze was 22 % weaker than your first.');
    // Stronger at the end (the old "Fatigue: −22 %"), or within 5 %: no percentage at all.
    for (const peaks of [
      [31.2, 36, 40],
      [40, 38, 38.4],
    ]) {
      const text = lines(peaks, null);
      expect(text).toContain('Your squeezes kept their strength to the end.');
      expect(text.join(' ')).not.toMatch(/weaker|−|-\d/);
    }
  });

  it('speaks of a maximum only against a strength test; otherwise of the strongest squeeze of the set', () => {
    const estimate = lines([40, 30, 20], { cmH2O: 40, source: 'estimate' });
    expect(estimate.join(' ')).not.toContain('maximum');
    expect(estimate).toContain('On average, your squeezes reached 75 % of your strongest one.');
    const tested = lines([40, 30, 20], { cmH2O: 50, source: 'test' });
    expect(tested).toContain('Strongest squeeze: 80 % of your strength test; on average 60 %.');
  });

  it('an assessment shows no score and no fatigue', () => {
    const text = lines([40, 30, 20], null, true).join(' ');
    expect(text).not.toMatch(/score|weaker|strength to the end/i);
    expect(text).toContain('Reps done: 3, missed: 0');
  });

  it('a completed session says so, as the spoken cue did; a stopped one says it stopped', () => {
    const session = summarize([rep(0, 30)], 30);
    const summary: SessionSummary = {
      programId: 'strength',
      completed: true,
      sets: [session],
      session,
      mvc: { cmH2O: 31.6, source: 'estimate' },
      measuredMvcCmH2O: null,
      perfect: null,
    };
    expect(summaryHeadline(summary).map((m) => t(m))).toEqual(['Finished. Well done.']);
    expect(summaryHeadline({ ...summary, completed: false }).map((m) => t(m))).toEqual(['Stopped early.']);
    expect(t(scaleNote(summary) ?? { key: 'summary.stopped' })).toBe(
      'Scored against your strongest squeeze this session (32 cmH2O). Do the strength test for a firmer scale.',
    );
    const mvcTest = { ...summary, programId: 'mvc' as const, measuredMvcCmH2O: 38.4 };
    expect(summaryHeadline(mvcTest).map((m) => t(m))).toEqual([
      'Finished. Well done.',
      'Your strongest squeeze: 38 cmH2O. It is now the scale for "too weak".',
    ]);
    expect(scaleNote(mvcTest)).toBeNull();
  });
});

describe('result names', () => {
  // Only what naming reads of a result.
  const named = (phase: PhaseId, cueIndex: number | null, role: 'cued' | 'extra' = 'cued') =>
    ({ kind: 'rep', set: 0, phase, rep: { cueIndex, role } }) as unknown as RepResult;
  const missed = (phase: PhaseId, cueIndex: number): RepResult => ({ kind: 'missed', set: 0, phase, cueIndex, cueMs: 0 });
  const cut = (phase: PhaseId, cueIndex: number): RepResult => ({ kind: 'cut', set: 0, phase, cueIndex, cueMs: 0, rep: null });

  it('numbers a set’s reps by their cue, and an extra squeeze as extra', () => {
    const names = resultNames([named('main', 0), missed('main', 1), named('main', null, 'extra'), cut('main', 2)], false).map((m) => t(m));
    expect(names).toEqual(['Rep 1', 'Rep 2', 'extra squeeze', 'Rep 3']);
    expect(t(resultNames([named('main', 4)], true)[0])).toBe('Squeeze 5');
  });

  it('numbers PERFECT’s squeezes within their phase, as the cue does', () => {
    const results = [
      named('power', 0),
      named('endurance', 1),
      named('repetitions', 2),
      missed('repetitions', 3),
      named('repetitions', 4),
      cut('fast', 12),
      named('fast', 13),
    ];
    expect(resultNames(results, true).map((m) => t(m))).toEqual([
      'Power 1',
      'Endurance 1',
      'Repetitions 1',
      'Repetitions 2',
      'Repetitions 3',
      'Fast 1',
      'Fast 2',
    ]);
  });
});
