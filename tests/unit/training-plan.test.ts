import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/messages';
import { sourceMessage } from '../../src/programs/catalog';
import { PLAN, nextLevel, nextMessage, setsLeftMessage, trainingPlan, type PlanOutcome, type TrainingPlan } from '../../src/programs/trainingPlan';
import { DAY, WEEK, nffRun, perfectTest, strengthTest, trainingRun, type RunOptions } from '../fixtures/outcomes';
import { getProgram } from '../../src/programs/catalog';

/** Monday 2 March 2026, 08:00 local time. */
const START = new Date(2026, 2, 2, 8, 0).getTime();
const TIMES_OF_DAY = [0, 5 * 3600 * 1000, 12 * 3600 * 1000];

/**
 * A person who does what the plan says, 3 times a day for `days` days from `start`: the re-test
 * when it is due (strength `mvcOf(day)`), else the programme at the plan's step, done as `how(day)`.
 */
function follow(
  outcomes: PlanOutcome[],
  start: number,
  days: number,
  how: (day: number) => RunOptions = () => ({}),
  mvcOf = (_day: number) => 30,
): PlanOutcome[] {
  const out = [...outcomes];
  for (let d = 0; d < days; d++) {
    for (const offset of TIMES_OF_DAY) {
      const at = start + d * DAY + offset;
      const plan = trainingPlan(out, at);
      if (plan.next.programId === 'mvc') out.push(strengthTest(at, mvcOf(d)));
      else if (plan.level) out.push(nffRun(at, plan.level.holdS, plan.level.reps, plan.level.flicks, how(d)));
    }
  }
  return out;
}

const english = new Intl.PluralRules('en');
const setsLeft = (p: TrainingPlan) => t(setsLeftMessage(p.sets, (n) => english.select(n)));
const levelOf = (p: TrainingPlan) => p.level && [p.level.holdS, p.level.reps, p.level.flicks];

describe('training plan: the start', () => {
  it('asks for an assessment first, and counts the sets done today', () => {
    const none = trainingPlan([], START);
    expect(none).toMatchObject({ phase: 'assess', week: null, level: null, next: { programId: 'perfect' } });
    expect(setsLeft(none)).toBe('3 sets left today');
    // Training without an assessment still counts toward the day.
    const strength = { ...getProgram('strength').defaults, reps: 2, holdMs: 4000, restMs: 4000 };
    const one = trainingPlan([trainingRun(START, 'strength', strength)], START + 3600_000);
    expect(one.phase).toBe('assess');
    expect(setsLeft(one)).toBe('2 sets left today');
    const yesterday = trainingPlan([trainingRun(START - DAY, 'strength', strength)], START + 3600_000);
    expect(yesterday.sets.done).toBe(0);
  });

  it('gives the last set’s score, and none for an assessment (which measures, and is not scored)', () => {
    const strength = { ...getProgram('strength').defaults, reps: 2, holdMs: 4000, restMs: 4000 };
    const trained = trainingPlan([trainingRun(START, 'strength', strength)], START + 3600_000).last;
    expect(trained?.programId).toBe('strength');
    expect(trained?.averageScore).not.toBeNull();
    const assessed = trainingPlan([trainingRun(START, 'strength', strength), perfectTest(START + 600_000, 5, 6)], START + 3600_000).last;
    expect(assessed).toMatchObject({ programId: 'perfect', averageScore: null });
  });

  it('says how much of the last set was done, of what it had left to do when it was continued', () => {
    const strength = { ...getProgram('strength').defaults, reps: 6, sets: 1, flicks: 0, holdMs: 4000, restMs: 4000 };
    const whole = trainingPlan([trainingRun(START, 'strength', strength)], START + 3600_000).last;
    expect(whole?.completion).toBe(1);
    const half = trainingPlan([trainingRun(START, 'strength', strength, { repsDone: 3, completed: false })], START + 3600_000).last;
    expect(half?.completion).toBe(0.5);
    // Continued from its third rep after a reload, the last four done: all of it.
    const run = trainingRun(START, 'strength', strength, { repsDone: 4 });
    const continued = { ...run, summaries: run.summaries.map((s) => ({ ...s, fromStep: 2 })) };
    expect(trainingPlan([continued], START + 3600_000).last?.completion).toBe(1);
  });

  it('says why Start runs the plan’s program, and that it runs another when another is picked', () => {
    const next = trainingPlan([], START).next;
    expect(t(nextMessage(next, 'perfect'))).toBe(t(next.why));
    expect(t(nextMessage(next, 'perfect'))).toContain('First, a short assessment');
    expect(t(nextMessage(next, 'strength'))).toBe('Your plan for today is “PERFECT assessment”. You picked “Strength”: Start runs that.');
    const built = trainingPlan([perfectTest(START, 5, 6)], START + 3600_000).next;
    expect(t(nextMessage(built, 'knack'))).toBe('Your plan for today is “Physiotherapy programme”. You picked “Squeeze before you cough”: Start runs that.');
  });

  it('starts from the PERFECT profile (hold E seconds, R times), within the programme’s 3–8 s and up to 12', () => {
    for (const [e, r, hold, reps] of [
      [4, 5, 4, 5],
      [7, 10, 7, 10],
      [10, 10, 8, 10],
      [1, 0, 3, 1],
    ] as const) {
      const plan = trainingPlan([perfectTest(START, e, r)], START + 3600_000);
      expect(plan).toMatchObject({ phase: 'build', week: 1, level: { holdS: hold, reps, flicks: 0 }, next: { programId: 'nff' } });
      expect(plan.next.params).toMatchObject({ holdMs: hold * 1000, restMs: 2 * hold * 1000, reps, sets: 1, flicks: 0 });
    }
  });

  it('starts a strength test alone at the programme’s own start: 6 s, 8 times, rest twice the hold', () => {
    const plan = trainingPlan([strengthTest(START, 30)], START + 3600_000);
    expect(levelOf(plan)).toEqual([6, 8, 0]);
    expect(plan.next.params).toMatchObject({ holdMs: 6000, restMs: 12_000, reps: 8 });
    expect(plan.mvc).toEqual({ cmH2O: 30, atMs: START });
  });
});

describe('training plan: weekly progression (Norwegian physiotherapy programme, Bø 1999)', () => {
  it('week 1: hold 6 s, 8 times, no quick squeezes; week 8: hold 8 s, 12 times, 3 quick squeezes', () => {
    for (const mvc of [22, 41]) {
      const journal = follow([strengthTest(START, mvc)], START + 3600_000, 7 * 8);
      const week1 = trainingPlan(journal, START + 2 * DAY);
      const week8 = trainingPlan(journal, START + 7 * WEEK + DAY);
      expect([week1.week, ...(levelOf(week1) ?? [])]).toEqual([1, 6, 8, 0]);
      expect([week8.week, ...(levelOf(week8) ?? [])]).toEqual([8, 8, 12, 3]);
      expect(t(week8.next.why)).toBe('Week 8: hold 8 s and end each hold with 3 quick squeezes, 12 times.');
      expect(week8.next.params).toMatchObject({ holdMs: 8000, restMs: 16_000, reps: 12, flicks: 3 });
    }
  });

  it('steps up one at a time: hold to 6 s, repetitions to 8, hold to 8 s, repetitions to 12, then quick squeezes', () => {
    const steps = [{ holdS: 4, reps: 5, flicks: 0 }];
    while (steps.length < 12) steps.push(nextLevel(steps[steps.length - 1]));
    expect(steps.map((l) => `${l.holdS}/${l.reps}/${l.flicks}`)).toEqual([
      '4/5/0',
      '5/5/0',
      '6/5/0',
      '6/7/0',
      '6/8/0',
      '7/8/0',
      '8/8/0',
      '8/10/0',
      '8/12/0',
      '8/12/3',
      '8/12/3',
      '8/12/3',
    ]);
  });

  it('does not step up while the last sets show a fault, were stopped, missed squeezes or scored low', () => {
    for (const how of [{ fault: 'weak' }, { fault: 'straining' }, { completed: false }, { repsDone: 4 }, { score: 45 }] as const) {
      const journal = follow([strengthTest(START, 30)], START + 3600_000, 7 * 3, () => how);
      const plan = trainingPlan(journal, START + 3 * WEEK + DAY);
      expect(levelOf(plan), JSON.stringify(how)).toEqual([6, 8, 0]);
      expect(plan.heldBack, JSON.stringify(how)).not.toBeNull();
    }
    const faulty = trainingPlan(
      follow([strengthTest(START, 30)], START + 3600_000, 7, () => ({ fault: 'weak' })),
      START + WEEK + DAY,
    );
    expect(t(faulty.heldBack ?? { key: 'plan.label' })).toBe('You stay at this step until your squeezes are cleaner. Work on this: too weak.');
  });

  it('steps up again once the sets are clean, and only for sets done at the step', () => {
    const journal = follow([strengthTest(START, 30)], START + 3600_000, 14, (d) => (d < 7 ? { fault: 'short_hold' } : {}));
    expect(levelOf(trainingPlan(journal, START + 2 * WEEK + DAY))).toEqual([7, 8, 0]);
    // Sets shorter than the step (4 s instead of 6 s) do not move it up.
    const shorter = [strengthTest(START, 30), ...[1, 2, 3].map((d) => nffRun(START + d * DAY, 4, 8))];
    expect(levelOf(trainingPlan(shorter, START + WEEK + DAY))).toEqual([6, 8, 0]);
  });

  it('a PERFECT re-test that shows more moves the step up at once', () => {
    const journal = [perfectTest(START, 4, 4), perfectTest(START + 3 * DAY, 8, 10)];
    expect(levelOf(trainingPlan(journal, START + 3 * DAY + 3600_000))).toEqual([8, 10, 0]);
  });
});

describe('training plan: re-test, physiotherapist, maintenance', () => {
  it('asks for the strength test 2 weeks after the last assessment', () => {
    const journal = [perfectTest(START, 6, 8)];
    expect(trainingPlan(journal, START + 13 * DAY).retestDue).toBe(false);
    const due = trainingPlan(journal, START + PLAN.retestDays * DAY);
    expect(due).toMatchObject({ retestDue: true, next: { programId: 'mvc' } });
    expect(t(due.next.why)).toBe('It is 14 days since your last test: a quick strength test shows your progress.');
    const done = trainingPlan([...journal, strengthTest(START + 14 * DAY, 31)], START + 14 * DAY + 3600_000);
    expect(done).toMatchObject({ retestDue: false, next: { programId: 'nff' }, mvc: { cmH2O: 31 } });
  });

  it('after 8 weeks without progress it suggests a physiotherapist, in the sources’ words', () => {
    // Faulty sets hold the step; re-tests every 2 weeks show the same strength.
    const stuck = follow(
      [strengthTest(START, 30)],
      START + 3600_000,
      7 * 9,
      () => ({ fault: 'weak' }),
      () => 30,
    );
    expect(trainingPlan(stuck, START + 7 * WEEK).physio).toBeNull();
    const plan = trainingPlan(stuck, START + 8 * WEEK + DAY);
    expect(t(plan.physio ?? { key: 'plan.label' })).toMatch(
      /^You have trained for 8 weeks without clear progress\. If progress does not come, or you are unsure/,
    );
    expect(plan.sources.map((s) => s.doc)).toEqual(expect.arrayContaining(['000', '003']));
    // The same sets, but a strength that grows by more than the measurement error: progress.
    const stronger = follow(
      [strengthTest(START, 30)],
      START + 3600_000,
      7 * 9,
      () => ({ fault: 'weak' }),
      (d) => 30 + d / 7,
    );
    expect(trainingPlan(stronger, START + 8 * WEEK + DAY).physio).toBeNull();
    // Clean sets step up the programme: progress too.
    const clean = follow([strengthTest(START, 30)], START + 3600_000, 7 * 9);
    expect(trainingPlan(clean, START + 8 * WEEK + DAY).physio).toBeNull();
  });

  it('after 5–6 months: maintenance, 2 sets a week', () => {
    const journal = follow(
      [strengthTest(START, 30)],
      START + 3600_000,
      7 * 27,
      () => ({}),
      (d) => 30 + d / 14,
    );
    expect(trainingPlan(journal, START + 21 * WEEK).phase).toBe('build');
    const at22 = trainingPlan(journal, START + 22 * WEEK + DAY);
    expect(at22).toMatchObject({ phase: 'maintain', sets: { per: 'week', target: 2 } });
    expect(t(at22.maintenance ?? { key: 'plan.label' })).toMatch(/1–3 times a week/);
    expect(setsLeft(at22)).toMatch(/^(2 sets left this week|1 set left this week|This week’s 2 sets are done\. Well done\.)$/);
    // Never at the top step (faults all along): maintenance at 6 months anyway.
    const faulty = follow(
      [strengthTest(START, 30)],
      START + 3600_000,
      7 * 27,
      () => ({ fault: 'fading' }),
      (d) => 30 + d / 14,
    );
    expect(trainingPlan(faulty, START + 25 * WEEK).phase).toBe('build');
    expect(trainingPlan(faulty, START + 26 * WEEK + DAY).phase).toBe('maintain');
  });

  it('counts the sets of today, and of this week in maintenance, plural-correct', () => {
    const base = [strengthTest(START, 30)];
    const day = START + 10 * DAY;
    const sets = (n: number) => Array.from({ length: n }, (_, i) => nffRun(day + i * 3600_000, 6, 8));
    expect([0, 1, 2, 3, 4].map((n) => setsLeft(trainingPlan([...base, ...sets(n)], day + 5 * 3600_000)))).toEqual([
      '3 sets left today',
      '2 sets left today',
      '1 set left today',
      'All 3 sets done today. Well done.',
      'All 3 sets done today. Well done.',
    ]);
    // A set stopped before half its squeezes does not count.
    expect(trainingPlan([...base, nffRun(day, 6, 8, 0, { completed: false, repsDone: 3 })], day + 3600_000).sets.done).toBe(0);
  });

  it('cites a source for what it shows', () => {
    const plan = trainingPlan([perfectTest(START, 6, 8)], START + 15 * DAY);
    for (const s of plan.sources) expect(t(sourceMessage(s))).toMatch(/^Source: .+\. .+/);
    expect(plan.sources.map((s) => s.doc)).toEqual(expect.arrayContaining(['000', 'bo1999', 'laycock2001', 'trainers']));
  });
});
