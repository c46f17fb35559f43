import { useStore } from 'zustand';
import { t } from '../i18n/messages';
import { LiveBuffer } from '../session/liveBuffer';
import type { HistoryStore } from '../store/historyStore';
import { sessionStore } from '../store/sessionStore';
import { SessionHistory } from './SessionHistory';
import { ConnectPanel } from './ConnectPanel';
import { JournalNotice } from './JournalNotice';
import { SaveRecordingButton } from './SaveRecordingButton';
import { LiveChart } from './LiveChart';
import { PressureReadout } from './PressureReadout';
import { ProgramPanel } from './program/ProgramPanel';
import { TrainingBar } from './program/TrainingBar';

/** What the chart and readout show before the first sensor: nothing. */
const NO_SAMPLES = new LiveBuffer(1);

export function App({ bluetoothAvailable, history }: { bluetoothAvailable: boolean; history: HistoryStore }) {
  const session = useStore(sessionStore, (s) => s.session);
  return (
    <main className="app">
      <header>
        <h1>{t('app.title')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
      </header>
      <ConnectPanel bluetoothAvailable={bluetoothAvailable} />
      <section className="live">
        <TrainingBar />
        <PressureReadout buffer={session?.buffer ?? NO_SAMPLES} />
        <LiveChart buffer={session?.buffer ?? NO_SAMPLES} />
        <JournalNotice history={history} />
        <SaveRecordingButton />
      </section>
      <ProgramPanel history={history} />
      <SessionHistory history={history} />
    </main>
  );
}
