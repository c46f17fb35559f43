/**
 * The simulated sensor's own thread: the virtual user, its model and the device run here, as a
 * real probe runs in its own hardware, and the page receives only the device's notifications.
 * The first message is the page address's query (the sensor's options, see simulatedSensor.ts).
 */
import { serveBluetooth, type Port } from '../../firmware-sim/remote';
import type { ProgramCue } from '../programs/types';
import { simulatedSensor } from './simulatedSensor';

const scope = self as unknown as Port;

scope.onmessage = (event: MessageEvent<{ search: string }>) => {
  const sensor = simulatedSensor(event.data.search);
  serveBluetooth(scope, sensor.bluetooth, (cue) => sensor.follow(cue as ProgramCue));
  scope.postMessage('ready');
};
