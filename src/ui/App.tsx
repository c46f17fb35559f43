import { useStore } from 'zustand';
import type { HistoryStore } from '../store/historyStore';
import type { PlanStore } from '../store/planStore';
import { screenStore } from '../store/screenStore';
import { Announcer } from './Announcer';
import { HistoryScreen, ResultsScreen, SettingsScreen } from './onDemand';
import { HomeScreen } from './screens/HomeScreen';
import { NavBar } from './screens/NavBar';
import { TrainScreen } from './screens/TrainScreen';
import { UpdatePrompt } from './UpdatePrompt';
import './screens/screens.css';

/** One screen at a time; the training screen has the whole phone to itself. */
export function App({ bluetoothAvailable, history, plan }: { bluetoothAvailable: boolean; history: HistoryStore; plan: PlanStore }) {
  const screen = useStore(screenStore, (s) => s.screen);
  return (
    <div className={`app app-${screen}`}>
      {screen !== 'train' && <UpdatePrompt />}
      {screen === 'train' && <TrainScreen />}
      {screen === 'results' && <ResultsScreen />}
      {screen === 'history' && <HistoryScreen history={history} />}
      {screen === 'settings' && <SettingsScreen />}
      {screen === 'home' && <HomeScreen bluetoothAvailable={bluetoothAvailable} history={history} plan={plan} />}
      {screen !== 'train' && <NavBar />}
      <Announcer />
    </div>
  );
}
