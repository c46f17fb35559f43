/**
 * The sensor paired last, remembered across visits (localStorage), so that the next visit can
 * reconnect to it without the chooser where the browser allows it.
 */
export interface RememberedProbe {
  /** The browser's id for the device (navigator.bluetooth.getDevices()). */
  readonly id: string;
  readonly name: string | null;
}

const STORAGE_KEY = 'pft.probe.v1';

export function loadRememberedProbe(): RememberedProbe | null {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null || !('id' in raw) || typeof raw.id !== 'string') return null;
    const name = 'name' in raw && typeof raw.name === 'string' ? raw.name : null;
    return { id: raw.id, name };
  } catch {
    return null;
  }
}

export function rememberProbe(probe: RememberedProbe): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(probe));
  } catch {
    // Private mode or full storage: the chooser opens next time.
  }
}

export function forgetRememberedProbe(): void {
  try {
    globalThis.localStorage?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
}
