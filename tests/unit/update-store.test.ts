import { describe, expect, it } from 'vitest';
import { applyUpdate, dismissUpdate, offerUpdate, updateStore } from '../../src/store/updateStore.ts';

describe('updateStore', () => {
  it('offers a waiting version, activates it only when asked, and can be put off', async () => {
    let activations = 0;
    const activate = () => {
      activations++;
      return Promise.resolve();
    };
    expect(updateStore.getState().ready).toBe(false);
    offerUpdate(activate);
    expect(updateStore.getState().ready).toBe(true);
    dismissUpdate();
    expect(updateStore.getState().ready).toBe(false);
    expect(activations).toBe(0);
    offerUpdate(activate);
    applyUpdate();
    await Promise.resolve();
    expect(activations).toBe(1);
    expect(updateStore.getState().ready).toBe(false);
  });
});
