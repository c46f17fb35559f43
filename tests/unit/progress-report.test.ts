import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/messages';
import { buildReport, reportMeasures, reportSession, type MeasureId, type ReportMeasure } from '../../src/progress/report';
import type { ScoredRep } from '../../src/programs/types';
import { DAY_MS, simulatedSession } from '../fixtures/simulatedOutcomes';

const NOW = new Date(2026, 0, 7, 12, 0).getTime();

/** The number in a measure's value. */
function valueOf(measures: readonly ReportMeasure[], id: MeasureId): number | null {
  const m = measures.find((x) => x.id === id);
  const v = m?.value.params?.value;
  return typeof v === 'number' ? v : null;
}

// Minutes of virtual squeezing per test: slow on a busy machine.
describe('report measures of a PERFECT assessment, through the detection pipeline', { timeout: 30_000 }, () => {
  for (const seed of [201, 202, 203]) {
    it(`seed ${seed}: every Glazer-style measure the data has, within what the virtual user did`, () => {
      const { outcome, recording } = simulatedSession(seed, 'perfect', NOW - DAY_MS, { coach: { mvcCmH2O: 35 } });
      const m = reportMeasures(outcome, recording);
      expect(m.map((x) => x.id)).toEqual([
        'restLevel',
        'restVariability',
        'quickPeak',
        'riseTime',
        'releaseTime',
        'holdMean',
        'holdSteadiness',
        'enduranceDecline',
        'repetitionFatigue',
      ]);
      const power = outcome.summary?.perfect?.powerCmH2O ?? 0;
      // Rest: the level the pipeline measured the reps against, and a small spread (breathing, noise).
      const baselines = outcome.results.flatMap((r) => (r.kind === 'rep' ? [r.rep.baselineCmH2O] : []));
      expect(valueOf(m, 'restLevel')).toBeGreaterThan(Math.min(...baselines) - 2);
      expect(valueOf(m, 'restLevel')).toBeLessThan(Math.max(...baselines) + 2);
      expect(valueOf(m, 'restVariability')).toBeGreaterThan(0);
      expect(valueOf(m, 'restVariability')).toBeLessThan(2);
      // Quick squeezes reach at least half the power (the virtual user does them all, F = 10).
      expect(valueOf(m, 'quickPeak')).toBeGreaterThan(0.5 * power);
      expect(valueOf(m, 'riseTime')).toBeGreaterThan(0.05);
      expect(valueOf(m, 'riseTime')).toBeLessThan(1.5);
      expect(valueOf(m, 'releaseTime')).toBeGreaterThan(0);
      expect(valueOf(m, 'releaseTime')).toBeLessThan(4);
      // A hold's plateau is below the strongest peak, and well above half the power.
      const strongest = Math.max(...outcome.results.flatMap((r) => (r.kind === 'rep' ? [r.rep.peakCmH2O] : [])));
      expect(valueOf(m, 'holdMean')).toBeGreaterThan(0.5 * power);
      expect(valueOf(m, 'holdMean')).toBeLessThan(strongest);
      expect(valueOf(m, 'holdSteadiness')).toBeLessThan(25);
      expect(valueOf(m, 'enduranceDecline')).toBeGreaterThanOrEqual(0);
      expect(valueOf(m, 'enduranceDecline')).toBeLessThan(50);
      expect(Math.abs(valueOf(m, 'repetitionFatigue') ?? 100)).toBeLessThan(50);
      // Each measure reads as a value with its unit.
      for (const x of m) expect(t(x.value)).toMatch(/^-?\d+(\.\d)? (cmH2O|s|%)$/);
    });
  }

  it('a rep whose rise fell in lost samples (no rise time) leaves the rise time and hold mean of the others', () => {
    const { outcome, recording } = simulatedSession(201, 'perfect', NOW - DAY_MS, { coach: { mvcCmH2O: 35 } });
    const reps = outcome.results.flatMap((r) => (r.kind === 'rep' ? [r.rep] : []));
    let lostOne = false;
    const results = outcome.results.map((r) => {
      if (r.kind !== 'rep' || lostOne) return r;
      lostOne = true;
      return { ...r, rep: { ...r.rep, riseTimeMs: Number.NaN } };
    });
    const m = reportMeasures({ ...outcome, results }, recording);
    const others = reps.slice(1).map((r) => r.riseTimeMs);
    const mean = others.reduce((a, b) => a + b, 0) / others.length;
    expect(valueOf(m, 'riseTime')).toBeCloseTo(mean / 1000, 1);
    expect(Number.isFinite(valueOf(m, 'holdMean'))).toBe(true);
    for (const x of m) expect(t(x.value)).toMatch(/^-?\d+(\.\d)? (cmH2O|s|%)$/);
  });

  it('the plateau of a hold whose rise time is only a range (lost samples) starts where the range ends', () => {
    const { outcome, recording } = simulatedSession(202, 'perfect', NOW - DAY_MS, { coach: { mvcCmH2O: 35 } });
    const withRise = (f: (rep: ScoredRep) => Partial<ScoredRep>) => ({
      ...outcome,
      results: outcome.results.map((r) => (r.kind === 'rep' ? { ...r, rep: { ...r.rep, ...f(r.rep) } } : r)),
    });
    const point = valueOf(reportMeasures(outcome, recording), 'holdMean') ?? Number.NaN;
    // Every rise seen only as a range around the true one: the hold mean is still given, from a
    // slightly shorter plateau.
    const ranged = reportMeasures(
      withRise((rep) => ({ riseTimeMs: Number.NaN, riseTimeMinMs: 0, riseTimeMaxMs: rep.riseTimeMs + 150 })),
      recording,
    );
    expect(Math.abs((valueOf(ranged, 'holdMean') ?? Number.NaN) - point)).toBeLessThan(0.05 * point);
    // A rep stored before ranges were kept has neither: no plateau start, no hold mean.
    const unknown = reportMeasures(
      withRise(() => ({ riseTimeMs: Number.NaN, riseTimeMinMs: undefined, riseTimeMaxMs: undefined })),
      recording,
    );
    expect(unknown.map((x) => x.id)).not.toContain('holdMean');
  });

  /**
   * Rest variability of a strength set (seed 205) with its second squeeze cut by a link gap from
   * `fromAfterOnset` to `to(rep)` (ms), and of the same set whole. What was measured of the cut
   * squeeze: `measured(rep, gapFrom)`.
   */
  function restSpreadWithCut(
    fromAfterOnset: number,
    to: (rep: ScoredRep, from: number) => number,
    measured: (rep: ScoredRep, from: number) => ScoredRep | null,
  ) {
    const { outcome, recording } = simulatedSession(205, 'strength', NOW, { params: { reps: 4 } });
    const spread = (o: typeof outcome, rec: typeof recording) => valueOf(reportMeasures(o, rec), 'restVariability') ?? Number.NaN;
    const k = outcome.results.findIndex((r, i) => i > 0 && r.kind === 'rep');
    const cut = outcome.results[k];
    if (cut.kind !== 'rep') throw new Error('no second rep');
    const from = cut.rep.onsetMs + fromAfterOnset;
    const until = to(cut.rep, from);
    const keep = Array.from(recording.t, (t) => t < from || t >= until);
    const lossy = {
      ...recording,
      t: Float64Array.from(recording.t).filter((_, i) => keep[i]),
      p: Float32Array.from(recording.p).filter((_, i) => keep[i]),
      gaps: [...recording.gaps, { fromMs: from, toMs: until }],
    };
    const results = outcome.results.map((r, i) =>
      i === k
        ? { kind: 'cut' as const, set: cut.set, phase: cut.phase, cueIndex: cut.rep.cueIndex ?? 0, cueMs: cut.rep.onsetMs - 300, rep: measured(cut.rep, from) }
        : r,
    );
    return { clean: spread(outcome, recording), cut: spread({ ...outcome, results }, lossy), heldAfterGapMs: cut.rep.releaseMs - until };
  }

  it('a squeeze the sensor was lost in, with nothing measured, is not taken for rest', () => {
    // The link lost 1 s after its onset until after its release, its result "cut", nothing measured:
    // the squeeze's first second (and the end of its release) would read as a restless rest.
    const { clean, cut } = restSpreadWithCut(
      1000,
      (rep) => rep.releaseMs + 500,
      () => null,
    );
    expect(Math.abs(cut - clean)).toBeLessThan(0.25 * clean);
  });

  it('a squeeze cut by a short gap and held on after it is not taken for rest after the gap', () => {
    // The link lost for 1 s from 1 s after its onset; the person squeezes on until the relax cue,
    // and what was measured ends at the gap: the rest of the hold would read as a very restless rest.
    const { clean, cut, heldAfterGapMs } = restSpreadWithCut(
      1000,
      (_rep, from) => from + 1000,
      (rep, from) => ({ ...rep, releaseMs: from, relaxedMs: null }),
    );
    expect(heldAfterGapMs).toBeGreaterThan(1500);
    expect(Math.abs(cut - clean)).toBeLessThan(0.25 * clean);
  });

  it('what the sensor recorded after the program (squeezing freely, the probe taken out) is not taken for rest', () => {
    const { outcome, recording } = simulatedSession(206, 'strength', NOW, { params: { reps: 3 } });
    const rest = (rec: typeof recording) => {
      const m = reportMeasures(outcome, rec);
      return [valueOf(m, 'restLevel') ?? Number.NaN, valueOf(m, 'restVariability') ?? Number.NaN];
    };
    const [level, spread] = rest(recording);
    // Three minutes more at the same rate, after the program: squeezes of 30 cmH2O every 10 s.
    const n = recording.t.length;
    const dt = recording.t[n - 1] - recording.t[n - 2];
    const extra = Math.round(180_000 / dt);
    const t = Float64Array.from({ length: n + extra }, (_, i) => (i < n ? recording.t[i] : recording.t[n - 1] + (i - n + 1) * dt));
    const p = Float32Array.from({ length: n + extra }, (_, i) => (i < n ? recording.p[i] : level + (((i - n) * dt) % 10_000 < 4000 ? 30 : 0)));
    const [levelAfter, spreadAfter] = rest({ ...recording, t, p });
    expect(Math.abs(levelAfter - level)).toBeLessThan(0.5);
    expect(Math.abs(spreadAfter - spread)).toBeLessThan(0.25 * spread);
  });

  it('without the recording, rest variability and hold mean are left out, the rest level comes from the reps', () => {
    const { outcome } = simulatedSession(204, 'perfect', NOW, { coach: { mvcCmH2O: 30 } });
    const ids = reportMeasures(outcome, null).map((x) => x.id);
    expect(ids).not.toContain('restVariability');
    expect(ids).not.toContain('holdMean');
    expect(ids).toContain('restLevel');
  });

  it('a strength set has no quick squeezes and no PERFECT repetitions: those measures are left out', () => {
    const { outcome, recording } = simulatedSession(205, 'strength', NOW, { params: { reps: 4 } });
    const ids = reportMeasures(outcome, recording).map((x) => x.id);
    expect(ids).not.toContain('quickPeak');
    expect(ids).not.toContain('repetitionFatigue');
    expect(ids).toContain('holdMean');
  });
});

describe('the report', { timeout: 30_000 }, () => {
  it('measures the latest PERFECT assessment, counts faults by kind and training days, and sums up', () => {
    const perfect = simulatedSession(206, 'perfect', NOW - 2 * DAY_MS, { coach: { mvcCmH2O: 33 } });
    // Later training, with a squeeze held too short and one strained.
    const strength = simulatedSession(207, 'strength', NOW - DAY_MS, { coach: { mistakes: { 1: 'short_hold', 2: 'straining' } }, params: { reps: 4 } });
    const outcomes = [strength.outcome, perfect.outcome];
    expect(reportSession(outcomes)).toBe(perfect.outcome);
    const report = buildReport(outcomes, perfect.recording, NOW);
    expect(report.perfect?.profile).toEqual(perfect.outcome.summary?.perfect);
    expect(report.assessment).toEqual({ id: perfect.outcome.meta.id, atMs: NOW - 2 * DAY_MS, programId: 'perfect' });
    expect(report.measures.length).toBeGreaterThanOrEqual(8);
    const faults = Object.fromEntries(report.faults.map((f) => [f.code, f.count]));
    expect(faults.short_hold).toBeGreaterThanOrEqual(1);
    expect(faults.straining).toBeGreaterThanOrEqual(1);
    // Most frequent first.
    expect(report.faults.map((f) => f.count)).toEqual([...report.faults.map((f) => f.count)].sort((a, b) => b - a));
    expect(t(report.adherenceSummary)).toMatch(/^Training sets done: 1, on 1 of the last \d+ days\.$/);
    expect(report.weeks.length).toBeGreaterThanOrEqual(1);
  });

  it('with no session at all: no PERFECT profile, no measures, and the summary says how progress will show', () => {
    const report = buildReport([], null, NOW);
    expect(report).toMatchObject({ perfect: null, assessment: null, measures: [], faults: [] });
    expect(report.summary.key).toBe('progress.summary.none');
  });
});
