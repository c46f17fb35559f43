import { lazy, Suspense } from 'react';
import { useStore } from 'zustand';
import { t } from '../i18n/messages';
import type { DataActions } from '../store/dataStore';
import type { HistoryStore } from '../store/historyStore';
import type { PlanStore } from '../store/planStore';
import { languageStore } from '../store/languageStore';
import { screenStore } from '../store/screenStore';
import { Announcer } from './Announcer';
import { HistoryScreen, ResultsScreen, SettingsScreen } from './onDemand';
import { HomeScreen } from './screens/HomeScreen';
import { NavBar } from './screens/NavBar';
import { TrainScreen } from './screens/TrainScreen';
import { UpdatePrompt } from './UpdatePrompt';
import './screens/screens.css';

// Loaded when first opened, so they do not weigh on the first load.
const ProgressScreen = lazy(() => import('./progress/ProgressScreen'));
const ReportScreen = lazy(() => import('./progress/ReportScreen'));
const loading = <p role="status">{t('progress.loading')}</p>;

/** One screen at a time; the training screen has the whole phone to itself. */
export function App({ bluetoothAvailable, history, plan, data }: { bluetoothAvailable: boolean; history: HistoryStore; plan: PlanStore; data: DataActions }) {
  const screen = useStore(screenStore, (s) => s.screen);
  // Every component reads its text with `t` as it renders, so a new language re-renders them all.
  useStore(languageStore, (s) => s.language);
  return (
    <div className={`app app-${screen}`}>
      {screen !== 'train' && <UpdatePrompt />}
      {screen === 'train' && <TrainScreen />}
      {screen === 'results' && <ResultsScreen />}
      {screen === 'history' && <HistoryScreen history={history} />}
      {screen === 'settings' && <SettingsScreen data={data} />}
      {(screen === 'progress' || screen === 'report') && (
        <Suspense fallback={loading}>{screen === 'progress' ? <ProgressScreen history={history} /> : <ReportScreen history={history} />}</Suspense>
      )}
      {screen === 'home' && <HomeScreen bluetoothAvailable={bluetoothAvailable} history={history} plan={plan} />}
      {screen !== 'train' && <NavBar />}
      <Announcer />
    </div>
  );
}
