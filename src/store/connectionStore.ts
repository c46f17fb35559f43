import { createStore } from 'zustand/vanilla';
import { initialLink, type LinkState } from '../session/types';

/** The sensor link as the screens see it; a view of TrainingSession.link$. */
export const connectionStore = createStore<LinkState>(() => initialLink);
