import { t } from '../../i18n/messages';
import type { HistoryStore } from '../../store/historyStore';
import { SessionHistory } from '../SessionHistory';
import { ScreenHeading } from './ScreenHeading';

/** Every session kept on this device. */
export function HistoryScreen({ history }: { history: HistoryStore }) {
  return (
    <main className="screen screen-history" aria-labelledby="history-screen-heading">
      <ScreenHeading id="history-screen-heading">{t('history.screenHeading')}</ScreenHeading>
      <SessionHistory history={history} />
    </main>
  );
}
