import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulatedBluetooth } from '../../firmware-sim/bluetooth';
import { createCoachedUser } from '../../firmware-sim/coach';
import { RECONNECT_DELAYS_MS } from '../../src/ble/connection';
import { acknowledgeSafety, selectProgram, setCueFollower, setParam, startProgram } from '../../src/programs/controller';
import { sensorSession } from '../../src/session/sensorSession';
import { connectionStore } from '../../src/store/connectionStore';
import { programStore } from '../../src/store/programStore';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
});
afterEach(() => {
  sensorSession.disconnect();
  vi.useRealTimers();
});

describe('a strength set on the simulated sensor, with the link dropping mid-set', () => {
  it('reconnects by itself, keeps the reps already judged, and judges the rest', async () => {
    const user = createCoachedUser(5, { freePractice: false, mvcCmH2O: 35 });
    setCueFollower((cue) => user.onCue(cue));
    const bluetooth = createSimulatedBluetooth(user);
    await sensorSession.connect(bluetooth, true);
    expect(connectionStore.getState().status).toBe('connected');

    acknowledgeSafety();
    selectProgram('strength');
    setParam('holdMs', 4);
    setParam('restMs', 6);
    setParam('reps', 4);
    startProgram();

    // Lead-in (5 s), then two reps of 4 s hold and 6 s rest.
    await vi.advanceTimersByTimeAsync(5000 + 2 * 10_000 - 2000);
    const before = programStore.getState().results;
    expect(before).toHaveLength(2);

    bluetooth.device.simulateDisconnect();
    expect(connectionStore.getState().status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(RECONNECT_DELAYS_MS[0] + 100);
    expect(connectionStore.getState().status).toBe('connected');

    await vi.advanceTimersByTimeAsync(2 * 10_000 + 5000);
    const { results, status } = programStore.getState();
    expect(status).toBe('done');
    // The two reps judged before the drop are still there, unchanged.
    expect(results.slice(0, 2)).toEqual(before);
    // And the set goes on: every squeeze after the drop was measured and judged, none missed.
    expect(results.map((r) => r.kind)).toEqual(['rep', 'rep', 'rep', 'rep']);
    for (const r of results) if (r.kind === 'rep') expect(r.rep.peakCmH2O).toBeGreaterThan(15);
    expect(sensorSession.recorder.gaps).toHaveLength(1);
  });
});
