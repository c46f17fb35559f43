import { remoteBluetooth } from '../../firmware-sim/remote';
import type { SimulatedSensor } from './simulatedSensor';

/**
 * The simulated sensor started in a worker (simulatedSensorWorker.ts), so that modelling a
 * person squeezing costs the page's main thread nothing, as a real probe costs it nothing.
 * Resolves once the worker runs; rejects if it cannot start. null where there are no workers.
 */
export function simulatedSensorInWorker(search: string): Promise<SimulatedSensor> | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./simulatedSensorWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  return new Promise((resolve, reject) => {
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error(`The simulated sensor's worker did not start: ${event.message}`));
    };
    worker.onmessage = (event: MessageEvent) => {
      if (event.data !== 'ready') return;
      worker.onerror = null;
      const { bluetooth, follow } = remoteBluetooth(worker);
      resolve({ bluetooth, follow, dispose: () => worker.terminate() });
    };
    worker.postMessage({ search });
  });
}
