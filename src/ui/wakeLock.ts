import { useEffect } from 'react';

/**
 * Keeps the screen on while `active` (a 60-s hold or a 4-minute assessment outlasts a phone's
 * screen timeout). The browser drops the lock when the page is hidden: it is asked for again
 * when the page comes back. Where the API is missing or refuses, nothing happens.
 */
export function useWakeLock(active: boolean): void {
  useEffect(() => {
    if (!active || !('wakeLock' in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let released = false;
    const request = () => {
      if (document.visibilityState !== 'visible') return;
      navigator.wakeLock.request('screen').then(
        (l) => {
          if (released) void l.release();
          else lock = l;
        },
        () => undefined,
      );
    };
    request();
    document.addEventListener('visibilitychange', request);
    return () => {
      released = true;
      document.removeEventListener('visibilitychange', request);
      void lock?.release();
    };
  }, [active]);
}
