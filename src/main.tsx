import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createCueOutputs } from './cues/outputs';
import { t } from './i18n/messages';
import { openJournal, requestPersistence } from './journal/journal';
import { journalOpener } from './session/journaling';
import { createHistoryStore } from './store/historyStore';
import { languageStore, startLanguage } from './store/languageStore';
import { profileStore, selectProgram } from './store/profileStore';
import { followProgram } from './store/screenStore';
import { createTrainingActions } from './store/trainingActions';
import { ActionsContext } from './ui/actions';
import { App } from './ui/App';
import './ui/app.css';

async function start(): Promise<void> {
  // The page's language follows the app's, so screen readers and voices pronounce it right.
  languageStore.subscribe(({ language }) => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  });
  startLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
  // The selected program starts with the parameters its progression suggests.
  selectProgram(profileStore.getState().selectedId);
  const journal = await openJournal();
  // Sessions still open from the last visit (a reload, a crash) are kept as interrupted.
  await journal.markInterrupted();
  void requestPersistence();
  followProgram();
  const history = createHistoryStore(journal);
  void history.refresh();
  const actions = createTrainingActions({
    bluetooth: navigator.bluetooth ?? null,
    journal: journalOpener(journal),
    cueOutputs: createCueOutputs(
      () => profileStore.getState().prefs,
      () => languageStore.getState().language,
    ),
    search: location.search,
    onJournalChanged: () => void history.refresh(),
  });
  // Leaving mid-set asks first; what was measured is in the journal either way.
  window.addEventListener('beforeunload', (event) => {
    if (actions.isTraining()) event.preventDefault();
  });
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <ActionsContext.Provider value={actions}>
          <App bluetoothAvailable={navigator.bluetooth !== undefined} history={history} />
        </ActionsContext.Provider>
      </StrictMode>,
    );
  }
  // `?sensor=simulated` (what `npm start` opens) starts the simulated sensor straight away.
  if (new URLSearchParams(location.search).get('sensor') === 'simulated') actions.connectSimulated();
}

void start();
