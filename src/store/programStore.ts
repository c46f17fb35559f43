import { createStore } from 'zustand/vanilla';
import { idleRun, type ProgramRun } from '../session/types';

/** The program running in the current session (or its last result); a view of TrainingSession.program$. */
export const programStore = createStore<ProgramRun>(() => idleRun);
