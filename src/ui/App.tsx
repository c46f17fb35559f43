import { useStore } from 'zustand';
import type { DataActions } from '../store/dataStore';
import type { HistoryStore } from '../store/historyStore';
import { screenStore } from '../store/screenStore';
import { Announcer } from './Announcer';
import { HistoryScreen } from './screens/HistoryScreen';
import { HomeScreen } from './screens/HomeScreen';
import { NavBar } from './screens/NavBar';
import { ResultsScreen } from './screens/ResultsScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { TrainScreen } from './screens/TrainScreen';
import './screens/screens.css';

/** One screen at a time; the training screen has the whole phone to itself. */
export function App({ bluetoothAvailable, history, data }: { bluetoothAvailable: boolean; history: HistoryStore; data: DataActions }) {
  const screen = useStore(screenStore, (s) => s.screen);
  return (
    <div className={`app app-${screen}`}>
      {screen === 'train' && <TrainScreen />}
      {screen === 'results' && <ResultsScreen />}
      {screen === 'history' && <HistoryScreen history={history} />}
      {screen === 'settings' && <SettingsScreen data={data} />}
      {screen === 'home' && <HomeScreen bluetoothAvailable={bluetoothAvailable} history={history} />}
      {screen !== 'train' && <NavBar />}
      <Announcer />
    </div>
  );
}
