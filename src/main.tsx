import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { createCueOutputs } from './cues/outputs';
import { setLocale } from './i18n/messages';
import { openJournal, requestPersistence } from './journal/journal';
import { journalOpener } from './session/journaling';
import { createHistoryStore } from './store/historyStore';
import { profileStore, selectProgram } from './store/profileStore';
import { followProgram } from './store/screenStore';
import { createTrainingActions } from './store/trainingActions';
import { offerUpdate } from './store/updateStore';
import { ActionsContext } from './ui/actions';
import { App } from './ui/App';
import './ui/app.css';

async function start(): Promise<void> {
  setLocale(navigator.language);
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
    cueOutputs: createCueOutputs(() => profileStore.getState().prefs),
    search: location.search,
    onJournalChanged: () => void history.refresh(),
  });
  // Leaving mid-set asks first; what was measured is in the journal either way.
  window.addEventListener('beforeunload', (event) => {
    if (actions.isTraining()) event.preventDefault();
  });
  // Offline after the first visit; a new version waits for the person's choice (UpdatePrompt).
  const activate = registerSW({
    onNeedRefresh: () =>
      offerUpdate(() => {
        // Reload once the new version controls the page (registerSW does so only for a page it found controlled).
        navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
        return activate();
      }),
    // The new version took over (this tab or another chose it): reload into it, but never mid-set.
    onNeedReload: () => {
      if (!actions.isTraining()) location.reload();
    },
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
