import { describe, expect, it } from 'vitest';
import { createSimulatedBluetooth } from '../../firmware-sim/bluetooth.ts';
import { createCoachedUser } from '../../firmware-sim/coach.ts';
import { connectionStore } from '../../src/store/connectionStore.ts';
import { createTrainingActions } from '../../src/store/trainingActions.ts';

const services = { bluetooth: null, journal: null, cueOutputs: null, search: '' };

describe('the simulated sensor, loaded on demand', () => {
  it('says so plainly when its part of the app cannot be loaded, and stays usable', async () => {
    const attempts: string[] = [];
    const actions = createTrainingActions({
      ...services,
      search: '?seed=3',
      loadSimulatedSensor: (search) => {
        attempts.push(search);
        return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      },
    });
    const quiet = console.error;
    console.error = () => undefined;
    try {
      actions.connectSimulated();
      expect(connectionStore.getState()).toMatchObject({ status: 'connecting', simulated: true, error: null });
      await expect.poll(() => connectionStore.getState().status).toBe('failed');
      expect(connectionStore.getState().error).toEqual({ key: 'error.simulatedUnavailable', detail: '' });
      // Trying again tries again.
      actions.connectSimulated();
      await expect.poll(() => attempts.length).toBe(2);
    } finally {
      console.error = quiet;
    }
    expect(attempts).toEqual(['?seed=3', '?seed=3']);
    expect(actions.isTraining()).toBe(false);
  });
});

describe('the simulated sensor in its worker', () => {
  it('is switched off when the user disconnects or connects again, so no worker keeps squeezing in the background', async () => {
    const disposed: number[] = [];
    let made = 0;
    const actions = createTrainingActions({
      ...services,
      loadSimulatedSensor: () => {
        const n = ++made;
        const user = createCoachedUser(n);
        return Promise.resolve({ bluetooth: createSimulatedBluetooth(user), follow: (cue) => user.onCue(cue), dispose: () => disposed.push(n) });
      },
    });
    actions.connectSimulated();
    await expect.poll(() => connectionStore.getState().status).toBe('connected');
    expect(disposed).toEqual([]);
    // A second connection ends the first sensor; disconnecting ends the second.
    actions.connectSimulated();
    await expect.poll(() => connectionStore.getState().status).toBe('connected');
    expect(disposed).toEqual([1]);
    actions.disconnect();
    expect(disposed).toEqual([1, 2]);
  });
});
