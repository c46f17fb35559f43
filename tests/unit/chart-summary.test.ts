import { describe, expect, it } from 'vitest';
import type { RepResult } from '../../src/programs/types';
import { chartSummaryText } from '../../src/ui/ChartSummary';
import { repBars } from '../../src/ui/program/RepChart';
import { measuredRep } from '../fixtures/reps';

const rep = (peakCmH2O: number, durationMs: number) => measuredRep({ peakCmH2O, durationMs });

describe('the chart in words', () => {
  it('says there is nothing yet, then the last and the strongest squeeze', () => {
    expect(chartSummaryText([], 'cmH2O')).toBe('No squeeze yet.');
    expect(chartSummaryText([rep(34.4, 4120), rep(28.6, 3960)], 'cmH2O')).toBe(
      'Squeezes so far: 2. The last one reached 29 cmH2O above rest and was held 4 s; the strongest reached 34 cmH2O.',
    );
  });
});

describe('the set at a glance', () => {
  it('has one bar per squeeze cue: a judged rep by its peak and hold, a missed one empty; extra reps are not bars', () => {
    const results: RepResult[] = [
      { kind: 'rep', set: 0, phase: 'main', rep: { ...rep(31, 4200), score: 90, faults: [], feedback: { key: 'feedback.great' }, cueIndex: 0, role: 'cued' } },
      { kind: 'rep', set: 0, phase: 'main', rep: { ...rep(9, 800), score: 20, faults: [], feedback: { key: 'feedback.great' }, cueIndex: 0, role: 'extra' } },
      { kind: 'missed', set: 0, phase: 'main', cueIndex: 1, cueMs: 15_000 },
      {
        kind: 'rep',
        set: 0,
        phase: 'main',
        rep: { ...rep(22, 1500), score: 40, faults: ['short_hold'], feedback: { key: 'feedback.great' }, cueIndex: 2, role: 'cued' },
      },
    ];
    expect(repBars(results)).toEqual([
      { peak: 31, holdS: 4.2, faulty: false, label: 1 },
      { peak: 0, holdS: 0, faulty: true, label: 2 },
      { peak: 22, holdS: 1.5, faulty: true, label: 3 },
    ]);
  });
});
