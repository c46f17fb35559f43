// First: the base styles, which each screen's own styles (imported with it) refine.
import './ui/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { createCueOutputs } from './cues/outputs';
import { t } from './i18n/messages';
import { openJournal, requestPersistence } from './journal/journal';
import { journalOpener } from './session/journaling';
import { createDataActions } from './store/dataStore';
import { createHistoryStore } from './store/historyStore';
import { languageStore, startLanguage } from './store/languageStore';
import { createPlanStore, knownMvc } from './store/planStore';
import { profileStore } from './store/profileStore';
import { followProgram } from './store/screenStore';
import { createTrainingActions } from './store/trainingActions';
import { offerUpdate } from './store/updateStore';
import { ActionsContext } from './ui/actions';
import { App } from './ui/App';

async function start(): Promise<void> {
  // The page's language follows the app's, so screen readers and voices pronounce it right.
  languageStore.subscribe(({ language }) => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  });
  // The first screen already in the person's language (its catalog is a chunk of its own).
  await startLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
  const journal = await openJournal();
  // Sessions still open from the last visit (a reload, a crash) are kept as interrupted.
  await journal.markInterrupted();
  void requestPersistence();
  followProgram();
  const history = createHistoryStore(journal);
  void history.refresh();
  // Today's program, with its parameters, is selected before the first screen shows.
  const plan = createPlanStore(journal);
  await plan.refresh();
  const actions = createTrainingActions({
    bluetooth: navigator.bluetooth ?? null,
    journal: journalOpener(journal),
    cueOutputs: createCueOutputs(
      () => profileStore.getState().prefs,
      () => languageStore.getState().language,
    ),
    search: location.search,
    onJournalChanged: () => void history.refresh(),
    // The summary's journal write starts after the listeners of program$ have run; a task later
    // the plan's read is queued behind it (IndexedDB runs transactions in order), so it sees it.
    onProgramDone: () => setTimeout(() => void plan.refresh(), 0),
    knownMvc: () => knownMvc(plan),
  });
  // Deleting everything ends the session being recorded first, so nothing is written after it.
  const data = createDataActions({ journal, history, stopRecording: () => actions.disconnect(), onDataChanged: () => void plan.refresh() });
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
  // A vibrating probe is stopped whenever the page goes out of sight.
  document.addEventListener('visibilitychange', () => actions.pageHidden(document.visibilityState === 'hidden'));
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <ActionsContext.Provider value={actions}>
          <App bluetoothAvailable={navigator.bluetooth !== undefined} history={history} plan={plan} data={data} />
        </ActionsContext.Provider>
      </StrictMode>,
    );
  }
  // `?sensor=simulated` (what `npm start` opens) starts the simulated sensor straight away.
  if (new URLSearchParams(location.search).get('sensor') === 'simulated') actions.connectSimulated();
  // Otherwise the sensor paired last time, without the chooser, where the browser allows it.
  else actions.reconnectRemembered();
}

void start();
