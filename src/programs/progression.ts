/**
 * Progression over the weeks: a pure function from the training week and the history of past
 * sessions to the parameters of the next session. Each program has a ladder of levels; the week
 * says how far up the ladder a person may be (one level a week), the history holds them back
 * while the last session of that program went poorly. Ladders follow the source documents:
 * start shorter, build up to the full hold and count (003, 000), and Bø's quick squeezes at the
 * end of the hold as the last step (000, Bø 1999).
 */
import { getProgram } from './catalog';
import type { ProgramId, ProgramParams } from './types';

/** What the app remembers of a finished session (kept in localStorage). */
export interface SessionRecord {
  readonly programId: ProgramId;
  readonly dateMs: number;
  readonly params: ProgramParams;
  /** Fraction of the planned squeezes that were done (0–1). */
  readonly completion: number;
  readonly averageScore: number | null;
}

/** A session went well enough to move up: most squeezes done, and done well. */
export const GOOD_COMPLETION = 0.8;
export const GOOD_SCORE = 60;

const WEEK_MS = 7 * 24 * 3600 * 1000;

type Level = Partial<ProgramParams>;

const LADDERS: { readonly [P in ProgramId]: readonly Level[] } = {
  find: [{}],
  // 003: hold 5–6 s, start shorter if needed; aim for 10.
  strength: [
    { holdMs: 4000, restMs: 4000, reps: 8 },
    { holdMs: 5000, restMs: 5000, reps: 8 },
    { holdMs: 5000, restMs: 5000, reps: 10 },
    { holdMs: 6000, restMs: 6000, reps: 10 },
  ],
  speed: [{ reps: 6 }, { reps: 8 }, { reps: 10 }],
  // 003: goal one minute.
  endurance: [20, 30, 40, 50, 60].map((s) => ({ holdMs: s * 1000, restMs: s * 1000 })),
  // 000 / Bø: 6–8 s, 8–12 reps, rest 1:2 at first, then quick squeezes at the end of the hold.
  nff: [
    { holdMs: 6000, restMs: 12000, reps: 8 },
    { holdMs: 7000, restMs: 14000, reps: 10 },
    { holdMs: 8000, restMs: 16000, reps: 12 },
    { holdMs: 8000, restMs: 16000, reps: 12, flicks: 3 },
  ],
  relax: [{}],
  knack: [{}],
  mvc: [{}],
  perfect: [{}],
};

/** Training week (1-based) of `nowMs` for someone whose first session was at `firstMs`. */
export function trainingWeek(firstMs: number | null, nowMs: number): number {
  if (firstMs === null) return 1;
  return 1 + Math.max(0, Math.floor((nowMs - firstMs) / WEEK_MS));
}

function levelParams(id: ProgramId, level: number): ProgramParams {
  return { ...getProgram(id).defaults, ...LADDERS[id][level] };
}

/** The highest ladder level whose hold, reps and flicks the session reached. */
function levelOf(id: ProgramId, done: ProgramParams): number {
  let found = 0;
  LADDERS[id].forEach((_, i) => {
    const p = levelParams(id, i);
    if (done.holdMs >= p.holdMs && done.reps >= p.reps && done.flicks >= p.flicks) found = i;
  });
  return found;
}

/**
 * Parameters for the next session of a program in training week `week` (1-based): one ladder
 * level per week, but never more than one level above the last session of this program, and no
 * step up at all while that session was incomplete or scored below GOOD_SCORE.
 */
export function progressionFor(id: ProgramId, week: number, history: readonly SessionRecord[]): ProgramParams {
  const top = LADDERS[id].length - 1;
  const byWeek = Math.min(top, Math.max(0, Math.floor(week) - 1));
  const last = history.filter((r) => r.programId === id).reduce<SessionRecord | null>((a, r) => (a === null || r.dateMs > a.dateMs ? r : a), null);
  if (last === null) return levelParams(id, 0);
  const lastLevel = levelOf(id, last.params);
  const good = last.completion >= GOOD_COMPLETION && last.averageScore !== null && last.averageScore >= GOOD_SCORE;
  return levelParams(id, Math.min(byWeek, good ? lastLevel + 1 : lastLevel));
}
