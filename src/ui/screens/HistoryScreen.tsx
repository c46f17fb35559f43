import { lazy, Suspense } from 'react';
import { useStore } from 'zustand';
import { t } from '../../i18n/messages';
import type { HistoryStore } from '../../store/historyStore';
import { sessionDetailStore } from '../../store/sessionDetailStore';
import { SessionHistory } from '../SessionHistory';
import { ScreenHeading } from './ScreenHeading';

// Its curve and rep list load when a session is first opened.
const SessionDetailView = lazy(() => import('../progress/SessionDetailView'));

/** Every session kept on this device; one opened shows its curve and reps instead of the list. */
export function HistoryScreen({ history }: { history: HistoryStore }) {
  const openId = useStore(sessionDetailStore, (s) => s.openId);
  return (
    <main className="screen screen-history" aria-labelledby="history-screen-heading">
      <ScreenHeading id="history-screen-heading">{t('history.screenHeading')}</ScreenHeading>
      {openId === null ? (
        <SessionHistory history={history} />
      ) : (
        <Suspense fallback={<p role="status">{t('session.loading')}</p>}>
          <SessionDetailView />
        </Suspense>
      )}
    </main>
  );
}
