import { t } from '../../i18n/messages';
import { showScreen } from '../../store/screenStore';
import { RepChart } from '../program/RepChart';
import { RepResults } from '../program/RepResults';
import { SummaryView } from '../program/SummaryView';
import { ScreenHeading } from './ScreenHeading';

/** After a program: how the set went, rep by rep, and what to work on next time. */
export function ResultsScreen() {
  return (
    <main className="screen screen-results" aria-labelledby="results-screen-heading">
      <ScreenHeading id="results-screen-heading">{t('resultsScreen.heading')}</ScreenHeading>
      <SummaryView />
      <RepChart />
      <RepResults />
      <div className="program-actions">
        <button type="button" className="primary" onClick={() => showScreen('home')}>
          {t('resultsScreen.done')}
        </button>
      </div>
    </main>
  );
}
