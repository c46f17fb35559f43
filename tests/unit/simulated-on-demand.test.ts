import { describe, expect, it } from 'vitest';
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
