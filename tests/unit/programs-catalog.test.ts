import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/messages';
import { PROGRAMS, asksForHolds, getProgram, isAssessment, sourceMessage, validateParams } from '../../src/programs/catalog';
import { planSteps, resolveStep, rulesForStep } from '../../src/programs/plan';

describe('program catalog', () => {
  it('has every program of the brief, each citing a source', () => {
    expect(PROGRAMS.map((p) => p.id).sort()).toEqual(['endurance', 'find', 'knack', 'mvc', 'nff', 'perfect', 'relax', 'speed', 'strength']);
    for (const p of PROGRAMS) expect(p.sources.length).toBeGreaterThan(0);
  });

  it('names every source as a patient knows it, never by a file or document number', () => {
    const shown = PROGRAMS.flatMap((p) => p.sources.map((s) => t(sourceMessage(s))));
    for (const text of shown) {
      expect(text).toMatch(/^Source: [A-Z0-9].+\. [A-Z0-9].+\.$/);
      expect(text).not.toMatch(/seed|\.md|\b00\d\b|protocols/i);
    }
    expect(t(sourceMessage(getProgram('strength').sources[0]))).toBe(
      'Source: 1177.se (Swedish health service), page on pelvic-floor training. Strength training: hold 5–6 seconds, relax completely, rest at least as long, aim for 10.',
    );
  });

  it('uses the numbers of the source documents', () => {
    expect(getProgram('strength').defaults).toMatchObject({ holdMs: 6000, restMs: 6000, reps: 10 });
    expect(getProgram('speed').defaults).toMatchObject({ holdMs: 2000, restMs: 2000, reps: 10 });
    expect(getProgram('endurance').defaults.holdMs).toBe(60_000);
    expect(getProgram('nff').defaults).toMatchObject({ holdMs: 6000, sets: 3 });
    expect(getProgram('mvc').defaults).toMatchObject({ reps: 3, holdMs: 4000 });
  });

  it('keeps every default within its own bounds, with rest at least as long as the hold', () => {
    for (const p of PROGRAMS) {
      expect(p.defaults.restMs).toBeGreaterThanOrEqual(p.defaults.holdMs);
      if (!p.bounds) continue;
      expect(validateParams(p, p.defaults)).toEqual({ params: p.defaults, issues: [] });
    }
  });

  it('only slow_rise in the speed program, fading not in speed or endurance, weak not when finding the muscles', () => {
    expect(Object.keys(getProgram('speed').rules)).toContain('slow_rise');
    expect(Object.keys(getProgram('strength').rules)).not.toContain('slow_rise');
    expect(Object.keys(getProgram('speed').rules)).not.toContain('fading');
    expect(Object.keys(getProgram('endurance').rules)).not.toContain('fading');
    expect(Object.keys(getProgram('find').rules)).not.toContain('weak');
    expect(getProgram('endurance').rules.weak?.threshold).toBe(0.3);
  });
});

describe('validateParams', () => {
  const strength = getProgram('strength');

  it('brings a hold beyond the safe range back and says why', () => {
    const { params, issues } = validateParams(strength, { holdMs: 20_000, restMs: 20_000 });
    expect(params.holdMs).toBe(10_000);
    expect(issues).toEqual([{ field: 'holdMs', kind: 'range', min: 3000, max: 10_000 }]);
  });

  it('never rests less than it holds', () => {
    const { params, issues } = validateParams(strength, { holdMs: 8000, restMs: 4000 });
    expect(params.restMs).toBe(8000);
    expect(issues).toEqual([{ field: 'restMs', kind: 'restShorterThanHold' }]);
  });

  it('rounds counts to whole reps and rejects zero', () => {
    expect(validateParams(strength, { reps: 3.4 })).toMatchObject({ params: { reps: 3 }, issues: [] });
    const zero = validateParams(strength, { reps: 0 });
    expect(zero.params.reps).toBe(1);
    expect(zero.issues[0]).toMatchObject({ field: 'reps', kind: 'range' });
  });

  it('accepts a short test set (3 reps, 4 s hold, 4 s rest) unchanged', () => {
    expect(validateParams(strength, { reps: 3, holdMs: 4000, restMs: 4000 })).toEqual({
      params: { ...strength.defaults, reps: 3, holdMs: 4000, restMs: 4000 },
      issues: [],
    });
  });

  it('does not let assessments be adjusted', () => {
    const mvc = getProgram('mvc');
    expect(validateParams(mvc, { holdMs: 1000, reps: 9 }).params).toEqual(mvc.defaults);
  });
});

describe('planSteps', () => {
  it('unrolls sets with the longer rest between them', () => {
    const steps = planSteps(getProgram('nff'), getProgram('nff').defaults);
    expect(steps).toHaveLength(24);
    expect(steps[7]).toMatchObject({ set: 0, repInSet: 7, restMs: 60_000 });
    expect(steps[8]).toMatchObject({ set: 1, repInSet: 0, restMs: 12_000 });
    expect(steps[23].restMs).toBe(12_000);
  });

  it('gives the quick squeezes at the end of the hold time, and then does not judge fading', () => {
    const nff = getProgram('nff');
    const [step] = planSteps(nff, { ...nff.defaults, flicks: 3 });
    expect(step.holdMs).toBe(9000);
    expect(rulesForStep(nff, step).fading).toBeUndefined();
    expect(rulesForStep(nff, { flicks: 0 }).fading).toBeDefined();
  });

  it('plans PERFECT as power, endurance, 10 repetitions and 10 fast squeezes', () => {
    const steps = planSteps(getProgram('perfect'), getProgram('perfect').defaults);
    expect(steps.map((s) => s.phase).join(',')).toBe(
      ['power', 'endurance', ...Array<string>(10).fill('repetitions'), ...Array<string>(10).fill('fast')].join(','),
    );
    expect(steps[12]).toMatchObject({ holdMs: 1000, restMs: 1000, effort: 'fast' });
    // Repetitions hold what the endurance squeeze held, with equal rest; the last rests longer.
    expect(resolveStep(steps[2], 7)).toMatchObject({ holdMs: 7000, restMs: 7000 });
    expect(resolveStep(steps[11], 7)).toMatchObject({ holdMs: 7000, restMs: 10_000 });
    expect(resolveStep(steps[2], 0).holdMs).toBe(2000);
  });
});

describe('program kinds', () => {
  it('knows which programs measure and which ask for no hold, also for a free session or an unknown id', () => {
    expect(PROGRAMS.filter((p) => isAssessment(p.id)).map((p) => p.id)).toEqual(['mvc', 'perfect']);
    expect(PROGRAMS.filter((p) => !asksForHolds(p.id)).map((p) => p.id)).toEqual(['knack']);
    expect([isAssessment(null), isAssessment('someday'), asksForHolds(null), asksForHolds('someday')]).toEqual([false, false, true, true]);
  });
});
