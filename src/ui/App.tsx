import { t } from '../i18n/messages';
import { sensorSession } from '../session/sensorSession';
import { simulatedBluetooth } from '../ble/simulated';
import type { BluetoothLike } from '../../protocol/gatt';
import { ConnectPanel } from './ConnectPanel';
import { SaveRecordingButton } from './SaveRecordingButton';
import { LiveChart } from './LiveChart';
import { PressureReadout } from './PressureReadout';
import { ProgramPanel } from './program/ProgramPanel';
import { TrainingBar } from './program/TrainingBar';

const browserBluetooth: BluetoothLike | null = typeof navigator !== 'undefined' && navigator.bluetooth ? navigator.bluetooth : null;

export function App() {
  return (
    <main className="app">
      <header>
        <h1>{t('app.title')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
      </header>
      <ConnectPanel
        bluetoothAvailable={browserBluetooth !== null}
        onConnect={() => browserBluetooth && void sensorSession.connect(browserBluetooth, false)}
        onSimulate={() => void sensorSession.connect(simulatedBluetooth(), true)}
        onDisconnect={() => sensorSession.disconnect()}
      />
      <section className="live">
        <TrainingBar />
        <PressureReadout buffer={sensorSession.buffer} />
        <LiveChart buffer={sensorSession.buffer} />
        <SaveRecordingButton />
      </section>
      <ProgramPanel />
    </main>
  );
}
