import { createContext, useContext } from 'react';
import type { TrainingActions } from '../store/trainingActions';

/** The app's actions (created once in main.tsx), for every screen that has a button. */
export const ActionsContext = createContext<TrainingActions | null>(null);

export function useActions(): TrainingActions {
  const actions = useContext(ActionsContext);
  if (actions === null) throw new Error('useActions outside <ActionsContext.Provider>');
  return actions;
}
