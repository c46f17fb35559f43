import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createCueOutputs } from './cues/outputs';
import { setLocale } from './i18n/messages';
import { profileStore, selectProgram } from './store/profileStore';
import { createTrainingActions } from './store/trainingActions';
import { ActionsContext } from './ui/actions';
import { App } from './ui/App';
import './ui/app.css';

setLocale(navigator.language);
// The selected program starts with the parameters its progression suggests.
selectProgram(profileStore.getState().selectedId);
const actions = createTrainingActions({
  bluetooth: navigator.bluetooth ?? null,
  journal: null,
  cueOutputs: createCueOutputs(() => profileStore.getState().prefs),
  search: location.search,
});
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ActionsContext.Provider value={actions}>
        <App bluetoothAvailable={navigator.bluetooth !== undefined} />
      </ActionsContext.Provider>
    </StrictMode>,
  );
}
// `?sensor=simulated` (what `npm start` opens) starts the simulated sensor straight away.
if (new URLSearchParams(location.search).get('sensor') === 'simulated') actions.connectSimulated();
