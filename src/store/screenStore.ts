import { createStore } from 'zustand/vanilla';
import { programStore } from './programStore';

/** The app's screens, one purpose each. */
export type Screen = 'home' | 'train' | 'results' | 'history' | 'settings' | 'progress' | 'report';

export const screenStore = createStore<{ screen: Screen }>(() => ({ screen: 'home' }));

export function showScreen(screen: Screen): void {
  screenStore.setState({ screen });
}

/**
 * A program that starts takes the whole screen; when it has its summary the results follow.
 * Returns the unsubscribe.
 */
export function followProgram(): () => void {
  return programStore.subscribe((run, prev) => {
    if (run.status === 'running' && prev.status !== 'running') showScreen('train');
    else if (run.status === 'done' && prev.status === 'running') showScreen('results');
  });
}
