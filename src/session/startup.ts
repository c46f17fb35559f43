import { simulatedBluetooth } from '../ble/simulated';
import { sensorSession } from './sensorSession';

/** `?sensor=simulated` (what `npm start` opens) starts the simulated sensor straight away. */
export function startFromAddress(search: string): void {
  if (new URLSearchParams(search).get('sensor') === 'simulated') void sensorSession.connect(simulatedBluetooth(), true);
}
