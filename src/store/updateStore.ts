import { createStore } from 'zustand/vanilla';

/**
 * A new version of the app, downloaded by the service worker, waiting for the person to choose
 * to reload. It never takes over by itself: a reload mid-set would interrupt the training.
 */
export const updateStore = createStore<{ ready: boolean }>(() => ({ ready: false }));

let apply: (() => Promise<void>) | null = null;

/** The service worker has a new version; `activate` makes it take over (and reloads the page). */
export function offerUpdate(activate: () => Promise<void>): void {
  apply = activate;
  updateStore.setState({ ready: true });
}

export function applyUpdate(): void {
  updateStore.setState({ ready: false });
  void apply?.();
}

/** "Later": the new version starts next time the app is opened. */
export function dismissUpdate(): void {
  updateStore.setState({ ready: false });
}
