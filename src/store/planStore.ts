import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Journal } from '../journal/journal';
import { trainingPlan, type PlanTask, type TrainingPlan } from '../programs/trainingPlan';
import type { ProgramId } from '../programs/types';
import { selectProgram } from './profileStore';
import { programStore } from './programStore';

export interface PlanState {
  /** null until the journal has been read once. */
  readonly plan: TrainingPlan | null;
}

export interface PlanStore {
  readonly store: StoreApi<PlanState>;
  /** Reads the journal again and makes the plan's next task the selected program when it changed. */
  refresh(): Promise<void>;
  /** The user picks a program: with the plan's parameters when it is the plan's, else its own defaults. */
  choose(id: ProgramId): void;
}

const taskKey = (t: PlanTask | undefined) => (t ? JSON.stringify([t.programId, t.params]) : '');

/**
 * The training plan over the journal (like createHistoryStore): the plan and its MVC come from
 * the sessions the journal keeps, never from a copy of them. `now` is the clock (tests pass theirs).
 */
export function createPlanStore(journal: Pick<Journal, 'listOutcomes'>, now: () => number = Date.now): PlanStore {
  const store = createStore<PlanState>(() => ({ plan: null }));
  return {
    store,
    async refresh() {
      const plan = trainingPlan(await journal.listOutcomes(), now());
      const before = store.getState().plan;
      store.setState({ plan });
      // Only a new task replaces the selection: a program the user picked stays until the plan moves on.
      if (taskKey(plan.next) !== taskKey(before?.next) && programStore.getState().status !== 'running') selectProgram(plan.next.programId, plan.next.params);
    },
    choose(id) {
      const next = store.getState().plan?.next;
      selectProgram(id, next?.programId === id ? next.params : undefined);
    },
  };
}

/** The MVC a new connection starts with: the newest strength test in the journal. */
export function knownMvc(plan: PlanStore): number | null {
  return plan.store.getState().plan?.mvc?.cmH2O ?? null;
}
