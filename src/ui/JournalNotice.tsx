import { useStore } from 'zustand';
import { t } from '../i18n/messages';
import type { HistoryStore } from '../store/historyStore';

/** Beside the live curve: the device cannot keep this session (full, or no storage), so save it. */
export function JournalNotice({ history }: { history: HistoryStore }) {
  const problem = useStore(history.store, (s) => s.problem);
  if (problem === null) return null;
  return (
    <p className="notice" role="alert">
      {t(problem)}
    </p>
  );
}
