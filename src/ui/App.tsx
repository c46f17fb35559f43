import { useStore } from 'zustand';
import type { HistoryStore } from '../store/historyStore';
import { languageStore } from '../store/languageStore';
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
export function App({ bluetoothAvailable, history }: { bluetoothAvailable: boolean; history: HistoryStore }) {
  const screen = useStore(screenStore, (s) => s.screen);
  // Every component reads its text with `t` as it renders, so a new language re-renders them all.
  useStore(languageStore, (s) => s.language);
  return (
    <div className={`app app-${screen}`}>
      {screen === 'train' && <TrainScreen />}
      {screen === 'results' && <ResultsScreen />}
      {screen === 'history' && <HistoryScreen history={history} />}
      {screen === 'settings' && <SettingsScreen />}
      {screen === 'home' && <HomeScreen bluetoothAvailable={bluetoothAvailable} history={history} />}
      {screen !== 'train' && <NavBar />}
      <Announcer />
    </div>
  );
}
